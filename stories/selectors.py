"""Reads that pages share: what the home page shows of each section."""

from typing import Any

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from .models import (
    FAQPage,
    KnowledgeBasePage,
    ProductIndexPage,
    ProductPage,
    StoryIndexPage,
    StoryPage,
)


def unrestricted():
    """Pages without a view restriction on themselves or an ancestor, as a condition inside
    the query (Wagtail's ``.public()`` runs a query of its own each time it is used)."""
    restrictions_above = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("prefix"))
    return ~Exists(restrictions_above)


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
