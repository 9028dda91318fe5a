"""The security headers a visitor's browser gets with the production settings (in a separate
process, since settings are read once), and Django's deployment checks."""

import json

import pytest

from tests.test_settings import PRODUCTION_ENV, run_manage

PROBE = """
import json
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="dangol.example")
secure = client.get("/robots.txt", secure=True)
plain = client.get("/robots.txt")
print(json.dumps({
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "email_backend": settings.EMAIL_BACKEND,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    var = tmp_path_factory.mktemp("production-var")
    env = {
        **PRODUCTION_ENV,
        "DANGOL_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "LOG_LEVEL": "ERROR",
    }
    result = run_manage("shell", "-c", PROBE, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://dangol.example/robots.txt"


def test_hsts_for_a_year_with_subdomains_and_preload(production):
    assert production["status"] == 200
    assert production["headers"]["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_nosniff_referrer_policy_and_framing(production):
    headers = production["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_allows_no_inline_script(production):
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in production["headers"]["Content-Security-Policy"].split("; ")
    }
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_permissions_policy_denies_powerful_features(production):
    features = dict(
        item.split("=") for item in production["headers"]["Permissions-Policy"].split(", ")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_cookies_are_secure_and_mail_is_queued(production):
    assert production["session_cookie_secure"] and production["csrf_cookie_secure"]
    assert production["email_backend"] == "core.mail.QueuedEmailBackend"
