import datetime

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage

from .blocks import StoryBodyBlock

LISTING_PAGE_SIZE = 12
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class StoryCategory(TranslatableMixin, models.Model):
    """A kind of story (brand philosophy, customer stories, behind the scenes, guides & tips)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in filter links; the same in every language.")
    )
    description = models.TextField(_("description"), blank=True, max_length=300)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("story category")
        verbose_name_plural = _("story categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_story_category_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class StoryIndexPage(BasePage):
    """All stories of one language, newest first."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = (
            StoryPage.objects.live()
            .public()
            .child_of(self)
            .select_related("hero_image", "category")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-pk")
        )
        context["stories"] = Paginator(stories, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(BasePage):
    """A brand story: philosophy, a customer's episode, behind the scenes, a guide."""

    intro = models.TextField(
        _("introduction"), max_length=500, help_text=_("One or two sentences shown in listings.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    category = models.ForeignKey(
        StoryCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("category"),
    )
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))
    date = models.DateField(_("publication date"), default=datetime.date.today)
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("tags"), FieldPanel("date")],
            heading=_("About this story"),
        ),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("hero_image"),
        TranslatableField("category"),
        SynchronizedField("tagged_items"),
        SynchronizedField("date"),
        TranslatableField("body"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")


class ProductIndexPage(BasePage):
    """The catalogue of products the community gathers around."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.ProductPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("product index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = (
            ProductPage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("path")
        )
        return context


class ProductPage(BasePage):
    """A product in the catalogue (not a shop): where reviews and questions gather."""

    summary = models.TextField(_("summary"), max_length=300)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    where_to_buy_url = models.URLField(
        _("where to buy"), blank=True, help_text=_("A link to the shop that sells this product.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldPanel("where_to_buy_url"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("summary"),
        SynchronizedField("image"),
        TranslatableField("description"),
        SynchronizedField("where_to_buy_url"),
    ]

    parent_page_types = ["stories.ProductIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")


class KnowledgeBasePage(BasePage):
    """The FAQ knowledge base: categories of frequently asked questions."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.FAQCategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = list(FAQCategoryPage.objects.live().public().child_of(self).order_by("path"))
        faqs = FAQPage.objects.live().public().descendant_of(self).order_by("path")
        by_parent_path: dict[str, list[FAQPage]] = {}
        for faq in faqs:
            by_parent_path.setdefault(faq.path[: -FAQPage.steplen], []).append(faq)
        for category in categories:
            category.faqs = by_parent_path.get(category.path, [])
        context["categories"] = categories
        return context


class FAQCategoryPage(BasePage):
    """A group of related questions, such as ordering and delivery or brewing."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["stories.KnowledgeBasePage"]
    subpage_types = ["stories.FAQPage"]

    class Meta:
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faqs"] = FAQPage.objects.live().public().child_of(self).order_by("path")
        return context


class FAQPage(BasePage):
    """One question (the page title) with a short and a full answer."""

    short_answer = models.TextField(
        _("short answer"), max_length=300, help_text=_("One or two sentences that answer at once.")
    )
    answer = RichTextField(_("full answer"), features=RICH_TEXT_FEATURES)
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=datetime.date.today,
        help_text=_("When someone last checked that this answer is still true."),
    )

    content_panels = [
        FieldPanel("title", heading=_("Question")),
        FieldPanel("short_answer"),
        FieldPanel("answer"),
        FieldPanel("last_reviewed"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("short_answer"),
        TranslatableField("answer"),
        SynchronizedField("last_reviewed"),
    ]

    parent_page_types = ["stories.FAQCategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")
