from anyascii import anyascii
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField


class BasePage(Page):
    """Fields and translation rules shared by every public page type."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social image"),
        help_text=_("Shown when the page is shared; the page's main image is used otherwise."),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("social_image"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        SynchronizedField("social_image"),
    ]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Slugs are ASCII so that both languages share them; a Korean title without a slug
        # gets its romanisation ("목요일은 로스팅 데이" → "mogyoileun-loseuting-dei"). The admin
        # fills the slug from the title by dropping what is not ASCII, which leaves only
        # dashes ("--") for a Korean title: that is no slug either.
        if self.title and not any(character.isalnum() for character in self.slug or ""):
            self.slug = slugify(anyascii(self.title))[:255]
        super().full_clean(*args, **kwargs)


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

    def get_context(self, request, *args, **kwargs):
        from stories.selectors import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_sections(home=self))
        return context


@register_setting(icon="site")
class BrandSettings(BaseSiteSetting):
    """Contact details and links shown in the footer of every page."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    kakao_channel_url = models.URLField(_("KakaoTalk channel"), blank=True)

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("instagram_url"),
        FieldPanel("kakao_channel_url"),
    ]

    class Meta:
        verbose_name = _("brand settings")
