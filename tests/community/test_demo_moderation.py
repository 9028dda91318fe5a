"""The demo gives a new moderator a realistic queue: every level, waiting and flagged posts,
a warned member, a banned spammer, the guidelines in both languages."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from community import selectors
from community.models import (
    BlocklistEntry,
    Flag,
    GuidelinesPage,
    MemberProfile,
    Post,
    PostState,
    Warning,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_site):
    pass


def test_members_at_every_level():
    levels = set(
        MemberProfile.objects.filter(user__groups__name="Members").values_list("level", flat=True)
    )
    assert {"new", "regular", "trusted", "hero"} <= levels


def test_a_realistic_queue():
    counts = selectors.queue_counts()
    assert counts["pending"] >= 2 and counts["held"] >= 1 and counts["flagged"] >= 1
    assert Flag.objects.filter(handled_at__isnull=True).count() >= 2
    assert BlocklistEntry.objects.count() >= 3


def test_one_warned_member_and_one_banned_spammer():
    assert Warning.objects.filter(user__username="minji").exists()
    spammer = MemberProfile.objects.get(user__username="cheap-tea")
    assert spammer.is_banned and spammer.ban_reason == "spammer"
    assert set(Post.objects.filter(user=spammer.user).values_list("state", flat=True)) == {
        PostState.REMOVED
    }
    assert ModelLogEntry.objects.filter(action="community.ban").count() == 1


def test_guidelines_in_korean_and_english(client):
    pages = {page.locale.language_code: page for page in GuidelinesPage.objects.live()}
    assert set(pages) == {"ko", "en"}
    assert [r["code"] for r in pages["ko"].rule_list()] == [
        r["code"] for r in pages["en"].rule_list()
    ]
    assert "사칭 금지" in client.get("/ko/guidelines/").content.decode()
    assert "No impersonation" in client.get("/en/guidelines/").content.decode()


def test_loading_again_adds_nothing():
    before = (Post.objects.count(), Flag.objects.count(), Warning.objects.count())
    call_command("load_demo", seed=7, stdout=io.StringIO())
    assert (Post.objects.count(), Flag.objects.count(), Warning.objects.count()) == before


def test_only_the_newcomer_and_the_screening_keep_posts_waiting():
    waiting = Post.objects.filter(state=PostState.PENDING).select_related("user")
    assert {(post.user.username, post.screening) for post in waiting} == {
        ("saeun", ""),
        ("seoyeon", "hold"),
    }
