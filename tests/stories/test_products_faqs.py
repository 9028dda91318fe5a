"""Products and FAQs: page rules, gallery, related items in the reader's language, threads,
and a fixed number of queries whatever the number of reviews or related items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_factories import ImageFactory

from community.factories import PostFactory
from community.models import PostKind
from home.models import HomePage
from stories.factories import (
    FAQPageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from stories.models import (
    FAQCategoryPage,
    FAQPage,
    FAQRelatedFAQ,
    FAQRelatedProduct,
    KnowledgeBasePage,
    ProductGalleryImage,
    ProductIndexPage,
    ProductPage,
    ProductRelatedFAQ,
    ProductRelatedStory,
    StoryPage,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "parents"),
    [
        (ProductIndexPage, {HomePage}),
        (ProductPage, {ProductIndexPage}),
        (KnowledgeBasePage, {HomePage}),
        (FAQCategoryPage, {KnowledgeBasePage}),
        (FAQPage, {FAQCategoryPage}),
    ],
)
def test_each_page_type_is_created_only_where_it_belongs(model, parents):
    every = {
        HomePage,
        ProductIndexPage,
        ProductPage,
        KnowledgeBasePage,
        FAQCategoryPage,
        FAQPage,
        StoryPage,
    }
    for parent in every:
        allowed = model in parent.allowed_subpage_models() and (
            parent in model.allowed_parent_page_models()
        )
        assert allowed is (parent in parents), (model, parent)


def gallery_product(home, images=3):
    product = ProductPageFactory(
        parent=ProductIndexPageFactory(parent=home), slug="hojicha", image=ImageFactory()
    )
    for n in range(images):
        ProductGalleryImage.objects.create(
            page=product,
            image=ImageFactory(),
            alt_text=f"찻잎 사진 {n}",
            caption=f"설명 {n}",
            sort_order=n,
        )
    return product


def test_the_product_page_shows_the_main_image_then_the_gallery_in_order(client, home):
    product = gallery_product(home)
    html = client.get(product.url).content.decode()
    positions = [html.index(f'alt="찻잎 사진 {n}"') for n in range(3)]
    assert positions == sorted(positions)
    assert html.index('class="product__image"') < positions[0]
    assert "설명 2" in html


def test_the_product_page_shows_related_stories_faqs_reviews_and_the_thread(client, home, faq):
    product = gallery_product(home, images=0)
    product.where_to_buy_url = "https://shop.example/hojicha"
    product.save()
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home), title="호지차 이야기")
    draft = StoryPageFactory(parent=story.get_parent(), title="초안 이야기", live=False)
    ProductRelatedStory.objects.create(page=product, story=story, sort_order=0)
    ProductRelatedStory.objects.create(page=product, story=draft, sort_order=1)
    ProductRelatedFAQ.objects.create(page=product, faq=faq)
    PostFactory(page=product, kind=PostKind.REVIEW, rating=4, comment="고소해요")
    html = client.get(product.url).content.decode()
    assert "호지차 이야기" in html and "초안 이야기" not in html
    assert faq.title in html
    assert 'href="https://shop.example/hojicha"' in html
    assert 'class="review-summary"' in html
    assert 'id="community"' in html and "고소해요" in html


def test_related_items_show_in_the_readers_language(client, home, faq, english_faq):
    english = Locale.objects.get(language_code="en")
    product = ProductPageFactory(parent=ProductIndexPageFactory(parent=home), slug="hojicha")
    untranslated = FAQPageFactory(parent=faq.get_parent(), title="번역 안 된 질문")
    ProductRelatedFAQ.objects.create(page=product, faq=faq, sort_order=0)
    ProductRelatedFAQ.objects.create(page=product, faq=untranslated, sort_order=1)
    for ancestor in product.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.has_translation(english):
            ancestor.copy_for_translation(english).save_revision().publish()
    english_product = product.copy_for_translation(english)
    english_product.save_revision().publish()
    html = client.get("/en/products/hojicha/").content.decode()
    assert "What temperature for hojicha?" in html  # the translation of the chosen FAQ
    assert "호지차는 몇 도에서" not in html
    assert "번역 안 된 질문" in html  # not translated: the original still helps


def test_the_faq_page_shows_related_products_faqs_and_the_thread(client, home, faq):
    product = ProductPageFactory(parent=ProductIndexPageFactory(parent=home), title="망원 호지차")
    other = FAQPageFactory(parent=faq.get_parent(), title="보관은 어떻게 하나요?")
    FAQRelatedProduct.objects.create(page=faq, product=product)
    FAQRelatedFAQ.objects.create(page=faq, faq=other)
    html = client.get(faq.url).content.decode()
    assert "망원 호지차" in html and "보관은 어떻게 하나요?" in html
    assert 'id="community"' in html


def test_a_story_page_carries_its_thread(client, home):
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    PostFactory(page=story, comment="좋은 이야기네요")
    html = client.get(story.url).content.decode()
    assert 'id="community"' in html and "좋은 이야기네요" in html


def count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, site, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# A visitor's product page (with 20 reviews) or FAQ page (with its thread) takes at most 15
# queries, site shell included (routing, the menu, the language alternates, the settings),
# however many reviews, posts and related items it has.
PAGE_QUERY_BUDGET = 15


def test_a_product_page_takes_few_queries_whatever_its_reviews_and_related_items(client, home, faq):
    product = gallery_product(home, images=1)
    index = StoryIndexPageFactory(parent=home)

    def add(reviews, related):
        for n in range(reviews):
            PostFactory(page=product, kind=PostKind.REVIEW, rating=1 + n % 5)
        for _ in range(related):
            ProductRelatedStory.objects.create(
                page=product, story=StoryPageFactory(parent=index, hero_image=ImageFactory())
            )
            ProductRelatedFAQ.objects.create(
                page=product, faq=FAQPageFactory(parent=faq.get_parent())
            )
            ProductGalleryImage.objects.create(page=product, image=ImageFactory(), alt_text="사진")

    add(reviews=2, related=1)
    few = count_queries(client, product.url)
    add(reviews=18, related=5)
    many = count_queries(client, product.url)
    assert many == few
    assert many <= PAGE_QUERY_BUDGET


def test_a_faq_page_with_its_thread_takes_few_queries(client, home, faq):
    index = ProductIndexPageFactory(parent=home)

    def add(questions, related):
        for _ in range(questions):
            question = PostFactory(page=faq, kind=PostKind.QUESTION)
            PostFactory(page=faq, parent=question, is_official=True).linked_faqs.add(faq)
        for _ in range(related):
            FAQRelatedProduct.objects.create(
                page=faq, product=ProductPageFactory(parent=index, image=ImageFactory())
            )
            FAQRelatedFAQ.objects.create(page=faq, faq=FAQPageFactory(parent=faq.get_parent()))

    add(questions=2, related=1)
    few = count_queries(client, faq.url)
    add(questions=15, related=5)
    many = count_queries(client, faq.url)
    assert many == few
    assert many <= PAGE_QUERY_BUDGET


def test_a_products_gallery_and_related_items_carry_into_its_translation(
    client, home, english_home, faq
):
    from wagtail_localize.models import StringSegment, TranslationSource

    english = Locale.objects.get(language_code="en")
    product = gallery_product(home, images=1)
    ProductRelatedFAQ.objects.create(page=product, faq=faq)
    product.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(product)
    assert "찻잎 사진 0" in StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )  # the gallery's alternative text is offered for translation
    for ancestor in product.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.has_translation(english):
            ancestor.copy_for_translation(english).save_revision().publish()
    source.create_or_update_translation(english, fallback=True, publish=True)
    translated = ProductPage.objects.get(locale=english, translation_key=product.translation_key)
    gallery = list(translated.gallery_images.all())
    assert [(item.locale_id, item.image_id) for item in gallery] == [
        (english.pk, product.gallery_images.get().image_id)
    ]
    assert [row.faq_id for row in translated.related_faqs.all()] == [faq.pk]
