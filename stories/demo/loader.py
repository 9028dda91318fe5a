"""The demo's stories, products and FAQs in Korean, translated into English."""

import datetime
import random
import uuid

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

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
from stories.models import (
    FAQFeedback,
    FAQPage,
    FAQRelatedFAQ,
    FAQRelatedProduct,
    ProductGalleryImage,
    ProductPage,
    ProductRelatedFAQ,
    ProductRelatedStory,
    StoryCategory,
    StoryPage,
)

from . import content, extras

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
        self.product_extras()
        self.faq_relations()
        self.feedback()

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
                    - datetime.timedelta(
                        days=extras.STALE_DAYS
                        if faq["slug"] == extras.STALE_FAQ
                        else self.rng.randint(5, 150)
                    ),
                )

    def _korean(self, model, slug: str):
        return model.objects.filter(locale=self.korean, slug=slug).first()

    def _publish_and_sync(self, page: Page, strings: dict[str, str]) -> None:
        """Publish the Korean page's new relations and carry them to its English translation
        (``strings``: the English text of the new translatable strings, by Korean text)."""
        publish(page, self.editor)
        source, _ = TranslationSource.update_or_create_from_instance(page)
        translation = Translation.objects.filter(source=source, target_locale=self.english).first()
        if translation is None:
            return
        po = translation.export_po()
        for entry in po:
            if not entry.msgstr:
                entry.msgstr = strings.get(entry.msgid, entry.msgid)
        translation.import_po(po)
        translation.save_target(user=self.editor, publish=False)
        page.get_translation(self.english).get_latest_revision().publish(user=self.editor)

    def product_extras(self) -> None:
        """Galleries and related stories and FAQs, added once to each demo product."""
        for slug, entry in extras.PRODUCT_EXTRAS.items():
            product = self._korean(ProductPage, slug)
            if product is None or product.gallery_images.exists():
                continue
            strings = {}
            for order, picture in enumerate(entry["gallery"]):
                product.gallery_images.add(
                    ProductGalleryImage(
                        image=self.images[picture["image"]], sort_order=order, **picture["ko"]
                    )
                )
                for name in ("alt_text", "caption"):
                    strings[picture["ko"][name]] = picture["en"][name]
            for order, story_slug in enumerate(entry["stories"]):
                story = self._korean(StoryPage, story_slug)
                if story is not None:
                    product.related_stories.add(ProductRelatedStory(story=story, sort_order=order))
            for order, faq_slug in enumerate(entry["faqs"]):
                faq = self._korean(FAQPage, faq_slug)
                if faq is not None:
                    product.related_faqs.add(ProductRelatedFAQ(faq=faq, sort_order=order))
            product.save()
            self._publish_and_sync(product, strings)

    def faq_relations(self) -> None:
        for slug, entry in extras.FAQ_RELATIONS.items():
            faq = self._korean(FAQPage, slug)
            if faq is None or faq.related_products.exists() or faq.related_faqs.exists():
                continue
            for order, product_slug in enumerate(entry["products"]):
                product = self._korean(ProductPage, product_slug)
                if product is not None:
                    faq.related_products.add(FAQRelatedProduct(product=product, sort_order=order))
            for order, faq_slug in enumerate(entry["faqs"]):
                other = self._korean(FAQPage, faq_slug)
                if other is not None:
                    faq.related_faqs.add(FAQRelatedFAQ(faq=other, sort_order=order))
            faq.save()
            self._publish_and_sync(faq, {})

    def feedback(self) -> None:
        """Visitors' votes on a few FAQs in both languages, some "no" votes with a comment."""
        for slug, languages in extras.FEEDBACK.items():
            korean = self._korean(FAQPage, slug)
            if korean is None:
                continue
            for language, (yes, no, comments) in languages.items():
                faq = korean if language == "ko" else korean.get_translation_or_none(self.english)
                if faq is None or FAQFeedback.objects.filter(faq=faq).exists():
                    continue
                votes = [(True, "")] * yes + [
                    (False, comments[n] if n < len(comments) else "") for n in range(no)
                ]
                FAQFeedback.objects.bulk_create(
                    FAQFeedback(
                        faq=faq,
                        helpful=helpful,
                        comment=comment,
                        visitor_id=f"demo-{slug}-{language}-{n}",
                        ip_hash=f"{self.rng.getrandbits(128):032x}",
                    )
                    for n, (helpful, comment) in enumerate(votes)
                )
