"""Searching is limited per address: the page and the API answer 429 with Retry-After and the
wait in words; another address, and a new window, search again."""

import pytest
from django.core.cache import cache
from django.test import Client

from core import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.DANGOL_SEARCH_RATE_LIMIT = "3/m"
    settings.DANGOL_SEARCH_SUGGEST_RATE_LIMIT = "5/m"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_clock(monkeypatch):
    """The limiter's clock, 10 s into a minute window."""
    now = [1_800_000_010.0]
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    return now


def test_the_search_page_answers_429_after_the_limit(home, frozen_clock):
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert visitor.get("/ko/search/", {"q": "배송"}).status_code == 200
    limited = visitor.get("/ko/search/", {"q": "배송"})
    assert limited.status_code == 429
    assert limited["Retry-After"] == "50"
    html = limited.content.decode()
    assert "요청이 너무 많습니다" in html
    assert "50초 후에 다시 해 주세요" in html
    english = visitor.get("/en/search/", {"q": "delivery"})
    assert english.status_code == 429
    assert "Please try again in 50 seconds." in english.content.decode()

    # Someone else is not affected, the empty search page stays open, and the next window
    # lets the visitor search again.
    assert Client(REMOTE_ADDR="203.0.113.8").get("/ko/search/", {"q": "배송"}).status_code == 200
    assert visitor.get("/ko/search/").status_code == 200
    frozen_clock[0] += 50
    assert visitor.get("/ko/search/", {"q": "배송"}).status_code == 200


def test_the_search_api_shares_the_limit_and_answers_json(home, frozen_clock):
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    assert visitor.get("/ko/search/", {"q": "배송"}).status_code == 200
    for _ in range(2):
        assert visitor.get("/api/search/", {"q": "배송", "locale": "ko"}).status_code == 200
    limited = visitor.get("/api/search/", {"q": "배송", "locale": "ko"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "50"
    assert limited.json() == {
        "error": {
            "parameter": None,
            "message": "너무 자주 시도하셨습니다. 50초 후에 다시 해 주세요.",
        }
    }


def test_autocomplete_has_its_own_more_generous_limit(home, frozen_clock):
    visitor = Client(REMOTE_ADDR="203.0.113.10")
    for _ in range(5):
        assert visitor.get("/api/search/suggest/", {"q": "배"}).status_code == 200
    limited = visitor.get("/api/search/suggest/", {"q": "배"})
    assert limited.status_code == 429
    assert limited["Retry-After"] == "50"
    # Typing did not use up the searches.
    assert visitor.get("/api/search/", {"q": "배송", "locale": "ko"}).status_code == 200


def test_a_forwarded_for_header_does_not_escape_the_limit(home, frozen_clock):
    visitor = Client(REMOTE_ADDR="203.0.113.11")
    for number in range(3):
        visitor.get("/ko/search/", {"q": "배송"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    limited = visitor.get("/ko/search/", {"q": "배송"}, HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert limited.status_code == 429
