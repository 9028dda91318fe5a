"""The operating modes, as editors set them in the site settings."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.core.cache import cache
from django.utils import timezone

from community.factories import MemberFactory, PostFactory
from community.models import GuestSubmission, MemberProfile, Post, PostKind, PostState
from core import roles
from home.factories import UserFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def set_mode(settings_, **values):
    for name, value in values.items():
        setattr(settings_, name, value)
    settings_.save()


# Reading ------------------------------------------------------------------------------------


def test_open_reading_shows_everything_to_visitors(client, story, faq, community_settings):
    assert client.get(story.url).status_code == 200
    assert client.get(faq.url).status_code == 200
    assert client.get(f"/ko/community/pages/{faq.pk}/").status_code == 200


def test_members_only_reading_needs_a_login(
    client, home, story, faq, product, community_settings, member
):
    set_mode(community_settings, reading="members")
    for url in (story.url, faq.url, product.url, f"/ko/community/pages/{faq.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/ko/accounts/login/?next="), url
    # The home page and the signup page stay open.
    assert client.get(home.url).status_code == 200
    assert client.get("/ko/accounts/signup/").status_code == 200
    assert client.get("/ko/accounts/login/").status_code == 200
    client.force_login(member)
    assert client.get(story.url).status_code == 200
    assert client.get(f"/ko/community/pages/{faq.pk}/").status_code == 200


def test_members_only_reading_hides_profiles_from_visitors(client, member, community_settings):
    set_mode(community_settings, reading="members")
    assert client.get(f"/ko/community/members/{member.pk}/").status_code == 302


# Participation: guests with a confirmed email ------------------------------------------------


@pytest.fixture
def guests(community_settings):
    set_mode(community_settings, participation="guests")
    return community_settings


def guest_post(client, page, language="ko", **fields):
    data = form_data(
        page, kind="question", comment="손님 질문입니다", name="손님", email="guest@example.com"
    )
    data.update(fields)
    return client.post(f"/{language}/community/posts/", data)


def confirmation_path(message) -> str:
    return re.search(r"/(ko|en)/community/confirm/[^/\s]+/", message.body).group(0)


def test_members_only_participation_refuses_guests(client, faq, community_settings):
    response = guest_post(client, faq)
    assert response.status_code == 403
    assert "글을 쓰려면 로그인해 주세요." in response.content.decode()
    assert "손님 질문입니다" in response.content.decode()
    assert GuestSubmission.objects.count() == 0


def test_a_guest_confirms_their_post_by_post_request(
    client, faq, guests, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = guest_post(client, faq)
    assert response.status_code == 200
    assert "이메일을 확인해 주세요" in response.content.decode()
    assert Post.objects.count() == 0  # nothing is posted before the confirmation
    [message] = mail.outbox
    assert message.to == ["guest@example.com"]
    assert "손님 질문입니다" in message.body
    path = confirmation_path(message)

    page = client.get(path)  # opening the link changes nothing
    assert page.status_code == 200
    assert "확인하고 글 올리기" in page.content.decode()
    assert Post.objects.count() == 0

    done = client.post(path)
    assert done.status_code == 200
    post = Post.objects.get()
    assert (post.user, post.user_name, post.user_email) == (None, "손님", "guest@example.com")
    assert post.state == PostState.PENDING  # a moderator approves guests' posts
    assert post.kind == PostKind.QUESTION

    again = client.post(path)  # single use
    assert again.status_code == 400
    assert "이미 확인된 글이에요." in again.content.decode()
    assert Post.objects.count() == 1


def test_a_guest_token_expires_after_48_hours(
    client, faq, guests, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_post(client, faq, language="en")
    path = confirmation_path(mail.outbox[0])
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 48 * 3600 + 5)
    response = client.post(path)
    assert response.status_code == 400
    assert "This confirmation link has expired." in response.content.decode()
    assert Post.objects.count() == 0


def test_a_tampered_guest_token_is_refused(client, faq, guests, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest_post(client, faq)
    submission = GuestSubmission.objects.get()
    forged = signing.dumps(
        {"id": submission.pk, "nonce": "guessed"}, salt="community.guest-confirmation"
    )
    assert client.post(f"/ko/community/confirm/{forged}/").status_code == 400
    unsigned = signing.dumps({"id": submission.pk, "nonce": submission.nonce}, salt="other")
    assert client.post(f"/ko/community/confirm/{unsigned}/").status_code == 400
    assert client.post("/ko/community/confirm/not-a-token/").status_code == 400
    assert Post.objects.count() == 0


def test_one_confirmation_email_per_address_per_hour(
    client, faq, guests, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_post(client, faq)
        second = guest_post(client, faq, comment="두 번째 손님 질문", email="GUEST@example.com")
    assert second.status_code == 429
    html = second.content.decode()
    assert "한 시간 안에 이 주소로 확인 메일을 이미 보냈어요." in html
    assert "두 번째 손님 질문" in html
    assert len(mail.outbox) == 1
    GuestSubmission.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    cache.clear()  # an hour later the posting rate windows are over too
    with django_capture_on_commit_callbacks(execute=True):
        third = guest_post(client, faq, comment="한 시간 뒤의 질문")
    assert third.status_code == 200
    assert len(mail.outbox) == 2


def test_guests_need_a_name_and_an_email(client, faq, guests):
    response = guest_post(client, faq, language="en", name="", email="not-an-email")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid email address." in html
    assert GuestSubmission.objects.count() == 0


def test_guests_cannot_write_reviews(client, product, guests):
    response = guest_post(client, product, kind="review", rating="5")
    assert response.status_code == 400
    assert GuestSubmission.objects.count() == 0


def test_the_guest_form_asks_for_name_and_email(client, faq, guests):
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert 'name="name"' in html and 'name="email"' in html


# Signup -------------------------------------------------------------------------------------


def signup(client, language="ko", **fields):
    data = {
        "email": "new@dangol.example",
        "display_name": "새 단골",
        "password1": "correct horse battery staple",
        "password2": "correct horse battery staple",
    }
    data.update(fields)
    return client.post(f"/{language}/accounts/signup/", data)


def test_free_signup_makes_a_member(client, home, community_settings):
    response = signup(client)
    assert response.status_code == 302
    user = EmailAddress.objects.get(email="new@dangol.example").user
    assert user.groups.filter(name=roles.MEMBERS).exists()
    profile = MemberProfile.objects.get(user=user)
    assert profile.display_name == "새 단골"
    assert profile.language == "ko"
    assert not profile.awaiting_approval


def test_invitation_signup_needs_a_valid_code(client, home, member, community_settings):
    set_mode(community_settings, signup="invitation")
    missing = signup(client)
    assert missing.status_code == 400
    assert "초대를 받은 분만 가입할 수 있어요." in missing.content.decode()
    wrong = signup(client, invitation_code="NOPE1234")
    assert "올바른 초대 코드가 아니에요." in wrong.content.decode()
    assert not EmailAddress.objects.filter(email="new@dangol.example").exists()

    code = MemberProfile.objects.get(user=member).referral_code
    response = signup(client, invitation_code=code.lower())
    assert response.status_code == 302
    newcomer = EmailAddress.objects.get(email="new@dangol.example").user
    assert MemberProfile.objects.get(user=newcomer).referred_by == member

    client.force_login(member)
    html = client.get(f"/ko/community/members/{member.pk}/").content.decode()
    assert code in html
    assert "내 코드로 1명이 가입했어요." in html


def test_the_invitation_field_shows_only_in_invitation_mode(client, home, community_settings):
    assert 'name="invitation_code"' not in client.get("/ko/accounts/signup/").content.decode()
    set_mode(community_settings, signup="invitation")
    assert 'name="invitation_code"' in client.get("/ko/accounts/signup/").content.decode()


def test_verified_signup_waits_for_a_moderator(
    client, home, community_settings, django_capture_on_commit_callbacks
):
    set_mode(community_settings, signup="verified")
    signup(client)
    user = EmailAddress.objects.get(email="new@dangol.example").user
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert MemberProfile.objects.get(user=user).awaiting_approval

    login = {"login": "new@dangol.example", "password": "correct horse battery staple"}
    response = client.post("/ko/accounts/login/", login)
    assert "계정 승인을 기다리고 있어요" in response.content.decode()
    assert "_auth_user_id" not in client.session

    moderator = UserFactory(groups=[roles.MODERATORS])
    client.force_login(moderator)
    listing = client.get("/admin/community/members/")
    assert "새 단골" in listing.content.decode()
    profile = MemberProfile.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/community/members/{profile.pk}/approve/")
    assert not MemberProfile.objects.get(user=user).awaiting_approval
    assert mail.outbox[-1].to == ["new@dangol.example"]
    assert "계정이 승인되었어요" in mail.outbox[-1].subject

    client.logout()
    response = client.post("/ko/accounts/login/", login)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_only_moderators_approve_members(client, home, community_settings):
    profile = MemberProfile.objects.get(user=MemberFactory())
    profile.awaiting_approval = True
    profile.save()
    for group in (roles.SUPPORT, roles.EDITORS):
        client.force_login(UserFactory(groups=[group]))
        assert client.get("/admin/community/members/").status_code in (302, 403)
        client.post(f"/admin/community/members/{profile.pk}/approve/")
    assert MemberProfile.objects.get(pk=profile.pk).awaiting_approval


# Phase (replies are tested with posting) ------------------------------------------------------


def test_the_thread_says_who_replies_in_each_phase(client, faq, community_settings):
    question = PostFactory(page=faq, kind=PostKind.QUESTION)
    member = MemberFactory()
    client.force_login(member)
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert "모든 글에 소담 직원이 답합니다." in html
    assert f"/community/posts/{question.pk}/reply/" not in html
    set_mode(community_settings, phase="open")
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert f"/community/posts/{question.pk}/reply/" in html
