"""Reads that pages share: what the home page shows of each section."""

from typing import Any

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
