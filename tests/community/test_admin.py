"""The Wagtail admin: the post listing and its filters, moderation, drafts from posts, roles."""

import datetime
import re

import pytest
from django.utils import timezone

from community.factories import MemberFactory, PostFactory
from community.models import Post, PostKind, PostState
from core import roles
from home.factories import UserFactory
from stories.factories import FAQCategoryPageFactory, StoryIndexPageFactory
from stories.models import FAQPage, StoryPage

pytestmark = pytest.mark.django_db

LISTING = "/admin/community_posts/"


def listed_ids(response) -> list[int]:
    html = response.content.decode()
    found = re.findall(r'href="/admin/community_posts/(?:edit|inspect)/(\d+)/"', html)
    return list(dict.fromkeys(int(pk) for pk in found))


@pytest.fixture
def support_client(client):
    client.force_login(UserFactory(groups=[roles.SUPPORT]))
    return client


def test_support_finds_questions_without_an_official_answer_oldest_first(
    support_client, faq, member, support
):
    now = timezone.now()
    old = PostFactory(
        page=faq, kind=PostKind.QUESTION, submit_date=now - datetime.timedelta(days=5)
    )
    new = PostFactory(
        page=faq, kind=PostKind.QUESTION, submit_date=now - datetime.timedelta(days=1)
    )
    answered = PostFactory(
        page=faq, kind=PostKind.QUESTION, submit_date=now - datetime.timedelta(days=9)
    )
    PostFactory(page=faq, user=support, parent=answered, is_official=True)
    member_only = PostFactory(
        page=faq, kind=PostKind.QUESTION, submit_date=now - datetime.timedelta(days=3)
    )
    PostFactory(page=faq, user=member, parent=member_only)  # a member's reply is not an answer
    PostFactory(page=faq, kind=PostKind.TIP)

    response = support_client.get(LISTING + "?unanswered=true")
    assert response.status_code == 200
    assert listed_ids(response) == [old.pk, member_only.pk, new.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=review", ["review"]),
        ("state=pending", ["pending"]),
    ],
)
def test_the_listing_filters_by_kind_and_state(support_client, product, query, expected):
    review = PostFactory(page=product, kind=PostKind.REVIEW, rating=5)
    pending = PostFactory(page=product, kind=PostKind.TIP, state=PostState.PENDING)
    ids = listed_ids(support_client.get(f"{LISTING}?{query}"))
    assert ids == ([review.pk] if expected == ["review"] else [pending.pk])


def test_the_listing_filters_by_page_member_and_date(support_client, product, story, member):
    on_product = PostFactory(page=product, user=member)
    on_story = PostFactory(page=story, submit_date=timezone.now() - datetime.timedelta(days=40))
    assert listed_ids(support_client.get(f"{LISTING}?page={story.pk}")) == [on_story.pk]
    assert listed_ids(support_client.get(f"{LISTING}?user={member.pk}")) == [on_product.pk]
    since = (timezone.now() - datetime.timedelta(days=7)).date().isoformat()
    assert listed_ids(support_client.get(f"{LISTING}?submit_date_from={since}")) == [on_product.pk]


def test_support_cannot_moderate_and_members_cannot_reach_the_admin(client, product):
    post = PostFactory(page=product)
    client.force_login(UserFactory(groups=[roles.SUPPORT]))
    # Wagtail's admin answers a refused permission with a redirect and a message.
    assert client.get(f"/admin/community_posts/edit/{post.pk}/").status_code in (302, 403)
    client.post(f"/admin/community_posts/edit/{post.pk}/", {"state": "hidden"})
    assert client.get(f"/admin/community_posts/inspect/{post.pk}/").status_code == 200
    client.force_login(MemberFactory())
    assert client.get(LISTING).status_code == 302
    assert Post.objects.get(pk=post.pk).state == PostState.APPROVED


