"""Flags: one per member and post, weighted by level, hiding at the threshold, seen handled."""

import pytest
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from community import moderation_services
from community.factories import MemberFactory, PostFactory
from community.models import Flag, Notice, PostState, TrustSettings
from core import roles
from home.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(story, member):
    return PostFactory(page=story, user=member, comment="우리 가게 놀러 오세요")


def flag_url(post) -> str:
    return f"/ko/community/posts/{post.pk}/flag/"


def test_a_member_flags_a_post_with_a_reason(client, post, other_member):
    client.force_login(other_member)
    response = client.post(flag_url(post), {"reason": "off_topic"})
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.user, flag.reason, flag.weight) == (other_member, "off_topic", 2)
    assert ModelLogEntry.objects.filter(action="community.flag", object_id=str(post.pk)).exists()
    thread = client.get(f"/ko/community/pages/{post.page_id}/").content.decode()
    assert "신고한 글이에요" in thread or "You flagged this post" in thread


def test_other_needs_text_and_keeps_what_was_typed(client, post, other_member):
    client.force_login(other_member)
    response = client.post(flag_url(post).replace("/ko/", "/en/"), {"reason": "other", "text": ""})
    assert response.status_code == 400
    assert "Please say what is wrong with this post." in response.content.decode()
    assert Flag.objects.count() == 0


def test_one_flag_per_member_and_post(client, post, other_member):
    client.force_login(other_member)
    client.post(flag_url(post), {"reason": "spam"})
    again = client.post(flag_url(post).replace("/ko/", "/en/"), {"reason": "abusive"})
    assert again.status_code == 400
    assert "You have already flagged this post" in again.content.decode()
    assert Flag.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(post=post, user=other_member, reason="spam")


def test_flags_need_post_and_csrf(client, post, other_member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other_member)
    assert strict.post(flag_url(post), {"reason": "spam"}).status_code == 403
    client.force_login(other_member)
    assert client.get(flag_url(post)).status_code == 200  # the form page, nothing flagged
    assert Flag.objects.count() == 0


def test_own_posts_and_anonymous_flags_are_refused(client, post, member):
    assert client.post(flag_url(post), {"reason": "spam"}).status_code == 302  # to login
    client.force_login(member)
    response = client.post(flag_url(post).replace("/ko/", "/en/"), {"reason": "spam"})
    assert "You cannot flag your own post." in response.content.decode()
    assert Flag.objects.count() == 0


def test_weighted_flags_hide_the_post_at_the_threshold(post):
    settings_ = TrustSettings()  # New 1, Regular 2, threshold 4
    moderation_services.flag_create(
        post=post, user=MemberFactory(level="new"), reason="spam", settings_=settings_
    )
    moderation_services.flag_create(
        post=post, user=MemberFactory(), reason="spam", settings_=settings_
    )
    post.refresh_from_db()
    assert post.state == PostState.APPROVED  # 1 + 2 < 4
    moderation_services.flag_create(
        post=post, user=MemberFactory(level="new"), reason="off_topic", settings_=settings_
    )
    post.refresh_from_db()
    assert (post.state, post.hidden_by_flags) == (PostState.HIDDEN, True)


@pytest.mark.parametrize("level", ["trusted", "hero"])
def test_a_trusted_or_hero_flag_hides_at_once(post, level):
    moderation_services.flag_create(post=post, user=MemberFactory(level=level), reason="abusive")
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN


def test_flag_weights_are_editable(post, home):
    TrustSettings.objects.create(
        site_id=home.get_site().pk, flag_weight_new=5, flag_hide_threshold=5
    )
    moderation_services.flag_create(post=post, user=MemberFactory(level="new"), reason="spam")
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN


@pytest.mark.parametrize(
    ("action", "outcome", "state"),
    [("post_hide", "upheld", PostState.HIDDEN), ("post_approve", "dismissed", PostState.APPROVED)],
)
def test_flaggers_see_their_flag_handled(client, post, other_member, action, outcome, state):
    moderation_services.flag_create(post=post, user=other_member, reason="spam")
    getattr(moderation_services, action)(
        post=post, moderator=UserFactory(groups=[roles.MODERATORS])
    )
    post.refresh_from_db()
    flag = Flag.objects.get()
    assert (post.state, flag.outcome) == (state, outcome)
    assert Notice.objects.filter(user=other_member, kind="flag_handled").exists()
    client.force_login(other_member)
    profile = client.get(f"/en/community/members/{other_member.pk}/").content.decode()
    assert "Posts you flagged" in profile
    assert ("handled: taken down" if outcome == "upheld" else "handled: the post stays") in profile


def test_flagging_is_rate_limited(client, story, other_member, home):
    TrustSettings.objects.create(site_id=home.get_site().pk, rate_flags="2/h")
    posts = [PostFactory(page=story) for _ in range(3)]
    client.force_login(other_member)
    for post in posts[:2]:
        assert client.post(flag_url(post), {"reason": "spam"}).status_code == 302
    response = client.post(flag_url(posts[2]), {"reason": "other", "text": "광고 같아요"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "광고 같아요" in response.content.decode()


def test_suspended_members_cannot_flag(client, post, other_member):
    import datetime

    from django.utils import timezone

    from community.models import MemberProfile

    MemberProfile.objects.filter(user=other_member).update(
        suspended_until=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(other_member)
    response = client.post(flag_url(post).replace("/ko/", "/en/"), {"reason": "spam"})
    assert response.status_code == 400
    assert "suspended from posting" in response.content.decode()
    assert Flag.objects.count() == 0
