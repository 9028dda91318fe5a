"""The demo's stories, products and FAQs in Korean, translated into English."""

import datetime
import random
import uuid

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from home.demo.loader import publish
from home.demo.translation import translate
from stories.factories import (
    AuthorFactory,
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
    Author,
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


PAGE_FIELDS = {"product", "faq", "page"}  # block fields that name a page (section, slug)


def _stream(blocks: list, *, key: str, images: dict, pages=None) -> list[dict]:
    """StreamField data with ids that depend only on the story, so both languages share them.
    ``pages`` turns a (section, slug) reference into the Korean page's id."""
    data = []
    for index, (block_type, value) in enumerate(blocks):
        if block_type == "image":
            value = {**value, "image": images[value["image"]].pk}
        if isinstance(value, dict):
            value = {
                name: pages(*field) if name in PAGE_FIELDS and isinstance(field, tuple) else field
                for name, field in value.items()
            }
        block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}-{index}"))
        data.append({"type": block_type, "value": value, "id": block_id})
    return data


def _with_extras(story: dict, language: str) -> list:
    extras = content.EXTRA_BLOCKS.get(story["slug"], [])
    position = 1 if language == "ko" else 2
    return story[language]["body"] + [(extra[0], extra[position]) for extra in extras]


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
        self.products()
        self.faqs()
        self.categories_by_slug = self.categories()
        self.authors_by_key = self.authors()
        self.stories(self.categories_by_slug)
        self.product_extras()
        self.faq_relations()
        self.feedback()

    def _korean_page_id(self, section: str, slug: str) -> int:
        section_page = self.home.get_children().get(slug=section)
        return section_page.get_descendants(inclusive=True).get(slug=slug).pk

    def authors(self) -> dict[str, Author]:
        authors = {}
        for entry in content.AUTHORS:
            author = Author.objects.filter(name=entry["ko"]["name"], locale=self.korean).first()
            if author is None:
                author = AuthorFactory(locale=self.korean, **entry["ko"])
            translate(author, entry["en"], locale=self.english, user=self.editor)
            authors[entry["key"]] = author
        return authors

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
        self.story_index = index
        for story in content.STORIES:
            self._story(story, index=index, categories=categories)

    def _story(self, story: dict, *, index: Page, categories: dict, ko_body=None, en_body=None):
        key = story["slug"]
        days_ago = story["days_ago"] + self.rng.randint(0, 3)  # drawn on every run alike
        existing = index.get_children().filter(slug=key).first()
        if existing is not None:
            return existing.specific
        stream = {"key": key, "images": self.images, "pages": self._korean_page_id}
        page = self._page(
            StoryPageFactory,
            parent=index,
            slug=key,
            korean={**story["ko"], "body": _stream(ko_body or _with_extras(story, "ko"), **stream)},
            english={
                **story["en"],
                "body": _stream(en_body or _with_extras(story, "en"), **stream),
            },
            category=categories[story["category"]],
            hero_image=self.images[story["image"]],
            date=datetime.date.today() - datetime.timedelta(days=days_ago),
            tags=story["tags"],
            featured=key == content.FEATURED_STORY,
            authors=[self.authors_by_key[k] for k in content.STORY_AUTHORS.get(key, [])],
        )
        if key == content.MEMBERS_ONLY_STORY:
            for version in StoryPage.objects.filter(translation_key=page.translation_key):
                PageViewRestriction.objects.get_or_create(
                    page=version, restriction_type=PageViewRestriction.LOGIN
                )
        return page

    def spotlight_story(self) -> None:
        """The story that features a member's approved review: after the community's posts."""
        from community.models import Post, PostKind

        posts = list(
            Post.objects.approved()
            .filter(
                kind=PostKind.REVIEW,
                level=0,
                deleted_at__isnull=True,
                page__slug="mangwon-hojicha",
                page__locale=self.korean,
            )
            .order_by("pk")[:2]
        )
        if len(posts) < 2:
            return
        story = content.SPOTLIGHT_STORY
        bodies = {}
        for language in ("ko", "en"):
            chosen = iter(posts)
            bodies[language] = [
                (
                    kind,
                    {**value, "post": next(chosen).pk} if kind == "customer_spotlight" else value,
                )
                for kind, value in story[language]["body"]
            ]
        index = self.home.get_children().get(slug="stories")
        self._story(
            story,
            index=index,
            categories=self.categories_by_slug,
            ko_body=bodies["ko"],
            en_body=bodies["en"],
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
                    )
                    for n, (helpful, comment) in enumerate(votes)
                )
