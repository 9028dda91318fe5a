import datetime

from django.contrib import messages
from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import seo as core_seo
from core.models import BasePage

from .blocks import StoryBodyBlock
from .reading_time import reading_minutes

LISTING_PAGE_SIZE = 12
# A FAQ category lists this many questions a page; the knowledge base shows the first few of
# each category with a link to the category for the rest.
FAQ_PAGE_SIZE = 20
KNOWLEDGE_BASE_PREVIEW = 5
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


class Author(TranslatableMixin, models.Model):
    """A person who writes the brand's stories."""

    name = models.CharField(_("name"), max_length=80)
    role = models.CharField(
        _("role"), max_length=80, blank=True, help_text=_("For example: head roaster, founder.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StoryIndexPage(RoutablePageMixin, BasePage):
    """All stories of one language: featured first, then newest first; filters and feeds."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    @path("")
    def index(self, request):
        from .selectors import StoryFilterError, story_listing

        context = self.get_context(request)
        status = 200
        try:
            listing = story_listing(
                index=self,
                request=request,
                category=request.GET.get("category", ""),
                tag=request.GET.get("tag", ""),
                page_number=request.GET.get("page"),
                per_page=LISTING_PAGE_SIZE,
            )
        except StoryFilterError as error:
            listing = None
            status = 404
            messages.error(request, error.message)
        context["listing"] = listing
        context["stories"] = listing.page if listing else None
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        from .feeds import StoryAtomFeed

        return StoryAtomFeed(self)(request)

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        from .feeds import StoryRssFeed

        return StoryRssFeed(self)(request)

    def feed_urls(self) -> dict[str, str]:
        return {
            "atom": self.url + self.reverse_subpage("feed_atom"),
            "rss": self.url + self.reverse_subpage("feed_rss"),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feed_urls"] = self.feed_urls()
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPageAuthor(Orderable):
    """An author of a story, in the order the editor gives."""

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="story_authors")
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class StoryPageRelatedStory(Orderable):
    """A story the editor recommends after this one."""

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="related_links")
    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("related story")
        verbose_name_plural = _("related stories")


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
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured stories come first in the index.")
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("tags"),
                FieldPanel("date"),
                FieldPanel("featured"),
            ],
            heading=_("About this story"),
        ),
        InlinePanel("story_authors", heading=_("Authors"), label=_("author")),
        FieldPanel("body"),
        InlinePanel(
            "related_links",
            heading=_("Related stories"),
            label=_("related story"),
            help_text=_("Leave empty to show stories that share this story's tags and category."),
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("hero_image"),
        TranslatableField("category"),
        SynchronizedField("tagged_items"),
        SynchronizedField("date"),
        SynchronizedField("featured"),
        SynchronizedField("story_authors"),
        TranslatableField("body"),
        SynchronizedField("related_links"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    route_select_related = ("social_image", "hero_image", "category")
    og_type = "article"
    # The kinds of community post its thread accepts (community's ``PostKind``).
    allowed_post_kinds = ("tip", "question")

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def body_text(self) -> str:
        """The words of the body, without markup (what a reader reads)."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body))

    def reading_time(self, language: str | None = None) -> int:
        """Minutes to read the body, in ``language`` (by default this story's language)."""
        return reading_minutes(self.body_text(), language or self.locale.language_code)

    def index_url(self, request=None) -> str:
        """The story index's address: a story's address is its index's plus its slug."""
        url = self.get_url(request)
        return url[: -len(self.slug) - 1] if url and url.endswith(f"/{self.slug}/") else ""

    def ld_entity(self, request, *, seo, context):
        """An ``Article``, published by the brand."""
        article = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": Truncator(self.title).chars(110),
            "description": seo.description,
            "inLanguage": get_language(),
            "mainEntityOfPage": seo.canonical,
            "datePublished": self.date.isoformat(),
            "publisher": core_seo.organization(request, core_seo.language_home(request)),
        }
        if self.last_published_at:
            article["dateModified"] = self.last_published_at.isoformat()
        if seo.image:
            article["image"] = [seo.image]
        article["publisher"].pop("@context")
        return [article]

    def get_context(self, request, *args, **kwargs):
        from .selectors import cached_page_context, story_page_context

        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor: kept until any content changes.
        context.update(cached_page_context(self, lambda: story_page_context(story=self), request))
        # The page is served in its own language (i18n_patterns), so no locale query.
        context["reading_time"] = self.reading_time(get_language())
        context["index_url"] = self.index_url(request)
        return context


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
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        products = (
            ProductPage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("path")
        )
        # As the story index: a page number out of range or not a number shows the nearest page.
        context["products"] = Paginator(products, LISTING_PAGE_SIZE).get_page(
            request.GET.get("page")
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
        verbose_name=_("main image"),
        help_text=_("Shown first on the product page and in listings."),
    )
    route_select_related = ("social_image", "image")
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    where_to_buy_url = models.URLField(
        _("where to buy"), blank=True, help_text=_("A link to the shop that sells this product.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        InlinePanel(
            "gallery_images",
            heading=_("More images"),
            label=_("image"),
            help_text=_("Further pictures, shown after the main image in this order."),
        ),
        FieldPanel("description"),
        FieldPanel("where_to_buy_url"),
        InlinePanel("related_stories", heading=_("Related stories"), label=_("story")),
        InlinePanel("related_faqs", heading=_("Related FAQs"), label=_("FAQ")),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("summary"),
        SynchronizedField("image"),
        TranslatableField("gallery_images"),
        TranslatableField("description"),
        SynchronizedField("where_to_buy_url"),
        SynchronizedField("related_stories"),
        SynchronizedField("related_faqs"),
    ]

    parent_page_types = ["stories.ProductIndexPage"]
    subpage_types: list[str] = []
    og_type = "product"
    allowed_post_kinds = ("review", "question", "tip")  # reviews on products only

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def ld_entity(self, request, *, seo, context):
        """A ``Product`` with its pictures and, once it has approved reviews, its rating."""
        from community.selectors import review_summary

        home = core_seo.language_home(request)
        images = [seo.image] if seo.image else []
        gallery = context.get("gallery")
        if gallery is None:
            gallery = self.gallery_images.select_related("image")
        images += [core_seo.image_url(request, item.image) for item in gallery]
        product = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": self.title,
            "description": core_seo.plain(self.summary, None),
            "url": seo.canonical,
            "brand": {"@type": "Brand", "name": home.title if home else self.title},
        }
        if images:
            product["image"] = images
        summary = review_summary(page=self, request=request)
        if summary.count:  # only approved reviews count, and none means no rating at all
            product["aggregateRating"] = {
                "@type": "AggregateRating",
                "ratingValue": summary.average,
                "reviewCount": summary.count,
                "bestRating": 5,
                "worstRating": 1,
            }
        return [product]

    def get_context(self, request, *args, **kwargs):
        from .selectors import cached_page_context, product_page_context

        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor: kept until any content changes.
        context.update(
            cached_page_context(self, lambda: product_page_context(product=self), request)
        )
        return context


