from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage


class HomePage(BasePage):
    """The front page in each language: the brand's welcome and the doors into the site."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    welcome_heading = models.CharField(_("welcome heading"), max_length=120, blank=True)
    welcome_text = RichTextField(_("welcome text"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [FieldPanel("welcome_heading"), FieldPanel("welcome_text")],
            heading=_("Welcome"),
        ),
    ]

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("hero_heading"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image"),
        TranslatableField("welcome_heading"),
        TranslatableField("welcome_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stories.StoryIndexPage",
        "stories.ProductIndexPage",
        "stories.KnowledgeBasePage",
        "community.GuidelinesPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page at the URL's path in one query (by ``url_path``) instead of one per
        level, then let that page route itself (a live page is served, a routable page serves
        its own root view, anything else is a 404), as Wagtail's walk down the tree would.
        A path that is no page's (a sub-route such as the story index's feeds, an unknown
        address) takes Wagtail's walk."""
        if path_components:
            from core.page_cache import cached

            url_path = self.url_path + "/".join(path_components) + "/"
            found = cached(
                f"route:{self.pk}:{url_path}",
                lambda: (
                    Page.objects.filter(url_path=url_path, path__startswith=self.path)
                    .exclude(pk=self.pk)
                    .values_list("pk", "content_type_id")
                    .first()
                ),
                keep_none=False,
            )
            model = None
            if found is not None:
                model = ContentType.objects.get_for_id(found[1]).model_class()
            if model is not None:
                # The page's own fields with the pictures and the like it always shows.
                related = getattr(model, "route_select_related", ())
                page = model._default_manager.select_related(*related).filter(pk=found[0]).first()
                if page is not None:
                    return page.route(request, [])
        return super().route(request, path_components)

    def ld_entity(self, request, *, seo, context):
        """The site itself (``WebSite``) and the brand behind it (``Organization``)."""
        from core.seo import organization

        website = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.title,
            "url": seo.canonical,
            "inLanguage": translation.get_language(),
        }
        return [website, organization(request, self)]

    def get_context(self, request, *args, **kwargs):
        from core.templatetags.dangol_tags import section_pages
        from stories.selectors import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_sections(home=self, children=section_pages(request, self)))
        return context
