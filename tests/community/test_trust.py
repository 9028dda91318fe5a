"""Trust levels: thresholds, promotions with notice and email, demotion, what each level changes."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_comments.models import CommentFlag
from wagtail.models import ModelLogEntry

from community import moderation_services, services, trust
from community.factories import MemberFactory, PostFactory
from community.models import (
    HELPFUL_FLAG,
    MemberProfile,
    Notice,
    Post,
    PostState,
    TrustLevel,
    TrustSettings,
)
from core import roles
from home.factories import UserFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def level_of(user) -> str:
    return MemberProfile.objects.get(user=user).level


def joined_days_ago(user, days):
    user.date_joined = timezone.now() - datetime.timedelta(days=days)
    user.save(update_fields=["date_joined"])


@pytest.fixture
def newcomer(db):
    return MemberFactory(username="newbie", display_name="새내기", level="new")


def test_a_new_member_reaches_regular_at_the_thresholds(newcomer, story):
    joined_days_ago(newcomer, 8)
    for _ in range(2):
        PostFactory(page=story, user=newcomer)
    assert trust.level_recompute(user=newcomer) == TrustLevel.NEW
    PostFactory(page=story, user=newcomer)
    assert trust.level_recompute(user=newcomer) == TrustLevel.REGULAR


def test_days_since_joining_count_too(newcomer, story):
    joined_days_ago(newcomer, 3)
    for _ in range(5):
        PostFactory(page=story, user=newcomer)
    assert trust.level_recompute(user=newcomer) == TrustLevel.NEW


def test_helpful_reactions_threshold_is_editable(newcomer, story, home):
    TrustSettings.objects.create(site_id=home.get_site().pk, regular_min_helpful=2)
    joined_days_ago(newcomer, 30)
    posts = [PostFactory(page=story, user=newcomer) for _ in range(3)]
    assert trust.level_recompute(user=newcomer) == TrustLevel.NEW
    for _ in range(2):
        CommentFlag.objects.create(
            comment=posts[0], user=MemberFactory(), flag=HELPFUL_FLAG, flag_date=timezone.now()
        )
    assert trust.level_recompute(user=newcomer) == TrustLevel.REGULAR


def test_trusted_automatic_or_granted_only(member, story, home):
    joined_days_ago(member, 90)
    posts = [PostFactory(page=story, user=member) for _ in range(20)]
    for n in range(10):
        CommentFlag.objects.create(
            comment=posts[n], user=MemberFactory(), flag=HELPFUL_FLAG, flag_date=timezone.now()
        )
    settings_ = TrustSettings.objects.create(site_id=home.get_site().pk, trusted_automatic=False)
    assert trust.level_recompute(user=member) == TrustLevel.REGULAR
    settings_.trusted_automatic = True
    settings_.save()
    assert trust.level_recompute(user=member) == TrustLevel.TRUSTED


def test_hero_is_granted_by_a_moderator_only_and_logged(member):
    moderator = UserFactory(groups=[roles.MODERATORS])
    profile = trust.level_grant(
        profile=member.community_profile, level=TrustLevel.HERO, moderator=moderator
    )
    assert profile.level == TrustLevel.HERO
    assert ModelLogEntry.objects.filter(action="community.grant", user=moderator).exists()
    profile = trust.level_grant(profile=profile, level="", moderator=moderator)
    assert profile.level == TrustLevel.REGULAR


def test_promotion_tells_the_member_in_their_language(
    newcomer, story, django_capture_on_commit_callbacks
):
    MemberProfile.objects.filter(user=newcomer).update(language="en")
    joined_days_ago(newcomer, 10)
    for _ in range(3):
        PostFactory(page=story, user=newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        trust.level_recompute(user=newcomer)
    notice = Notice.objects.get(user=newcomer)
    assert (notice.kind, notice.level) == ("level", "regular")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "You are now a Regular member"
    MemberProfile.objects.filter(user=newcomer).update(level="new", language="ko")
    with django_capture_on_commit_callbacks(execute=True):
        trust.level_recompute(user=newcomer)
    assert mail.outbox[1].subject == "이제 단골 회원이에요"


def test_an_approval_recomputes_the_level_through_signals(
    newcomer, story, django_capture_on_commit_callbacks
):
    joined_days_ago(newcomer, 10)
    for _ in range(2):
        PostFactory(page=story, user=newcomer)
    waiting = PostFactory(page=story, user=newcomer, state=PostState.PENDING)
    moderator = UserFactory(groups=[roles.MODERATORS])
    with django_capture_on_commit_callbacks(execute=True):
        moderation_services.post_approve(post=waiting, moderator=moderator)
    assert level_of(newcomer) == TrustLevel.REGULAR


def test_an_active_warning_demotes_and_its_expiry_does_not_undo_history(member, story):
    moderator = UserFactory(groups=[roles.MODERATORS])
    joined_days_ago(member, 30)
    for _ in range(3):
        PostFactory(page=story, user=member)
    moderation_services.member_warn(member=member, moderator=moderator, reason_code="off-topic")
    assert level_of(member) == TrustLevel.NEW
    member.community_warnings.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert trust.level_recompute(user=member) == TrustLevel.REGULAR


def test_a_suspension_demotes(member):
    moderator = UserFactory(groups=[roles.MODERATORS])
    moderation_services.member_suspend(member=member, moderator=moderator, days=3)
    assert level_of(member) == TrustLevel.NEW


# What a level changes ----------------------------------------------------------------------------


def test_a_new_members_post_waits_for_approval(client, newcomer, story):
    client.force_login(newcomer)
    response = client.post("/en/community/posts/", form_data(story, comment="my first tip here"))
    post = Post.objects.get()
    assert post.state == PostState.PENDING
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Your post will appear once a moderator approves it." in page
    assert "승인 대기 중" in page  # the Korean thread the English address leads to
    client.logout()
    assert (
        "my first tip here" not in client.get(f"/en/community/pages/{story.pk}/").content.decode()
    )


@pytest.mark.parametrize("level", ["regular", "trusted", "hero"])
def test_regulars_and_above_publish_at_once(client, story, level):
    author = MemberFactory(level=level)
    client.force_login(author)
    client.post("/ko/community/posts/", form_data(story, comment="바로 올라가는 글"))
    assert Post.objects.get().state == PostState.APPROVED


def test_suspended_and_banned_members_cannot_post(client, member, story):
    MemberProfile.objects.filter(user=member).update(
        suspended_until=timezone.now() + datetime.timedelta(days=2)
    )
    client.force_login(member)
    response = client.post("/en/community/posts/", form_data(story, comment="still here"))
    assert response.status_code == 400
    assert "suspended from posting until" in response.content.decode()
    assert "still here" in response.content.decode()
    MemberProfile.objects.filter(user=member).update(suspended_until=None, banned_at=timezone.now())
    response = client.post("/en/community/posts/", form_data(story, comment="still here"))
    assert "banned from posting" in response.content.decode()
    assert Post.objects.count() == 0


def test_level_badge_on_posts_and_profile(client, story):
    hero = MemberFactory(username="hero", display_name="영웅", level="hero")
    PostFactory(page=story, user=hero, comment="영웅의 글")
    thread = client.get(f"/ko/community/pages/{story.pk}/").content.decode()
    assert 'badge--level-hero">커뮤니티 히어로' in thread
    profile = client.get(f"/ko/community/members/{hero.pk}/").content.decode()
    assert "badge--level-hero" in profile


def test_staff_is_not_premoderated(client, support, faq, member):
    question = PostFactory(page=faq, user=member, kind="question")
    client.force_login(support)
    client.post(
        "/ko/community/posts/",
        form_data(faq, kind="reply", reply_to=question.pk, comment="공식 답변입니다"),
    )
    assert Post.objects.get(parent_id=question.pk, level=1).state == PostState.APPROVED


def test_services_post_create_pending_for_new(newcomer, story, community_settings):
    post = services.post_create(
        page=story, text="새 글", kind="tip", author=newcomer, community_settings=community_settings
    )
    assert post.state == PostState.PENDING
