"""Every story block renders, in Korean and in English, and has an admin preview."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StreamValue

from community.models import PostState
from home.factories import UserFactory
from stories.blocks import CallToActionBlock, PostChooserBlock, StoryBodyBlock
from stories.factories import StoryPageFactory
from stories.models import StoryPage

from .conftest import every_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(index, image, product, faq, approved_post):
    return StoryPageFactory(
        parent=index,
        slug="every-block",
        body=every_block(image=image, product=product, faq=faq, post=approved_post),
    )


def _translate_page(page, locale, **fields):
    translation_page = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation_page, name, value)
    translation_page.save_revision().publish()
    return type(page).objects.get(pk=translation_page.pk)


def test_every_block_renders_in_korean(client, story, product, faq, approved_post):
    html = client.get(story.url).content.decode()
    # heading, text, image (with its alt text), pull quote
    assert '<h2 class="story-body__heading">찻잎이 오는 길</h2>' in html
    assert "<b>찻잎</b>을 볶습니다" in html
    assert 'alt="볶은 찻잎 한 줌"' in html and 'loading="lazy"' in html
    assert "천천히 마셔야 보입니다." in html
    # testimonial with its product, product card, FAQ reference
    assert "김 선생님" in html
    assert html.count(f'href="{product.url}"') >= 3  # testimonial, card title, call to action
    assert "고소한 호지차" in html
    assert faq.title in html and faq.short_answer in html and f'href="{faq.url}"' in html
    assert "답 전체 보기" in html
    # video as a link card, call to action, customer spotlight
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "YouTube에서 보기" in html
    assert "<iframe" not in html
    assert "단골이 되어 주세요." in html
    assert "<strong>호지차</strong>" in html  # the member's Markdown, sanitised
    assert "지우" in html
    assert f'href="{approved_post.get_absolute_url()}"' in html


def test_every_block_renders_in_english_with_translated_pages(
    client, story, index, english_index, product, faq, english
):
    product_index_en = _translate_page(product.get_parent(), english, title="Products")
    english_product = _translate_page(product, english, title="Mangwon hojicha")
    faq_parents = faq.get_ancestors().filter(depth__gt=2).specific()
    for parent in faq_parents:
        _translate_page(parent, english)
    english_faq = _translate_page(
        faq, english, title="What temperature for hojicha?", short_answer="90°C, one minute."
    )
    english_story = _translate_page(story, english, title="Every block")
    assert product_index_en.live

    with translation.override("en"):
        html = client.get(english_story.url).content.decode()
    assert english_story.url.startswith("/en/")
    # Chosen pages are shown in the reader's language.
    assert f'href="{english_product.url}"' in html and "Mangwon hojicha" in html
    assert f'href="{product.url}"' not in html
    assert "What temperature for hojicha?" in html and "90°C, one minute." in html
    assert f'href="{english_faq.url}"' in html
    assert "Watch on YouTube" in html
    assert "Read the full answer" in html
    assert "Read it in the community" in html
    assert 'alt="볶은 찻잎 한 줌"' in html  # not translated in this test, still present


def test_chosen_pages_fall_back_to_the_original_language(client, story, english, english_index):
    english_story = _translate_page(story, english, title="Every block")
    html = client.get(english_story.url).content.decode()
    assert "망원 호지차" in html  # the product has no English page yet


def test_spotlight_of_a_post_that_is_no_longer_approved_renders_nothing(
    client, story, approved_post
):
    approved_post.state = PostState.HIDDEN
    approved_post.save()
    html = client.get(story.url).content.decode()
    assert "지우" not in html
    assert "story-body__spotlight" not in html
    assert "커뮤니티에서 읽기" not in html


def test_unpublished_product_is_not_shown(client, story, product):
    product.unpublish()
    html = client.get(story.url).content.decode()
    assert "story-body__card--product" not in html
    assert "story-body__testimonial-product" not in html
    assert "김 선생님" in html  # the testimonial itself stays


def test_unpublished_faq_is_not_shown(client, story, faq):
    faq.unpublish()
    html = client.get(story.url).content.decode()
    assert faq.short_answer not in html
    assert "답 전체 보기" not in html


def test_spotlight_accepts_only_approved_posts(approved_post):
    block = PostChooserBlock()
    assert block.clean(approved_post) == approved_post
    approved_post.state = PostState.PENDING
    approved_post.save()
    with pytest.raises(ValidationError):
        block.clean(approved_post)


def test_a_spotlight_sent_with_an_overlong_post_id_is_a_form_error(approved_post):
    block = PostChooserBlock()
    value = block.value_from_datadict({"post": "9" * 25}, {}, "post")
    assert value is None
    with pytest.raises(ValidationError):
        block.clean(value)
    assert block.bulk_to_python([approved_post.pk, "9" * 25]) == [approved_post, None]


@pytest.mark.parametrize(
    ("page", "url", "valid"),
    [(True, "", True), (False, "https://example.com/", True), (True, "https://e.com/", False)],
)
def test_call_to_action_needs_exactly_one_target(product, page, url, valid):
    block = CallToActionBlock()
    value = block.to_python(
        {"text": "t", "button_label": "b", "page": product.pk if page else None, "url": url}
    )
    if valid:
        block.clean(value)
    else:
        with pytest.raises(ValidationError):
            block.clean(value)


def test_call_to_action_without_any_target_is_invalid():
    block = CallToActionBlock()
    value = block.to_python({"text": "t", "button_label": "b", "page": None, "url": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_body_keeps_chosen_pages_when_saved_again(story, product):
    # Loading the chosen pages with their translations does not change what is stored.
    story = StoryPage.objects.get(pk=story.pk)
    assert isinstance(story.body, StreamValue)
    raw = story.body.get_prep_value()
    story.save_revision().publish()
    assert StoryPage.objects.get(pk=story.pk).body.get_prep_value() == raw
    card = next(block for block in raw if block["type"] == "product")
    assert card["value"]["product"] == product.pk


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("name", list(StoryBodyBlock().child_blocks))
def test_every_block_has_an_admin_preview(admin_client, story, name):
    child = StoryPage.body.field.stream_block.child_blocks[name]
    assert child.is_previewable
    response = admin_client.get("/admin/block-preview/", {"id": child.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/dangol.css" in html
    assert f"block-{name}" in html
    # The preview shows the block itself, not an empty frame.
    body = html[html.index("<main>") : html.index("</main>")]
    assert len(body) > 120, body


def test_post_chooser_lists_only_approved_posts(admin_client, approved_post, product, member):
    from community.factories import PostFactory

    pending = PostFactory(page=product, user=member, state=PostState.PENDING, comment="대기 중")
    response = admin_client.get("/admin/approved_post_chooser/")
    assert response.status_code == 200
    html = response.json()["html"]
    assert f"/admin/approved_post_chooser/chosen/{approved_post.pk}/" in html
    assert f"/admin/approved_post_chooser/chosen/{pending.pk}/" not in html
    assert "지우" in html
