"""``/sitemap.xml``: every live, public page of every language, each with its translations as
``hreflang`` alternates (and ``x-default``, the version in the default language).

Wagtail's own sitemap lists the pages under the site's root page only, which here is the
Korean home page: the English tree is a sibling of it."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        in_some_home = Q()
        for home in homes:
            in_some_home |= Q(path__startswith=home.path)
        if not in_some_home:
            return Page.objects.none()
        return (
            Page.objects.live()
            .public()
            .filter(in_some_home)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in items}
        versions: dict = {}
        for version in (
            Page.objects.live().public().filter(translation_key__in=keys).select_related("locale")
        ):
            versions.setdefault(version.translation_key, []).append(version)
        urls, last_mods = [], set()
        for item in items:
            alternates = [
                {"lang_code": version.locale.language_code, "location": version.get_full_url()}
                for version in sorted(
                    versions.get(item.translation_key, []), key=lambda v: v.locale.language_code
                )
            ]
            default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
            if len(alternates) > 1 and default:
                alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": lastmod,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
