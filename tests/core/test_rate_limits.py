"""Member account actions are rate-limited with HTTP 429 and Retry-After."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from community.factories import MemberFactory

PASSWORD = "correct horse battery staple"  # the factories' password

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_limits():
    cache.clear()  # the limits are counted in the cache
    yield
    cache.clear()


def test_too_many_signups_from_one_address_get_429_with_retry_after(client, home):
    responses = [
        client.post(
            "/en/accounts/signup/",
            {"email": f"visitor{n}@example.com", "password1": "x", "password2": "y"},
        )
        for n in range(21)
    ]
    assert responses[0].status_code == 400  # a form error, not a limit
    limited = responses[-1]
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Too many requests" in limited.content.decode()


def test_too_many_password_resets_for_one_address_get_429(client, home):
    responses = [
        client.post("/ko/accounts/password/reset/", {"email": "someone@example.com"})
        for _ in range(6)
    ]
    assert responses[0].status_code == 302
    assert responses[-1].status_code == 429
    assert "요청이 너무 많습니다" in responses[-1].content.decode()


@pytest.fixture
def clock(monkeypatch):
    """The time the limits read, moved by hand."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Please try again in 4 minutes."), ("ko", "너무 자주 시도하셨습니다. 4분 후에")],
)
def test_the_failed_login_lockout_is_a_429_with_retry_after(client, home, clock, language, message):
    member = MemberFactory(email="jiwoo@dangol.example")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    url = f"/{language}/accounts/login/"
    failures = [
        client.post(url, {"login": member.email, "password": "not the password"})
        for _ in range(5)  # allauth's default: 5 failures per email in 5 minutes
    ]
    assert [response.status_code for response in failures] == [400] * 5
    assert "Retry-After" not in failures[-1]

    clock[0] += 100
    locked = client.post(url, {"login": member.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert locked["Retry-After"] == "200"  # when the first failure is 5 minutes old
    html = locked.content.decode()
    assert message in html
    assert f'value="{member.email}"' in html  # the typed email is kept
    assert "_auth_user_id" not in client.session

    clock[0] += 200
    assert client.post(url, {"login": member.email, "password": PASSWORD}).status_code == 302
