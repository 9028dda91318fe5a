"""Signed tokens in community emails: JSON payloads signed with the secret key, never pickled.

A guest's confirmation token expires after ``COMMUNITY_GUEST_CONFIRMATION_HOURS`` and works
once (the submission records its confirmation and carries a nonce that must match); an
unsubscribe token names one followed thread.
"""

from django.conf import settings
from django.core import signing

GUEST_SALT = "community.guest-confirmation"
UNSUBSCRIBE_SALT = "community.unsubscribe"


def guest_token(submission) -> str:
    return signing.dumps({"id": submission.pk, "nonce": submission.nonce}, salt=GUEST_SALT)


def read_guest_token(token: str) -> dict:
    """The payload; raises ``signing.BadSignature`` (or its ``SignatureExpired``)."""
    max_age = settings.COMMUNITY_GUEST_CONFIRMATION_HOURS * 3600
    payload = signing.loads(token, salt=GUEST_SALT, max_age=max_age)
    if not isinstance(payload, dict) or not {"id", "nonce"} <= payload.keys():
        raise signing.BadSignature("Unexpected payload")
    return payload


def unsubscribe_token(follow) -> str:
    return signing.dumps({"follow": follow.pk, "user": follow.user_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> dict:
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(payload, dict) or not {"follow", "user"} <= payload.keys():
        raise signing.BadSignature("Unexpected payload")
    return payload
