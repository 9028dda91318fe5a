"""The cache generation moves when something a visitor can see changes, and only then: a busy
community (follows, votes, flags, profile edits, drafts, mail, analytics) keeps its caches."""

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone
from django_comments.models import CommentFlag
from wagtail.models import PageViewRestriction

from community import moderation_services, services
from community.factories import MemberFactory, PostFactory
from community.models import HELPFUL_FLAG, MemberProfile, Notice, NoticeKind, PostKind, PostState
from core import page_cache, roles
from core.models import BrandSettings
from home.factories import UserFactory
from search.models import SearchQuery
from stories.factories import FAQPageFactory, ProductPageFactory, StoryPageFactory
from stories.models import FAQFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(home):
    return UserFactory(username="mod", groups=[roles.MODERATORS])


@pytest.fixture
def product(home):
    return ProductPageFactory(title="망원 호지차", slug="hojicha")


@pytest.fixture
def post(product):
    return PostFactory(page=product, kind=PostKind.TIP, comment="물 온도는 90도가 좋아요.")


def generation_moves(change) -> bool:
    before = page_cache._generation()
    change()
    return page_cache._generation() != before


# Nothing a visitor can see ------------------------------------------------------------------


def test_following_a_thread_keeps_the_caches(post):
    member = MemberFactory()
    assert not generation_moves(lambda: services.thread_follow(post=post, user=member))
    assert not generation_moves(lambda: services.thread_unfollow(post=post, user=member))


def test_a_profile_edit_keeps_the_caches(post):
    profile = MemberProfile.objects.get(user=post.user)

    def edit():
        profile.display_name = "새 이름"
        profile.notify_followed_threads = False
        profile.save()

    assert not generation_moves(edit)


def test_helpful_marks_and_flags_keep_the_caches(post, home):
    voter = MemberFactory()
    assert not generation_moves(
        lambda: CommentFlag.objects.create(
            comment=post, user=voter, flag=HELPFUL_FLAG, flag_date=timezone.now()
        )
    )
    flagger = MemberFactory()
    assert not generation_moves(
        lambda: moderation_services.flag_create(post=post, user=flagger, reason="off_topic")
    )
    post.refresh_from_db()
    assert post.state == PostState.APPROVED  # one member's flag does not hide it


def test_a_draft_keeps_the_caches(home):
    story = StoryPageFactory(title="로스팅 데이")

    def draft():
        story.title = "로스팅 데이 (초안)"
        story.save_revision()

    assert not generation_moves(draft)


def test_a_new_draft_page_keeps_the_caches(home):
    story = StoryPageFactory(title="공개 이야기")
    parent = story.get_parent()

    def add_draft():
        draft = StoryPageFactory.build(title="초안", slug="draft-only", live=False)
        parent.add_child(instance=draft)
        draft.save_revision()

    assert not generation_moves(add_draft)


def test_notices_mail_votes_and_analytics_keep_the_caches(post, home):
    faq = FAQPageFactory(title="배송은 며칠 걸리나요?")
    assert not generation_moves(
        lambda: Notice.objects.create(user=post.user, kind=NoticeKind.WARNING, note="주의")
    )
    assert not generation_moves(
        lambda: EmailMessage("제목", "본문", to=["a@dangol.example"]).send()
    )
    assert not generation_moves(
        lambda: FAQFeedback.objects.create(faq=faq, visitor_id="v1", helpful=True)
    )
    assert not generation_moves(
        lambda: SearchQuery.objects.create(query="배송", locale="ko", results=1)
    )


def test_a_moderation_note_on_a_pending_post_keeps_the_caches(product, moderator):
    pending = PostFactory(page=product, state=PostState.PENDING)

    def note():
        pending.screening_reason = "링크가 많아요"
        pending.save()

    assert not generation_moves(note)


# What a visitor sees -------------------------------------------------------------------------


def test_publishing_unpublishing_moving_and_deleting_pages_move_it(home):
    story = StoryPageFactory(title="로스팅 데이")

    def publish():
        story.title = "로스팅 데이 2"
        story.save_revision().publish()

    assert generation_moves(publish)
    assert generation_moves(lambda: story.unpublish())
    moving = StoryPageFactory(title="옮길 이야기")
    other_parent = StoryPageFactory(title="다른 곳")
    assert generation_moves(lambda: moving.move(other_parent, pos="last-child"))
    assert generation_moves(lambda: StoryPageFactory(title="지울 이야기").delete())


def test_a_post_entering_or_leaving_the_approved_state_moves_it(product, moderator):
    pending = PostFactory(page=product, state=PostState.PENDING)
    assert generation_moves(
        lambda: moderation_services.post_approve(post=pending, moderator=moderator)
    )
    assert generation_moves(
        lambda: moderation_services.post_hide(post=pending, moderator=moderator)
    )


def test_an_approved_post_edited_or_resolved_moves_it(product, post):
    def edit():
        post.comment = "물 온도는 85도도 좋아요."
        post.save()

    assert generation_moves(edit)
    question = PostFactory(page=product, kind=PostKind.QUESTION, user=post.user)
    answer = PostFactory(page=product, parent=question)
    assert generation_moves(
        lambda: services.question_resolve(question=question, answer=answer, user=post.user)
    )


def test_a_rating_moves_it(product):
    assert generation_moves(lambda: PostFactory(page=product, kind=PostKind.REVIEW, rating=4))


def test_banning_a_spammer_moves_it(post, moderator):
    assert generation_moves(
        lambda: moderation_services.member_ban(
            member=post.user, moderator=moderator, reason="spammer"
        )
    )


def test_site_settings_and_privacy_move_it(home, product):
    def brand():
        settings_ = BrandSettings.for_site(home.get_site())
        settings_.save()

    assert generation_moves(brand)
    assert generation_moves(
        lambda: PageViewRestriction.objects.create(
            page=product, restriction_type=PageViewRestriction.LOGIN
        )
    )
