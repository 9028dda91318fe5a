"""Member account actions are rate-limited with HTTP 429 and Retry-After."""

import pytest
from django.core.cache import cache

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
