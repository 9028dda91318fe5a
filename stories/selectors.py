"""Reads that pages share: the home page's sections, the story index, authors, related
stories, products and FAQs, FAQ review dates and helpfulness. Each runs a fixed number of
queries, however many items there are."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from core.page_cache import cached
from core.privacy import private_q

from .models import (
    Author,
    FAQPage,
    KnowledgeBasePage,
    ProductIndexPage,
    ProductPage,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
    StoryPageAuthor,
    StoryPageTag,
)

RELATED_STORIES = 3


def unrestricted() -> Q:
    """Pages without a view restriction on themselves or an ancestor, as a condition on the
    path built from the cached restrictions (a correlated subquery per page, as Wagtail's
    ``.public()`` makes, grows with the number of pages: over a second on PostgreSQL at 2,000
    stories)."""
    return ~private_q()


def home_page_sections(*, home: Page, children: list[Page] | None = None) -> dict[str, Any]:
    """The latest stories, the products and a few FAQs under one language's home page, and
    the section pages they belong to (one query each, whatever the number of items).
    ``children``: the home page's live children, specific, when the caller has them."""
    if children is None:
        children = list(home.get_children().live().specific(defer=True))
    sections: dict[type, Page] = {}
    for child in children:
        sections.setdefault(type(child), child)
    return {
        "latest_stories": list(
            StoryPage.objects.live()
            .filter(unrestricted())
            .descendant_of(home)
            .select_related("hero_image", "category")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-pk")[:3]
        ),
        "products": list(
            ProductPage.objects.live()
            .filter(unrestricted())
            .descendant_of(home)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("path")[:4]
        ),
        "faqs": list(
            FAQPage.objects.live().filter(unrestricted()).descendant_of(home).order_by("path")[:5]
        ),
        "story_index": sections.get(StoryIndexPage),
        "product_index": sections.get(ProductIndexPage),
        "knowledge_base": sections.get(KnowledgeBasePage),
    }


def knowledge_base_categories(*, knowledge_base: KnowledgeBasePage, preview: int) -> list[Page]:
    """The knowledge base's live public categories, each with ``faqs`` (its first ``preview``
    live public questions) and ``faq_count`` (how many it has): two queries, and only the
    shown questions are loaded however many there are."""
    from .models import FAQCategoryPage

    categories = list(
        FAQCategoryPage.objects.live().public().child_of(knowledge_base).order_by("path")
    )
    if not categories:
        return []
    category = Substr("path", 1, knowledge_base.depth * FAQPage.steplen + FAQPage.steplen)
    faqs = (
        FAQPage.objects.live()
        .public()
        .descendant_of(knowledge_base)
        .annotate(
            category_path=category,
            position=Window(RowNumber(), partition_by=[category], order_by="path"),
            in_category=Window(Count("pk"), partition_by=[category]),
        )
        .filter(position__lte=preview)
        .order_by("path")
    )
    by_category: dict[str, list[FAQPage]] = {}
    counts: dict[str, int] = {}
    for faq in faqs:
        by_category.setdefault(faq.category_path, []).append(faq)
        counts[faq.category_path] = faq.in_category
    for category_page in categories:
        category_page.faqs = by_category.get(category_page.path, [])
        category_page.faq_count = counts.get(category_page.path, 0)
    return categories