class ProductGalleryImage(TranslatableMixin, Orderable):
    """One more picture of a product, after its main image."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    translatable_fields = [
        SynchronizedField("image"),
        TranslatableField("alt_text"),
        TranslatableField("caption"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("product image")
        verbose_name_plural = _("product images")


class ProductRelatedStory(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="related_stories")
    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("related story")
        verbose_name_plural = _("related stories")


class ProductRelatedFAQ(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="related_faqs")
    faq = models.ForeignKey(
        "stories.FAQPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("FAQ")
    )

    panels = [FieldPanel("faq")]

    class Meta(Orderable.Meta):
        verbose_name = _("related FAQ")
        verbose_name_plural = _("related FAQs")


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
        from .selectors import knowledge_base_categories

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = knowledge_base_categories(
            knowledge_base=self, preview=KNOWLEDGE_BASE_PREVIEW
        )
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
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        faqs = FAQPage.objects.live().public().child_of(self).order_by("path")
        context["faqs"] = Paginator(faqs, FAQ_PAGE_SIZE).get_page(request.GET.get("page"))
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
        InlinePanel("related_products", heading=_("Related products"), label=_("product")),
        InlinePanel("related_faqs", heading=_("Related FAQs"), label=_("FAQ")),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("short_answer"),
        TranslatableField("answer"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("related_products"),
        SynchronizedField("related_faqs"),
    ]

    parent_page_types = ["stories.FAQCategoryPage"]
    subpage_types: list[str] = []
    allowed_post_kinds = ("question", "tip")

    class Meta:
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def ld_entity(self, request, *, seo, context):
        """A ``FAQPage`` of one question and its answer (the short one, then the full)."""
        answer = " ".join(
            part for part in (self.short_answer, core_seo.plain(self.answer, None)) if part
        )
        return [
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "inLanguage": get_language(),
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": self.title,
                        "acceptedAnswer": {"@type": "Answer", "text": answer},
                    }
                ],
            }
        ]

    def get_context(self, request, *args, **kwargs):
        from .forms import FAQFeedbackForm
        from .selectors import cached_page_context, faq_page_context

        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor: kept until any content changes.
        context.update(cached_page_context(self, lambda: faq_page_context(faq=self), request))
        context.setdefault("feedback_form", FAQFeedbackForm())
        return context


class FAQRelatedProduct(Orderable):
    page = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey(
        ProductPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("related product")
        verbose_name_plural = _("related products")


class FAQRelatedFAQ(Orderable):
    page = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="related_faqs")
    faq = models.ForeignKey(
        FAQPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("FAQ")
    )

    panels = [FieldPanel("faq")]

    class Meta(Orderable.Meta):
        verbose_name = _("related FAQ")
        verbose_name_plural = _("related FAQs")


class FAQFeedback(models.Model):
    """One visitor's answer to "Was this helpful?" on one FAQ; voting again changes it.

    A visitor is a random id in a signed cookie; a visitor without that cookie is a new
    visitor. Neither the address nor anything derived from it is stored."""

    COMMENT_MAX_LENGTH = 500

    faq = models.ForeignKey(
        FAQPage, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("FAQ")
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    visitor_id = models.CharField(_("visitor"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("first voted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("FAQ feedback")
        verbose_name_plural = _("FAQ feedback")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["faq", "visitor_id"], name="one_vote_per_visitor"),
        ]

    def __str__(self) -> str:
        return f"{self.faq_id}: {'yes' if self.helpful else 'no'}"
