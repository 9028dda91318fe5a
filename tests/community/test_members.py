"""Members: signing up without revealing who is registered, profiles, welcome, deleting."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from community.factories import MemberFactory, PostFactory
from community.models import MemberProfile, Post, PostKind, PostState, display_name_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def signup(client, email="new@dangol.example", language="ko"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "display_name": "새 단골", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )


def normalised(response) -> str:
    html = response.content.decode()
    html = re.sub(r"[\w.+-]+@dangol\.example", "EMAIL", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)


def test_signup_does_not_reveal_a_registered_email(home, member):
    from django.test import Client

    taken = signup(Client(), email=member.email)
    fresh = signup(Client(), email="fresh@dangol.example")
    assert taken.status_code == fresh.status_code == 200
    assert taken.redirect_chain == fresh.redirect_chain
    assert normalised(taken) == normalised(fresh)
    assert get_user_model().objects.filter(email=member.email).count() == 1
    # Both addresses get an email; the registered one is told it already has an account.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, "fresh@dangol.example"])


def test_password_reset_does_not_reveal_a_registered_email(client, home, member):
    known = client.post("/en/accounts/password/reset/", {"email": member.email}, follow=True)
    unknown = client.post(
        "/en/accounts/password/reset/", {"email": "nobody@dangol.example"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200


def test_a_wrong_password_does_not_say_whether_the_email_exists(client, home, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    known = client.post("/en/accounts/login/", {"login": member.email, "password": "wrong"})
    unknown = client.post(
        "/en/accounts/login/", {"login": "nobody@dangol.example", "password": "wrong"}
    )
    message = "The email address and/or password you specified are not correct."
    assert message in known.content.decode() and message in unknown.content.decode()


def test_a_refused_signup_is_a_400_in_korean_and_keeps_what_was_typed(client, home):
    response = client.post(
        "/ko/accounts/signup/",
        {"email": "not-an-email", "display_name": "지우", "password1": "x", "password2": "y"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "올바른 이메일 주소를 입력하세요." in html
    assert 'value="not-an-email"' in html and 'value="지우"' in html


def test_a_refused_login_is_a_400_and_a_good_one_still_redirects(client, home, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    member.set_password("a-long-good-password")
    member.save()
    wrong = client.post("/ko/accounts/login/", {"login": member.email, "password": "wrong"})
    assert wrong.status_code == 400
    right = client.post(
        "/ko/accounts/login/", {"login": member.email, "password": "a-long-good-password"}
    )
    assert right.status_code == 302


def test_account_pages_are_in_korean_and_english(client, home):
    korean = client.get("/ko/accounts/signup/").content.decode()
    english = client.get("/en/accounts/signup/").content.decode()
    assert "회원가입" in korean and "표시 이름" in korean
    assert "Sign Up" in english and "Display name" in english
    assert "gravatar" not in korean + english


def test_the_welcome_message_is_emailed_once_and_shown_once(
    client, home, community_settings, django_capture_on_commit_callbacks
):
    community_settings.welcome_message_ko = "소담의 단골이 되신 것을 환영해요!"
    community_settings.welcome_message_en = "Welcome to Sodam's regulars!"
    community_settings.save()
    signup(client)
    confirmation = mail.outbox[-1]
    key_path = re.search(r"/ko/accounts/confirm-email/[^/\s]+/", confirmation.body).group(0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(key_path, follow=True)
    assert response.status_code == 200
    welcome_emails = [m for m in mail.outbox if "환영" in m.subject]
    assert len(welcome_emails) == 1
    assert "소담의 단골이 되신 것을 환영해요!" in welcome_emails[0].body
    html = response.content.decode()
    if "_auth_user_id" not in client.session:
        login = {"login": "new@dangol.example", "password": PASSWORD}
        html += client.post("/ko/accounts/login/", login, follow=True).content.decode()
    assert html.count("소담의 단골이 되신 것을 환영해요!") == 1
    assert "소담의 단골이 되신 것을 환영해요!" not in client.get(home.url).content.decode()
    client.logout()
    client.post("/ko/accounts/login/", {"login": "new@dangol.example", "password": PASSWORD})
    assert "환영해요" not in client.get(home.url).content.decode()


def test_the_profile_shows_name_initials_join_date_and_approved_posts(client, member, story):
    PostFactory(page=story, user=member, comment="공개된 팁")
    PostFactory(page=story, user=member, comment="기다리는 팁", state=PostState.PENDING)
    html = client.get(f"/ko/community/members/{member.pk}/").content.decode()
    assert "<h1>지우</h1>" in html
    assert 'class="avatar avatar--large' in html and ">지</span>" in html
    assert "가입" in html
    assert "공개된 팁" in html
    assert "기다리는 팁" not in html
    assert "data-level-badge" in html
    assert "초대 코드" not in html  # only the member sees their own code


def test_english_initials(client, home):
    emma = MemberFactory(username="emma", display_name="Emma Park")
    assert MemberProfile.objects.get(user=emma).initials == "EP"


def test_members_edit_their_display_name_and_notifications(client, member):
    client.force_login(member)
    response = client.post(
        "/en/community/profile/",
        {"display_name": "  새 이름  ", "language": "en", "notify_staff_answers": "on"},
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.display_name == "새 이름"
    assert profile.language == "en"
    assert profile.notify_staff_answers
    assert not profile.notify_followed_threads
    assert not profile.follow_own_threads


def test_a_blank_display_name_is_refused(client, member):
    client.force_login(member)
    response = client.post("/ko/community/profile/", {"display_name": "   ", "language": "ko"})
    assert response.status_code == 400
    assert "표시 이름을 입력해 주세요." in response.content.decode()


def test_deleting_an_account_keeps_posts_as_from_a_deleted_member(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION, comment="남을 질문")
    PostFactory(page=faq, user=support, parent=question, is_official=True)
    client.force_login(member)
    refused = client.post("/ko/community/profile/delete/", {})
    assert refused.status_code == 400
    assert "확인란에 체크해 주세요." in refused.content.decode()
    response = client.post("/ko/community/profile/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    question.refresh_from_db()
    assert (question.user, question.user_name, question.user_email) == (None, "", "")
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert "남을 질문" in html
    assert "탈퇴한 회원" in html
    assert "jiwoo" not in html


def test_unknown_or_waiting_profiles_are_not_found(client, member):
    assert client.get("/ko/community/members/999999/").status_code == 404
    MemberProfile.objects.filter(user=member).update(awaiting_approval=True)
    assert client.get(f"/ko/community/members/{member.pk}/").status_code == 404


def test_the_header_links_to_the_members_profile(client, member, home):
    client.force_login(member)
    html = client.get(home.url).content.decode()
    assert f'href="/ko/community/members/{member.pk}/">지우</a>' in html


def test_signup_joins_the_members_group_through_allauth_signal(home, rf):
    from allauth.account.signals import user_signed_up

    user = get_user_model().objects.create_user("plain", "plain@dangol.example", PASSWORD)
    request = rf.get("/ko/accounts/signup/")
    request.LANGUAGE_CODE = "ko"
    user_signed_up.send(sender=get_user_model(), request=request, user=user)
    assert user.groups.filter(name="Members").exists()
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    ("first_name", "last_name", "shown"),
    [
        ("지우", "한", "한지우"),
        ("Emma", "Brown", "Emma Brown"),
        ("지우", "Han", "지우 Han"),
        ("지우", "", "지우"),
    ],
)
def test_names_follow_the_order_of_their_script(client, home, first_name, last_name, shown):
    from home.factories import UserFactory

    user = UserFactory(first_name=first_name, last_name=last_name)
    assert display_name_for(user) == shown
    client.force_login(user)
    assert f">{shown}</a>" in client.get("/ko/community/").content.decode()
