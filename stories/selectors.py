"""Reads that pages share: what the home page shows of each section, related items, FAQ
review dates and helpfulness."""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from .models import (
    FAQPage,
    KnowledgeBasePage,
    ProductIndexPage,
    ProductPage,
    StoryIndexPage,
    StoryPage,
)


def home_page_sections(*, home: Page) -> dict[str, Any]:
    """The latest stories, the products and a few FAQs under one language's home page."""
    return {
        "latest_stories": list(
            StoryPage.objects.live()
            .public()
            .descendant_of(home)
            .select_related("hero_image", "category")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-pk")[:3]
        ),
        "products": list(
            ProductPage.objects.live()
            .public()
            .descendant_of(home)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("path")[:4]
        ),
        "faqs": list(FAQPage.objects.live().public().descendant_of(home).order_by("path")[:5]),
        "story_index": StoryIndexPage.objects.live().child_of(home).first(),
        "product_index": ProductIndexPage.objects.live().child_of(home).first(),
        "knowledge_base": KnowledgeBasePage.objects.live().child_of(home).first(),
    }


def localized_live_pages(
    pages: list[Page], *, locale_id: int, queryset, private: Q | None = None
) -> list[Page]:
    """Each chosen page as the visitor should see it: its live, public translation in
    ``locale_id`` when there is one, otherwise the chosen page itself if it is live and public
    (a related item not yet translated still helps); pages that are neither are left out.
    One query for all of them; ``queryset`` says what to fetch along (images, categories), and
    ``private`` (``Page.objects.private_q()``, to share between calls) what is not public."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return []
    if private is None:
        private = Page.objects.private_q()
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
    private = Page.objects.private_q() if stories or faqs else None
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


def faq_page_context(*, faq: FAQPage) -> dict[str, Any]:
    """The related products and FAQs of a FAQ page, in its language."""
    products = [row.product for row in faq.related_products.select_related("product")]
    faqs = [row.faq for row in faq.related_faqs.select_related("faq")]
    private = Page.objects.private_q() if products or faqs else None
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
