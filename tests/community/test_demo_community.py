"""The demo community: bilingual posts of every kind, official answers, resolved questions."""

import io

import pytest
from django.core.management import call_command
from django_comments.models import CommentFlag

from community.models import CommunitySettings, Post, PostKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_site):
    pass


def test_at_least_forty_posts_of_every_kind_in_both_languages():
    assert Post.objects.count() >= 40
    for language in ("ko", "en"):
        posts = Post.objects.filter(page__locale__language_code=language)
        assert {post.kind for post in posts} == {kind.value for kind in PostKind}, language
        # Korean posts on Korean pages, English posts on English pages.
        hangul = [post for post in posts if any("가" <= c <= "힣" for c in post.comment)]
        assert (len(hangul) == len(posts)) if language == "ko" else not hangul


def test_official_answers_with_faq_cards_and_resolved_questions():
    assert Post.objects.filter(is_official=True, kind=PostKind.REPLY).count() >= 8
    assert Post.objects.filter(linked_faqs__isnull=False).distinct().count() >= 6
    assert Post.objects.filter(kind=PostKind.QUESTION, resolved_by__isnull=False).count() >= 6
    assert CommentFlag.objects.count() >= 20
    settings = CommunitySettings.objects.get()
    assert settings.welcome_message_ko and settings.welcome_message_en


def test_demo_members_can_log_in(client):
    response = client.post(
        "/en/accounts/login/", {"login": "emma@dangol.example", "password": "dangol-demo-2026"}
    )
    assert response.status_code == 302


def test_loading_the_demo_again_changes_nothing():
    before = (Post.objects.count(), CommentFlag.objects.count())
    call_command("load_demo", seed=7, stdout=io.StringIO())
    assert (Post.objects.count(), CommentFlag.objects.count()) == before


def test_a_demo_product_thread_renders(client):
    from stories.models import ProductPage

    product = ProductPage.objects.get(slug="mangwon-hojicha", locale__language_code="en")
    html = client.get(f"/en/community/pages/{product.pk}/").content.decode()
    assert "My evening ritual now." in html
    assert "out of 5 stars" in html