def test_a_moderator_approves_and_hides_posts(
    client, product, member, support, django_capture_on_commit_callbacks
):
    from django.core import mail

    from community import services

    question = PostFactory(page=product, user=member, kind=PostKind.QUESTION)
    services.thread_follow(post=question, user=member)
    post = PostFactory(page=product, user=support, parent=question, state=PostState.PENDING)
    client.force_login(UserFactory(groups=[roles.MODERATORS]))
    url = f"/admin/community_posts/edit/{post.pk}/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"state": "approved"})
    assert Post.objects.get(pk=post.pk).state == PostState.APPROVED
    assert [m.to for m in mail.outbox] == [[member.email]]  # approval tells the follower
    client.post(url, {"state": "hidden"})
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN and not post.is_public
    response = client.post(url, {"state": "bogus"})
    assert response.status_code == 200
    assert Post.objects.get(pk=post.pk).state == PostState.HIDDEN


@pytest.fixture
def editor(db):
    return UserFactory(groups=[roles.EDITORS])


def test_an_editor_turns_a_question_and_answer_into_a_draft_faq(
    client, editor, faq, member, support
):
    category = faq.get_parent()
    question = PostFactory(
        page=faq, user=member, kind=PostKind.QUESTION, comment="보리차도 냉침하나요?"
    )
    PostFactory(
        page=faq,
        user=support,
        parent=question,
        is_official=True,
        comment="네, **8g**이면 충분해요.",
    )
    client.force_login(editor)
    assert client.get(f"/admin/community/posts/{question.pk}/draft/").status_code == 200
    response = client.post(f"/admin/community/posts/{question.pk}/draft/", {"target": "faq"})
    draft = FAQPage.objects.exclude(pk=faq.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert not draft.live
    assert draft.get_parent().pk == category.pk
    assert draft.title == "보리차도 냉침하나요?"
    assert "<b>8g</b>" in draft.answer
    assert "지우님이 남겨 주신 질문에서 시작되었습니다" in draft.answer
    assert draft.get_latest_revision().user == editor


def test_an_editor_turns_a_tip_into_a_draft_story(client, editor, story, member):
    StoryIndexPageFactory()
    tip = PostFactory(
        page=story, user=member, kind=PostKind.TIP, comment="잔을 먼저 데우면 따뜻해요."
    )
    client.force_login(editor)
    client.post(f"/admin/community/posts/{tip.pk}/draft/", {"target": "story"})
    draft = StoryPage.objects.exclude(pk=story.pk).get()
    assert not draft.live
    body = str(draft.body[0].value)
    assert "잔을 먼저 데우면 따뜻해요." in body
    assert "지우님이 나눠 주신 팁에서 시작되었습니다" in body


def test_drafts_only_from_approved_tips_and_answered_questions(client, editor, faq, member):
    FAQCategoryPageFactory()
    unanswered = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    pending_tip = PostFactory(page=faq, user=member, kind=PostKind.TIP, state=PostState.PENDING)
    client.force_login(editor)
    for post in (unanswered, pending_tip):
        response = client.post(f"/admin/community/posts/{post.pk}/draft/", {"target": "faq"})
        assert response.status_code in (302, 403)
    assert FAQPage.objects.count() == 1


def test_support_cannot_make_drafts(client, faq, member):
    tip = PostFactory(page=faq, user=member, kind=PostKind.TIP)
    client.force_login(UserFactory(groups=[roles.SUPPORT]))
    response = client.post(f"/admin/community/posts/{tip.pk}/draft/", {"target": "faq"})
    assert response.status_code in (302, 403)
    assert FAQPage.objects.count() == 1


def test_roles_have_least_community_permissions():
    from django.contrib.auth.models import Group

    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="community")
            .values_list("codename", flat=True)
        )

    assert codenames(roles.SUPPORT) == {"view_post", "answer_officially"}
    assert codenames(roles.MODERATORS) == {
        "view_post",
        "change_post",
        "answer_officially",
        "approve_member",
        "moderate_post",
        "add_blocklistentry",
        "change_blocklistentry",
        "delete_blocklistentry",
        "view_blocklistentry",
        "change_trustsettings",
    }
    assert codenames(roles.EDITORS) == {"view_post", "answer_officially"}
    assert codenames(roles.MEMBERS) == set()


def test_community_settings_are_editable_in_the_admin(admin_client, home):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(f"/admin/settings/community/communitysettings/{site.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in (
        "reading",
        "participation",
        "signup",
        "phase",
        "welcome_message_ko",
        "welcome_message_en",
    ):
        assert f'name="{field}"' in html
