"""The moderation queue and member actions in the Wagtail admin: permissions, tabs, actions,
the warnings → suspension → ban policy, spammer removal, the audit trail, badge and panel."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from community import moderation_services, selectors
from community.factories import GuidelinesPageFactory, MemberFactory, PostFactory
from community.models import Flag, MemberProfile, Notice, Post, PostState, Screening, TrustLevel
from core import roles
from home.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/community/moderation/"
ACTION = "/admin/community/moderation/action/"


@pytest.fixture
def guidelines(home):
    return GuidelinesPageFactory(parent=home)


@pytest.fixture
def moderator(db):
    return UserFactory(username="mod", groups=[roles.MODERATORS])


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def member_url(user) -> str:
    return f"/admin/community/moderation/members/{user.pk}/"


# Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, roles.MEMBERS, roles.SUPPORT, roles.EDITORS])
def test_only_moderators_reach_moderation(client, role, story, member):
    post = PostFactory(page=story, state=PostState.PENDING)
    user = MemberFactory(username="someone") if role == roles.MEMBERS else None
    if role not in (None, roles.MEMBERS):
        user = UserFactory(username="staffer", groups=[role])
    if user is not None:
        client.force_login(user)
    for url in (QUEUE, member_url(member)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/login/" in response["Location"] or response["Location"].startswith("/admin/")
    response = client.post(ACTION, {"single": f"approve:{post.pk}"})
    assert response.status_code in (302, 403)
    post.refresh_from_db()
    assert post.state == PostState.PENDING
    response = client.post(
        member_url(member) + "action/", {"action": "ban", "ban_reason": "spammer"}
    )
    assert not MemberProfile.objects.get(user=member).is_banned


def test_a_moderator_reaches_the_queue_but_cannot_edit_stories(mod_client, story):
    assert mod_client.get(QUEUE).status_code == 200
    response = mod_client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code in (302, 403)
    assert mod_client.get("/admin/snippets/community/blocklistentry/").status_code == 200


# Tabs and actions ------------------------------------------------------------------------------


def test_tabs_sort_posts_by_what_they_wait_for(mod_client, story, member):
    waiting = PostFactory(page=story, state=PostState.PENDING, comment="승인 대기 글")
    held = PostFactory(
        page=story,
        state=PostState.PENDING,
        screening=Screening.HOLD,
        screening_reason="blocklist: 도매",
        comment="보류된 글",
    )
    flagged = PostFactory(page=story, comment="신고된 글")
    Flag.objects.create(post=flagged, user=member, reason="off_topic", text="광고예요", weight=2)
    spam = PostFactory(page=story, state=PostState.SPAM, comment="스팸 글")
    published = PostFactory(page=story, comment="방금 올라온 글")
    expected = {
        "pending": waiting,
        "held": held,
        "flagged": flagged,
        "spam": spam,
        "recent": published,
    }
    for tab, post in expected.items():
        html = mod_client.get(QUEUE + f"?tab={tab}").content.decode()
        assert post.comment in html, tab
        assert f'data-post="{post.pk}"' in html
    held_html = mod_client.get(QUEUE + "?tab=held").content.decode()
    assert "blocklist: 도매" in held_html
    flagged_html = mod_client.get(QUEUE + "?tab=flagged").content.decode()
    assert "광고예요" in flagged_html
    counts = selectors.queue_counts()
    assert counts["pending"] == counts["held"] == counts["flagged"] == counts["spam"] == 1


def test_single_and_bulk_actions(mod_client, moderator, story):
    posts = [PostFactory(page=story, state=PostState.PENDING) for _ in range(3)]
    mod_client.post(ACTION, {"single": f"approve:{posts[0].pk}", "tab": "pending"})
    mod_client.post(ACTION, {"action": "spam", "post": [posts[1].pk, posts[2].pk]})
    states = [Post.objects.get(pk=p.pk).state for p in posts]
    assert states == [PostState.APPROVED, PostState.SPAM, PostState.SPAM]
    mod_client.post(ACTION, {"single": f"restore:{posts[1].pk}"})
    mod_client.post(ACTION, {"single": f"hide:{posts[0].pk}"})
    # Restored to where it was before: awaiting approval.
    assert Post.objects.get(pk=posts[1].pk).state == PostState.PENDING
    mod_client.post(ACTION, {"single": f"restore:{posts[0].pk}"})
    assert Post.objects.get(pk=posts[0].pk).state == PostState.APPROVED
    mod_client.post(ACTION, {"single": f"hide:{posts[0].pk}"})
    assert Post.objects.get(pk=posts[0].pk).state == PostState.HIDDEN
    actions = set(ModelLogEntry.objects.filter(user=moderator).values_list("action", flat=True))
    assert {"community.approve", "community.spam", "community.restore", "community.hide"} <= actions


def test_an_id_no_post_can_have_changes_nothing_and_says_so(mod_client, story):
    post = PostFactory(page=story, state=PostState.PENDING)
    for data in (
        {"single": "approve:" + "9" * 25},
        {"action": "approve", "post": [str(post.pk), "9" * 25]},
        {"action": "approve", "post": ["abc"]},
    ):
        response = mod_client.post(ACTION, data, follow=True)
        assert response.status_code == 200
        assert "글을 하나 이상 선택해 주세요." in response.content.decode()
    assert Post.objects.get(pk=post.pk).state == PostState.PENDING


def test_followers_hear_of_a_reply_once_even_when_it_is_hidden_and_restored(
    mod_client, story, member, django_capture_on_commit_callbacks
):
    from community import services

    question = PostFactory(page=story, user=member)
    services.thread_follow(post=question, user=member)
    reply = PostFactory(page=story, parent=question, state=PostState.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        mod_client.post(ACTION, {"single": f"approve:{reply.pk}"})
        mod_client.post(ACTION, {"single": f"hide:{reply.pk}"})
        mod_client.post(ACTION, {"single": f"restore:{reply.pk}"})
    assert Post.objects.get(pk=reply.pk).state == PostState.APPROVED
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_the_post_form_offers_the_queues_actions_only(mod_client, story, moderator):
    post = PostFactory(page=story, state=PostState.PENDING)
    url = f"/admin/community_posts/edit/{post.pk}/"
    html = mod_client.get(url).content.decode()
    offered = set(re.findall(r'<option value="(\w+)"', html))
    assert offered == {"pending", "approved", "hidden", "spam"}
    response = mod_client.post(url, {"state": "rejected"})
    assert response.status_code == 200  # shown again: a rejection needs its reason
    mod_client.post(url, {"state": "spam"})
    assert Post.objects.get(pk=post.pk).state == PostState.SPAM
    assert ModelLogEntry.objects.filter(user=moderator, action="community.spam").exists()


def test_reject_with_a_reason_tells_the_author_who_can_resubmit(
    mod_client, story, guidelines, django_capture_on_commit_callbacks
):
    author = MemberFactory(username="writer", level="new")
    MemberProfile.objects.filter(user=author).update(language="en")
    post = PostFactory(page=story, user=author, state=PostState.PENDING, comment="visit my shop")
    no_reason = mod_client.post(ACTION, {"single": f"reject:{post.pk}"})
    assert no_reason.status_code == 302
    post.refresh_from_db()
    assert post.state == PostState.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        mod_client.post(
            ACTION,
            {
                "single": f"reject:{post.pk}",
                "reason_code": "self-promotion",
                "note": "no ads please",
                "allow_resubmit": "on",
            },
        )
    post.refresh_from_db()
    assert (post.state, post.rejection_code, post.resubmit_allowed) == (
        PostState.REJECTED,
        "self-promotion",
        True,
    )
    assert "no ads please" in mail.outbox[0].body
    assert "자기 가게 홍보 금지" in mail.outbox[0].body  # the English page is not translated yet
    # The author sees the reason and resubmits.
    mod_client.logout()
    mod_client.force_login(author)
    page = mod_client.get(f"/ko/community/pages/{story.pk}/").content.decode()
    assert 'class="post__rejection"' in page and "자기 가게 홍보 금지" in page
    response = mod_client.post(f"/en/community/posts/{post.pk}/edit/", {"comment": "about the tea"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.state, post.comment) == (PostState.PENDING, "about the tea")


def test_a_rejection_without_resubmission_cannot_be_edited_back(mod_client, story, guidelines):
    author = MemberFactory(username="writer2")
    post = PostFactory(page=story, user=author, state=PostState.PENDING)
    mod_client.post(ACTION, {"single": f"reject:{post.pk}", "reason_code": "fake-review"})
    mod_client.force_login(author)
    response = mod_client.post(f"/en/community/posts/{post.pk}/edit/", {"comment": "again"})
    assert response.status_code == 400
    assert "cannot be sent again" in response.content.decode()


# Member actions and the policy -------------------------------------------------------------------


def test_a_warning_is_seen_on_the_next_visit_and_dismissed(
    client, moderator, member, story, guidelines, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            member_url(member) + "action/",
            {"action": "warn", "reason_code": "off-topic", "note": "차 이야기만"},
        )
    assert len(mail.outbox) == 1 and "주제에서 벗어나지 않기" in mail.outbox[0].body
    client.force_login(member)
    html = client.get(f"/ko/community/pages/{story.pk}/").content.decode()
    assert "주제에서 벗어나지 않기" in html and "차 이야기만" in html
    notice = Notice.objects.get(user=member, kind="warning")
    response = client.post(f"/ko/community/notices/{notice.pk}/dismiss/", {"next": "/ko/"})
    assert response.status_code == 302 and response["Location"] == "/ko/"
    assert "차 이야기만" not in client.get(f"/ko/community/pages/{story.pk}/").content.decode()
    assert client.get(f"/ko/community/notices/{notice.pk}/dismiss/").status_code == 405


def test_two_warnings_suspend_and_two_suspensions_ban(member, moderator):
    for _ in range(2):
        moderation_services.member_warn(member=member, moderator=moderator, reason_code="respect")
    profile = MemberProfile.objects.get(user=member)
    assert profile.is_suspended and profile.suspensions == 1 and not profile.is_banned
    assert profile.level == TrustLevel.NEW
    moderation_services.member_unsuspend(member=member, moderator=moderator)
    moderation_services.member_warn(member=member, moderator=moderator, reason_code="respect")
    profile.refresh_from_db()
    assert profile.is_banned and profile.suspensions == 2


def test_banning_a_spammer_removes_every_post_and_unbanning_restores_them(mod_client, story):
    from django.test import Client

    client = Client()
    spammer = MemberFactory(username="spammer")
    approved = PostFactory(page=story, user=spammer, comment="광고 하나")
    pending = PostFactory(page=story, user=spammer, state=PostState.PENDING, comment="광고 둘")
    response = mod_client.post(
        member_url(spammer) + "action/", {"action": "ban", "ban_reason": "spammer"}
    )
    assert response.status_code == 302
    assert set(Post.objects.filter(user=spammer).values_list("state", flat=True)) == {"removed"}
    assert "광고 하나" not in client.get(f"/ko/community/pages/{story.pk}/").content.decode()
    mod_client.post(member_url(spammer) + "action/", {"action": "unban"})
    approved.refresh_from_db()
    pending.refresh_from_db()
    assert (approved.state, pending.state) == (PostState.APPROVED, PostState.PENDING)
    assert "광고 하나" in client.get(f"/ko/community/pages/{story.pk}/").content.decode()


def test_every_action_shows_in_the_member_and_post_history(
    mod_client, moderator, story, guidelines
):
    author = MemberFactory(username="author")
    post = PostFactory(page=story, user=author, state=PostState.PENDING)
    mod_client.post(
        ACTION, {"single": f"reject:{post.pk}", "reason_code": "off-topic", "note": "왜냐하면"}
    )
    mod_client.post(member_url(author) + "action/", {"action": "warn", "reason_code": "respect"})
    html = mod_client.get(member_url(author)).content.decode()
    assert 'data-action="community.reject"' in html and 'data-action="community.warn"' in html
    assert "왜냐하면" in html
    entry = ModelLogEntry.objects.get(action="community.reject")
    assert (entry.user, entry.data["reason"]) == (moderator, "off-topic")
    history = mod_client.get(f"/admin/community_posts/history/{post.pk}/")
    assert history.status_code == 200
    assert "반려됨" in history.content.decode()  # the registered action's message


def test_moderators_grant_hero(mod_client, member):
    mod_client.post(member_url(member) + "action/", {"action": "grant", "level": "hero"})
    assert MemberProfile.objects.get(user=member).level == TrustLevel.HERO


# Menu badge, dashboard and the query budget -------------------------------------------------------


def test_menu_badge_counts_waiting_posts_and_dashboard_shows_the_oldest(
    mod_client, moderator, story, rf
):
    from django.utils import translation

    from community.wagtail_hooks import moderation_menu_item

    PostFactory(
        page=story,
        state=PostState.PENDING,
        submit_date=timezone.now() - datetime.timedelta(hours=5),
    )
    PostFactory(page=story, state=PostState.PENDING)
    PostFactory(page=story, state=PostState.PENDING, screening=Screening.HOLD)
    PostFactory(page=story)  # published: not waiting
    assert selectors.waiting_count() == 3
    item = moderation_menu_item()
    request = rf.get("/admin/")
    request.user = moderator
    with translation.override("en"):
        assert item.is_shown(request)
        assert item.render_component(request).label == "Moderation (3)"
    request.user = UserFactory(username="support-person", groups=[roles.SUPPORT])
    assert not item.is_shown(request)
    html = mod_client.get("/admin/").content.decode()
    panel = re.search(r"data-oldest-age>(.*?)</p>", html, re.S)
    assert panel is not None
    assert "5" in panel.group(1)  # "5시간" / "5 hours"


@pytest.mark.parametrize("count", [5, 50])
def test_the_queue_takes_a_fixed_number_of_queries(
    mod_client, story, count, django_assert_max_num_queries
):
    moderator = UserFactory(username="queue-mod", groups=[roles.MODERATORS])
    for n in range(count):
        author = MemberFactory(username=f"writer{n}")
        post = PostFactory(page=story, user=author, state=PostState.PENDING)
        PostFactory.create_batch(2, page=story, user=author)  # a history of approved posts
        for _ in range(2):
            moderation_services.member_warn(
                member=author, moderator=moderator, reason_code="respect", notify=False
            )
        Flag.objects.create(post=post, user=MemberFactory(username=f"flagger{n}"), reason="spam")
    mod_client.get(QUEUE)
    with django_assert_max_num_queries(25):
        response = mod_client.get(QUEUE)
    html = response.content.decode()
    assert html.count('name="post"') == count
    assert html.count("승인된 글 2개") == count and html.count("유효 경고 2회") == count


def test_guidelines_page_rules(home, story):
    from django.core.exceptions import ValidationError

    from community.models import GuidelinesPage

    assert GuidelinesPage.can_create_at(home)
    assert not GuidelinesPage.can_create_at(story)
    page = GuidelinesPageFactory(parent=home)
    page.rules = [
        ("rule", {"code": "respect", "title": "a", "text": "b"}),
        ("rule", {"code": "respect", "title": "c", "text": "d"}),
    ]
    with pytest.raises(ValidationError):
        page.full_clean()


def test_the_waiting_count_follows_each_action_at_once_without_emptying_page_caches(
    moderator, story
):
    from core import page_cache

    first = PostFactory(page=story, state=PostState.PENDING)
    PostFactory(page=story, state=PostState.PENDING)
    assert selectors.waiting_count() == 2
    generation = page_cache._generation()
    moderation_services.post_reject(post=first, moderator=moderator, reason_code="off-topic")
    assert selectors.waiting_count() == 1  # not the count kept a moment ago
    assert page_cache._generation() == generation  # a rejection shows on no public page
    PostFactory(page=story, state=PostState.PENDING, screening=Screening.HOLD)
    assert selectors.waiting_count() == 2
