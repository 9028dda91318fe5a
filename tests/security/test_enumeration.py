"""Signup, login and password reset answer the same for a registered and an unknown email:
the same status, redirects, templates, page and number of emails, in both languages."""

import re
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.core.cache import cache
from django.test import Client

from community.factories import MemberFactory

pytestmark = pytest.mark.django_db

KNOWN = "jiwoo@dangol.example"
UNKNOWN = "stranger@dangol.example"
PASSWORD = "correct horse battery staple"

# (name, URL, form data for an email) — one line per account form that takes an email.
FORMS = [
    ("signup", "/{lang}/accounts/signup/", lambda email: {
        "email": email, "display_name": "누구", "password1": "a-new-pass-2026",
        "password2": "a-new-pass-2026"}),
    ("login with a wrong password", "/{lang}/accounts/login/",
        lambda email: {"login": email, "password": "not the password"}),
    ("password reset", "/{lang}/accounts/password/reset/", lambda email: {"email": email}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def no_limits_left_behind():
    yield
    cache.clear()  # allauth's cooldowns for these addresses must not reach other tests


@pytest.fixture
def registered(home):
    member = MemberFactory(username="jiwoo", email=KNOWN)
    EmailAddress.objects.create(user=member, email=KNOWN, verified=True, primary=True)
    return member


def answer(url: str, data: dict) -> dict:
    cache.clear()  # the rate limits count per address; each probe starts fresh
    mail.outbox.clear()
    response = Client().post(url, data, follow=True)
    html = response.content.decode()
    html = re.sub(r"[\w.+-]+@dangol\.example", "EMAIL", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    return {
        "status": response.status_code,
        "redirects": response.redirect_chain,
        "templates": [template.name for template in response.templates],
        "page": html,
        # What an attacker can count: emails sent, and to which of the two addresses.
        "emails": [
            [recipient.replace(KNOWN, "EMAIL").replace(UNKNOWN, "EMAIL") for recipient in m.to]
            for m in mail.outbox
        ],
    }


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(
    ("url", "data"), [pytest.param(url, data, id=name) for name, url, data in FORMS]
)
def test_known_and_unknown_emails_get_the_same_answer(registered, lang, url, data):
    url = url.format(lang=lang)
    known = answer(url, data(KNOWN))
    unknown = answer(url, data(UNKNOWN))
    assert known["status"] == unknown["status"] == (400 if "login" in url else 200)
    assert known == unknown


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_signup_hashes_the_password_for_a_registered_email_too(registered, lang):
    """The hash is the expensive part of a signup: a registered address that skipped it would
    answer measurably sooner than a new one."""
    hasher = type(get_hasher())
    url, data = f"/{lang}/accounts/signup/", FORMS[0][2]
    hashed = {}
    for email in (KNOWN, UNKNOWN):
        with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as spy:
            hashed[email] = (answer(url, data(email)), spy.call_count)
    (known, known_hashes), (unknown, unknown_hashes) = hashed[KNOWN], hashed[UNKNOWN]
    assert known == unknown
    assert known_hashes == unknown_hashes >= 1


def test_the_registered_owner_is_told_and_no_second_account_is_made(registered):
    answer("/ko/accounts/signup/", FORMS[0][2](KNOWN))
    [email] = mail.outbox
    assert email.to == [KNOWN]
    assert registered.__class__.objects.filter(email__iexact=KNOWN).count() == 1


def test_an_unknown_address_asking_for_a_reset_gets_no_reset_link(registered):
    answer("/en/accounts/password/reset/", {"email": UNKNOWN})
    [email] = mail.outbox
    assert "/password/reset/key/" not in email.body
