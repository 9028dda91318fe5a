"""The demo's stories, products and FAQs in Korean, translated into English."""

import datetime
import random
import uuid

from wagtail.models import Locale, Page

from home.demo.loader import publish
from home.demo.translation import translate
from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    StoryCategoryFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from stories.models import StoryCategory

from . import content

BLOCK_ID_NAMESPACE = uuid.UUID("7f5f3c1e-4c55-4f5e-9d59-2f3c8f0b7a11")


def _stream(blocks: list, *, key: str, images: dict) -> list[dict]:
    """StreamField data with ids that depend only on the story, so both languages share them."""
    data = []
    for index, (block_type, value) in enumerate(blocks):
        if block_type == "image":
            value = {**value, "image": images[value["image"]].pk}
        block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}-{index}"))
        data.append({"type": block_type, "value": value, "id": block_id})
    return data


class DemoStories:
    def __init__(self, *, home: Page, images: dict, editor, rng: random.Random, stdout):
        self.home = home
        self.images = images
        self.editor = editor
        self.rng = rng
        self.stdout = stdout
        self.korean = Locale.objects.get(language_code="ko")
        self.english = Locale.objects.get(language_code="en")

    def load(self) -> None:
        categories = self.categories()
        self.stories(categories)
        self.products()
        self.faqs()

    def _page(self, factory, *, parent: Page, slug: str, korean: dict, english: dict, **fields):
        page = parent.get_children().filter(slug=slug).specific().first()
        if page is None:
            page = factory(parent=parent, slug=slug, owner=self.editor, **korean, **fields)
            publish(page, self.editor)
            self.stdout.write(f"  {page.title}")
        translate(page, english, locale=self.english, user=self.editor)
        return page

    def categories(self) -> dict[str, StoryCategory]:
        categories = {}
        for entry in content.CATEGORIES:
            category = StoryCategory.objects.filter(slug=entry["slug"], locale=self.korean).first()
            if category is None:
                category = StoryCategoryFactory(
                    slug=entry["slug"], locale=self.korean, **entry["ko"]
                )
            translate(category, entry["en"], locale=self.english, user=self.editor)
            categories[entry["slug"]] = category
        return categories

    def stories(self, categories: dict[str, StoryCategory]) -> None:
        section = content.SECTIONS["stories"]
        index = self._page(
            StoryIndexPageFactory,
            parent=self.home,
            slug="stories",
            korean=section["ko"],
            english=section["en"],
            show_in_menus=True,
        )
        today = datetime.date.today()
        for story in content.STORIES:
            key = story["slug"]
            days_ago = story["days_ago"] + self.rng.randint(0, 3)
            self._page(
                StoryPageFactory,
                parent=index,
                slug=key,
                korean={
                    **story["ko"],
                    "body": _stream(story["ko"]["body"], key=key, images=self.images),
                },
                english={
                    **story["en"],
                    "body": _stream(story["en"]["body"], key=key, images=self.images),
                },
                category=categories[story["category"]],
                hero_image=self.images[story["image"]],
                date=today - datetime.timedelta(days=days_ago),
                tags=story["tags"],
            )

    def products(self) -> None:
        section = content.SECTIONS["products"]
        index = self._page(
            ProductIndexPageFactory,
            parent=self.home,
            slug="products",
            korean=section["ko"],
            english=section["en"],
            show_in_menus=True,
        )
        for product in content.PRODUCTS:
            self._page(
                ProductPageFactory,
                parent=index,
                slug=product["slug"],
                korean=product["ko"],
                english=product["en"],
                image=self.images[product["image"]],
                where_to_buy_url=f"https://store.sodam-tea.example/{product['slug']}",
            )

    def faqs(self) -> None:
        section = content.SECTIONS["faq"]
        knowledge_base = self._page(
            KnowledgeBasePageFactory,
            parent=self.home,
            slug="faq",
            korean=section["ko"],
            english=section["en"],
            show_in_menus=True,
        )
        for category in content.FAQ_CATEGORIES:
            category_page = self._page(
                FAQCategoryPageFactory,
                parent=knowledge_base,
                slug=category["slug"],
                korean=category["ko"],
                english=category["en"],
            )
            for faq in category["faqs"]:
                self._page(
                    FAQPageFactory,
                    parent=category_page,
                    slug=faq["slug"],
                    korean=faq["ko"],
                    english=faq["en"],
                    last_reviewed=datetime.date.today()
                    - datetime.timedelta(days=self.rng.randint(5, 200)),
                )