def localized_live_pages(
    pages: list[Page], *, locale_id: int, queryset, private: Q | None = None
) -> list[Page]:
    """Each chosen page as the visitor should see it: its live, public translation in
    ``locale_id`` when there is one, otherwise the chosen page itself if it is live and public
    (a related item not yet translated still helps); pages that are neither are left out.
    One query for all of them; ``queryset`` says what to fetch along (images, categories), and
    ``private`` (``core.privacy.private_q()``, to share between calls) what is not public."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return []
    if private is None:
        private = private_q()
    candidates = list(queryset.live().exclude(private).filter(translation_key__in=keys))
    by_locale = {(c.translation_key, c.locale_id): c for c in candidates}
    by_pk = {c.pk: c for c in candidates}
    result: list[Page] = []
    for page in pages:
        found = by_locale.get((page.translation_key, locale_id)) or by_pk.get(page.pk)
        if found is not None and found not in result:
            result.append(found)
    return result


def product_page_context(*, product: ProductPage) -> dict[str, Any]:
    """The gallery and the related stories and FAQs of a product page, in its language."""
    gallery = list(
        product.gallery_images.select_related("image").prefetch_related("image__renditions")
    )
    stories = [row.story for row in product.related_stories.select_related("story")]
    faqs = [row.faq for row in product.related_faqs.select_related("faq")]
    private = private_q() if stories or faqs else None
    return {
        "gallery": gallery,
        "related_stories": localized_live_pages(
            stories,
            locale_id=product.locale_id,
            queryset=StoryPage.objects.select_related("hero_image", "category").prefetch_related(
                "hero_image__renditions"
            ),
            private=private,
        ),
        "related_faqs": localized_live_pages(
            faqs, locale_id=product.locale_id, queryset=FAQPage.objects.all(), private=private
        ),
    }


# Where the items of a page's context keep their pictures.
IMAGE_ATTRIBUTES = ("hero_image", "image", "photo")


def cached_page_context(page: Page, compute, request=None) -> dict[str, Any]:
    """``compute()`` (a page's context: lists of stories, products, authors, gallery items),
    the same for every visitor, kept for the content generation (``core.page_cache``); the
    renditions of its pictures are read fresh, all in one query (the first view of a page
    makes renditions, and a rendition is not a content change). A preview shows the draft's
    own context, never the cached one."""
    if getattr(request, "is_preview", False):
        return compute()
    context = cached(f"page-context:{page.pk}", compute)
    images = [
        image
        for value in context.values()
        if isinstance(value, list)
        for item in value
        for image in (getattr(item, name, None) for name in IMAGE_ATTRIBUTES)
        if image is not None
    ]
    for image in images:
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    prefetch_related_objects(images, "renditions")
    return context


def story_page_context(*, story: StoryPage) -> dict[str, Any]:
    """The tags, authors and related stories of a story page, in its language."""
    tags = list(story.tags.all())
    return {
        "tags": tags,
        "authors": story_authors(story=story),
        "related_stories": related_stories(story=story, tags=tags),
    }


def faq_page_context(*, faq: FAQPage) -> dict[str, Any]:
    """The related products and FAQs of a FAQ page, in its language."""
    products = [row.product for row in faq.related_products.select_related("product")]
    faqs = [row.faq for row in faq.related_faqs.select_related("faq")]
    private = private_q() if products or faqs else None
    return {
        "related_products": localized_live_pages(
            products,
            locale_id=faq.locale_id,
            queryset=ProductPage.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
            private=private,
        ),
        "related_faqs": localized_live_pages(
            faqs, locale_id=faq.locale_id, queryset=FAQPage.objects.all(), private=private
        ),
    }


def faqs_due_for_review(*, days: int | None = None, today: datetime.date | None = None):
    """FAQs whose answer nobody has checked for ``days`` days (``DANGOL_FAQ_REVIEW_DAYS`` by
    default), the longest unchecked first."""
    days = settings.DANGOL_FAQ_REVIEW_DAYS if days is None else days
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=days)
    return FAQPage.objects.filter(last_reviewed__lte=cutoff).order_by("last_reviewed", "pk")


def with_helpfulness(faqs):
    """FAQs annotated with ``helpful_yes``, ``helpful_no`` and ``helpful_total`` votes."""
    return faqs.annotate(
        helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
        helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
        helpful_total=Count("feedback"),
    )


# Members-only stories ----------------------------------------------------------------------


@dataclass(frozen=True)
class Restrictions:
    """Paths of pages whose privacy restricts their subtree: to logged-in users (members-only
    stories, listed with a badge) or otherwise (password, groups: never listed)."""

    members_only: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()

    @classmethod
    def for_request(cls, request) -> "Restrictions":
        """Loaded once per request."""
        if request is None:
            return cls.load()
        if not hasattr(request, "_story_restrictions"):
            request._story_restrictions = cls.load()
        return request._story_restrictions

    @classmethod
    def load(cls) -> "Restrictions":
        """From the site's privacy snapshot (``core.privacy``), cached until content changes."""
        from core.privacy import view_restrictions

        members_only, hidden = [], []
        for item in view_restrictions():
            if item.restriction.restriction_type == PageViewRestriction.LOGIN:
                members_only.append(item.path)
            else:
                hidden.append(item.path)
        return cls(tuple(members_only), tuple(hidden))

    def listable(self, queryset: QuerySet) -> QuerySet:
        for path in self.hidden:
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def is_hidden(self, page: Page) -> bool:
        return any(page.path.startswith(path) for path in self.hidden)

    def is_members_only(self, page: Page) -> bool:
        return any(page.path.startswith(path) for path in self.members_only)

    def mark(self, stories) -> list:
        stories = list(stories)
        for story in stories:
            story.members_only = self.is_members_only(story)
        return stories


def _cards(queryset: QuerySet) -> QuerySet:
    """What a story card shows, loaded with the stories."""
    return (
        queryset.select_related("hero_image", "category")
        .prefetch_related("hero_image__renditions")
        .defer_streamfields()
    )


# The story index ---------------------------------------------------------------------------


class StoryFilterError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class StoryListing:
    page: PaginatorPage
    categories: list[StoryCategory]
    tags: list[Tag]
    category: StoryCategory | None = None
    tag: Tag | None = None
    query: dict[str, str] = field(default_factory=dict)

    @property
    def query_prefix(self) -> str:
        """The filter part of the index's query string, for pagination links."""
        from urllib.parse import urlencode

        return urlencode(self.query)


def story_listing(
    *,
    index: StoryIndexPage,
    category: str = "",
    tag: str = "",
    page_number: Any = 1,
    per_page: int = 12,
    request=None,
) -> StoryListing:
    """The index's stories, featured first and then newest, optionally of one category or
    tag (slugs). Raises ``StoryFilterError`` for a category or tag that does not exist."""
    restrictions = Restrictions.for_request(request)
    stories = restrictions.listable(StoryPage.objects.live().child_of(index))
    categories = list(StoryCategory.objects.filter(locale_id=index.locale_id))
    tags = story_index_tags(index=index, restrictions=restrictions)
    listing_query: dict[str, str] = {}
    chosen_category = chosen_tag = None
    if category:
        chosen_category = next((c for c in categories if c.slug == category), None)
        if chosen_category is None:
            raise StoryFilterError(
                _("There is no story category “%(category)s”.") % {"category": category}
            )
        stories = stories.filter(category=chosen_category)
        listing_query["category"] = category
    if tag:
        chosen_tag = next((t for t in tags if t.slug == tag), None)
        if chosen_tag is None:
            raise StoryFilterError(_("No story is tagged “%(tag)s”.") % {"tag": tag})
        stories = stories.filter(tagged_items__tag=chosen_tag)
        listing_query["tag"] = tag
    stories = _cards(stories).order_by("-featured", "-date", "-pk")
    page = Paginator(stories, per_page).get_page(page_number)
    page.object_list = restrictions.mark(page.object_list)
    return StoryListing(
        page=page,
        categories=categories,
        tags=tags,
        category=chosen_category,
        tag=chosen_tag,
        query=listing_query,
    )


def story_index_tags(*, index: StoryIndexPage, restrictions: "Restrictions") -> list[Tag]:
    """The tags of the index's listable live stories, by name, for its tag filter: kept in the
    site's data cache until content changes (publishing, tagging, privacy), so that a request
    does not go through every story's tags."""

    def compute():
        stories = restrictions.listable(StoryPage.objects.live().child_of(index))
        tag_ids = StoryPageTag.objects.filter(content_object__in=stories).values("tag_id")
        return list(Tag.objects.filter(pk__in=tag_ids).order_by("name"))

    return cached(f"story-index-tags:{index.pk}", compute)


def feed_stories(*, index: StoryIndexPage, limit: int = 20) -> list[StoryPage]:
    """The newest stories of the index for its feeds (members-only ones show their intro)."""
    stories = Restrictions.load().listable(StoryPage.objects.live().child_of(index))
    return list(
        stories.select_related("category").defer_streamfields().order_by("-date", "-pk")[:limit]
    )


# One story ---------------------------------------------------------------------------------


def story_authors(*, story: StoryPage) -> list[Author]:
    """The story's authors in the editor's order, each in the story's language when
    translated (one query, and one for the photos' renditions)."""
    links = StoryPageAuthor.objects.filter(page_id=story.pk)
    candidates = (
        Author.objects.filter(
            translation_key__in=Author.objects.filter(pk__in=links.values("author_id")).values(
                "translation_key"
            )
        )
        .annotate(
            link_order=Subquery(
                links.filter(author_id=OuterRef("pk"))
                .order_by("sort_order", "pk")
                .values("sort_order")[:1]
            ),
            link_pk=Subquery(
                links.filter(author_id=OuterRef("pk")).order_by("sort_order", "pk").values("pk")[:1]
            ),
        )
        .select_related("photo")
        .prefetch_related("photo__renditions")
    )
    originals = []
    by_key = {}
    for author in candidates:
        if author.link_pk is not None:
            originals.append(author)
        if author.locale_id == story.locale_id:
            by_key[author.translation_key] = author
    originals.sort(key=lambda author: (author.link_order or 0, author.link_pk))
    return [by_key.get(original.translation_key, original) for original in originals]


def related_stories(
    *,
    story: StoryPage,
    limit: int = RELATED_STORIES,
    tags: list[Tag] | None = None,
    request=None,
) -> list[StoryPage]:
    """The stories the editor chose (in the story's language), or else the newest stories
    that share the most tags with it, then its category. ``tags``: the story's tags, when
    the caller has them already."""
    restrictions = Restrictions.for_request(request)
    candidates = restrictions.listable(
        StoryPage.objects.live().filter(locale_id=story.locale_id).exclude(pk=story.pk)
    )
    chosen_ids = [link.story_id for link in story.related_links.all()]
    if chosen_ids:
        key_by_pk = dict(
            StoryPage.objects.filter(pk__in=chosen_ids).values_list("pk", "translation_key")
        )
        order = {}
        for pk in chosen_ids:
            if pk in key_by_pk:
                order.setdefault(key_by_pk[pk], len(order))
        chosen = _cards(candidates.filter(translation_key__in=order))
        return restrictions.mark(sorted(chosen, key=lambda s: order[s.translation_key]))

    tag_ids = [tag.pk for tag in (story.tags.all() if tags is None else tags)]
    if not tag_ids and story.category_id is None:
        return []
    shares = Q(pk__in=[])
    same_category: Any = Value(0)
    if tag_ids:
        shares |= Q(tagged_items__tag_id__in=tag_ids)
    if story.category_id is not None:
        shares |= Q(category_id=story.category_id)
        same_category = Case(
            When(category_id=story.category_id, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    similar = (
        candidates.filter(shares)
        .annotate(
            shared_tags=Count(
                "tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True
            ),
            same_category=same_category,
        )
        .order_by("-shared_tags", "-same_category", "-date", "-pk")
        .distinct()
    )
    return restrictions.mark(_cards(similar)[:limit])
