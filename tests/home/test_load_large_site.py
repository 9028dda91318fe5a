"""The large site for measuring speed (`manage.py load_large_site`), at a tiny scale: the rows
real use creates, in the right proportions and states, and pages that answer."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django_comments.models import CommentFlag
from wagtail.models import ModelLogEntry, Page
from wagtail_localize.models import Translation

from community import selectors
from community.models import (
    HELPFUL_FLAG,
    Flag,
    Follow,
    MemberProfile,
    Post,
    PostKind,
    PostState,
    Screening,
    TrustLevel,
)
from search.models import SearchDocument
from stories.models import FAQPage, ProductPage, StoryPage

pytestmark = pytest.mark.django_db

SCALE = 0.005  # 10 stories, 2 products, 3 FAQs, 10 members, 100 posts


@pytest.fixture(scope="module")
def large_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("load_large_site", scale=SCALE, seed=11, stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def _generated(model, language="ko"):
    """The pages the large site added (the demo's slugs have no number)."""
    pattern = r"^q\d+-" if model is FAQPage else r"-\d+$"
    return model.objects.live().filter(locale__language_code=language, slug__regex=pattern)


def _members():
    return get_user_model().objects.filter(username__startswith="regular")


def test_pages_in_both_languages(large_site):
    assert _generated(StoryPage).count() == 10
    assert _generated(ProductPage).count() == 2
    assert _generated(FAQPage).count() == 3
    for model in (StoryPage, ProductPage, FAQPage):
        korean = _generated(model)
        translated = [page for page in korean if page.get_translation_or_none(_english())]
        assert translated, model
        # Real wagtail-localize translations, syncable in the admin.
        for page in translated:
            assert Translation.objects.filter(source__object_id=page.translation_key).exists()
    story = _generated(StoryPage).first()
    assert story.tags.exists()
    assert len(story.body) >= 2


def _english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_members_are_complete_accounts(large_site):
    members = _members()
    assert members.count() == 10
    for member in members:
        assert member.groups.filter(name="Members").exists()
        assert MemberProfile.objects.filter(user=member).exclude(display_name="").exists()
        assert member.emailaddress_set.filter(verified=True, primary=True).exists()
    assert MemberProfile.objects.filter(user__in=members, banned_at__isnull=False).exists()


def test_posts_in_their_states_and_proportions(large_site):
    posts = Post.objects.filter(user__username__startswith="regular")
    roots = posts.filter(level=0)
    total = roots.count()
    assert total >= 72
    approved = roots.filter(state=PostState.APPROVED).count()
    assert approved / total > 0.8
    assert roots.filter(state=PostState.PENDING, screening=Screening.NONE).exists()
    assert roots.filter(state=PostState.PENDING, screening=Screening.HOLD).exists()
    assert roots.filter(state=PostState.SPAM).exists()
    assert roots.filter(state=PostState.HIDDEN).exists()
    assert roots.filter(state=PostState.REMOVED).exists()  # the banned spammer's
    assert roots.filter(deleted_at__isnull=False, comment="").exists()
    assert Flag.objects.filter(post__in=roots, handled_at__isnull=True).exists()
    # Moderators' actions are logged as the services log them.
    spam = roots.filter(state=PostState.SPAM).first()
    assert ModelLogEntry.objects.filter(object_id=str(spam.pk), action="community.spam").exists()
    assert set(posts.values_list("page__locale__language_code", flat=True)) == {"ko", "en"}


def test_threads_are_django_comments_xtd_threads(large_site):
    answers = Post.objects.filter(level=1, user__username="support")
    assert answers.exists()
    for answer in answers:
        root = Post.objects.get(pk=answer.parent_id)
        assert answer.is_official and answer.kind == PostKind.REPLY
        assert answer.thread_id == root.pk == root.thread_id == root.parent_id
        assert root.level == 0 and root.order == 1 and answer.order > 1
        assert root.nested_count == Post.objects.filter(thread_id=root.pk, level=1).count()
        assert answer.page_id == root.page_id
    for post in Post.objects.filter(user__username__startswith="regular")[:30]:
        page = Page.objects.get(pk=post.page_id)
        assert post.content_type == ContentType.objects.get_for_model(page.specific_class)
        assert post.object_pk == str(page.pk)
        assert post.site_id == settings.SITE_ID
        assert post.is_public == (post.state == PostState.APPROVED)
    # A post written through the site after the bulk load takes the next free id.
    assert Post.objects.order_by("-pk").first().pk == max(Post.objects.values_list("pk", flat=True))
    questions = Post.objects.filter(kind=PostKind.QUESTION, resolved_by__isnull=False)
    assert questions.exists()
    assert all(q.resolved_by.thread_id == q.pk for q in questions)


def test_reviews_rate_products(large_site):
    reviews = Post.objects.filter(kind=PostKind.REVIEW, user__username__startswith="regular")
    assert reviews.exists()
    assert set(reviews.values_list("rating", flat=True)) <= {1, 2, 3, 4, 5}
    assert all(review.page.specific_class is ProductPage for review in reviews)
    product = ProductPage.objects.get(slug="mangwon-hojicha", locale__language_code="ko")
    summary = selectors.review_summary(page=product)
    assert summary.count > 3
    assert 1 <= summary.average <= 5


def test_helpful_marks_follows_and_levels(large_site):
    members = _members()
    assert CommentFlag.objects.filter(flag=HELPFUL_FLAG, user__in=members).exists()
    assert Follow.objects.filter(user__in=members).exists()
    levels = set(MemberProfile.objects.filter(user__in=members).values_list("level", flat=True))
    assert TrustLevel.HERO in levels
    assert levels - {TrustLevel.NEW, TrustLevel.HERO}


def test_search_index_holds_the_new_pages_and_posts(large_site):
    story = _generated(StoryPage).first()
    assert SearchDocument.objects.filter(key=f"page:{story.pk}").exists()
    post = Post.objects.filter(
        user__username__startswith="regular", state=PostState.APPROVED, deleted_at__isnull=True
    ).first()
    assert SearchDocument.objects.filter(key=f"post:{post.pk}").exists()


def test_pages_answer(large_site, client):
    story = _generated(StoryPage).first()
    english_story = _generated(StoryPage, "en").first()
    product = _generated(ProductPage).first()
    faq = _generated(FAQPage).first()
    busiest = (
        Post.objects.filter(state=PostState.APPROVED, user__username__startswith="regular")
        .values_list("user", flat=True)
        .first()
    )
    urls = [
        story.url,
        english_story.url,
        product.url,
        faq.url,
        faq.get_parent().url,
        "/ko/community/",
        "/en/community/",
        f"/ko/community/pages/{product.pk}/",
        f"/ko/community/members/{busiest}/",
        "/ko/search/?q=%ED%98%B8%EC%A7%80%EC%B0%A8",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(get_user_model().objects.get(username="moderator"))
    regulars = Post.objects.filter(user__username__startswith="regular", level=0)
    waiting = {
        "pending": regulars.filter(state=PostState.PENDING, screening=Screening.NONE),
        "held": regulars.filter(state=PostState.PENDING, screening=Screening.HOLD),
        "flagged": regulars.filter(
            pk__in=Flag.objects.filter(handled_at__isnull=True).values("post")
        ),
        "spam": regulars.filter(state=PostState.SPAM),
    }
    for tab, posts in waiting.items():
        response = client.get(f"/admin/community/moderation/?tab={tab}")
        assert response.status_code == 200
        assert f'data-post="{posts.first().pk}"' in response.content.decode(), tab


def test_loading_twice_is_refused(large_site):
    with pytest.raises(CommandError, match="already loaded"):
        call_command("load_large_site", scale=SCALE, stdout=io.StringIO())


def test_refused_where_demo_content_is_disabled(settings):
    settings.DANGOL_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="DANGOL_DEMO_ALLOWED"):
        call_command("load_large_site", scale=SCALE, stdout=io.StringIO())


@pytest.mark.parametrize("scale", ["0", "-1", "6"])
def test_scale_must_be_reasonable(scale):
    with pytest.raises(CommandError, match="--scale"):
        call_command("load_large_site", "--scale", scale, stdout=io.StringIO())
