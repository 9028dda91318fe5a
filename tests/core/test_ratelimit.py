import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from core import ratelimit
from core.ratelimit import Rate, RateLimited


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(ratelimit, "_now", lambda: now["t"])
    return now


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/m", Rate(5, 60)),
        ("1/30s", Rate(1, 30)),
        ("10/d", Rate(10, 86400)),
        ("3/2h", Rate(3, 7200)),
    ],
)
def test_parse(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["", "5", "m/5", "0/m", "5/0s", "5/w"])
def test_parse_refuses_nonsense(text):
    with pytest.raises(ValueError):
        Rate.parse(text)


def test_allows_up_to_the_rate_then_says_how_long_to_wait(clock):
    clock["t"] = 1_000_020.0  # 20 s into a 60 s window (1_000_020 // 60 * 60 = 999_960)
    for _ in range(3):
        ratelimit.hit("vote", "1.2.3.4", "3/m")
    with pytest.raises(RateLimited) as raised:
        ratelimit.hit("vote", "1.2.3.4", "3/m")
    assert raised.value.retry_after == 1_000_020 - 999_960 and 1 <= raised.value.retry_after <= 60


def test_refused_hits_are_not_counted_and_the_window_resets(clock):
    for _ in range(2):
        ratelimit.hit("flag", "member:1", "2/m")
    for _ in range(5):
        with pytest.raises(RateLimited):
            ratelimit.hit("flag", "member:1", "2/m")
    clock["t"] += 60
    ratelimit.hit("flag", "member:1", "2/m")


def test_keys_and_scopes_are_independent(clock):
    ratelimit.hit("post", "a", "1/m")
    ratelimit.hit("post", "b", "1/m")
    ratelimit.hit("vote", "a", "1/m")
    with pytest.raises(RateLimited):
        ratelimit.hit("post", "a", "1/m")


def test_hit_all_reports_the_longest_wait(clock):
    clock["t"] = 86400 * 20 + 10
    ratelimit.hit_all("post", ["member:1", "ip:1"], ["1/30s", "1/d"])
    with pytest.raises(RateLimited) as raised:
        ratelimit.hit_all("post", ["member:1", "ip:1"], ["1/30s", "1/d"])
    assert raised.value.retry_after == 86400 - 10  # not the 20 s of the 30 s window


def test_message_in_korean_and_english():
    with translation.override("en"):
        assert "30 seconds" in RateLimited(30).message
        assert "5 minutes" in RateLimited(290).message
    with translation.override("ko"):
        assert "30초" in RateLimited(30).message


def test_response_is_429_with_retry_after(db):
    request = RequestFactory().get("/")
    response = ratelimit.rate_limited_response(request, RateLimited(42))
    assert response.status_code == 429
    assert response["Retry-After"] == "42"
    assert "42" in response.content.decode()


def test_client_ip_ignores_forwarded_for():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert ratelimit.client_ip(request) == "10.0.0.1"
