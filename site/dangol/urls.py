from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as home_views
from core.sitemaps import TranslatedSitemap
from stories import views as stories_views

handler429 = home_views.too_many_requests  # django-allauth answers its rate limits with it

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    # Stable short links to FAQs, language-neutral: they lead to the visitor's language.
    path("faq/<id:pk>/", stories_views.faq_short_link, name="faq_short_link"),
    path("api/search/", include("search.api_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or settings.DANGOL_SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Every public page lives under its language prefix: /ko/… and /en/…
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("search/", include("search.urls")),
    path("community/", include("community.urls")),
    path("", include("stories.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
