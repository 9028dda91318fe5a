"""Writes of the stories app: FAQ helpfulness votes."""

import secrets

from .models import FAQFeedback, FAQPage


def new_visitor_id() -> str:
    return secrets.token_urlsafe(24)


def faq_feedback_record(
    *, faq: FAQPage, helpful: bool, comment: str, visitor_id: str | None
) -> FAQFeedback:
    """Record one visitor's vote on a FAQ; voting again changes the earlier vote.

    A visitor is the random id of their signed cookie (``visitor_id``), and nothing else: a
    visitor without one is new and gets a fresh id with the returned row, so no request can
    read, change or take over a vote it did not make (two visitors behind one address are two
    visitors; floods from an address are held back by its rate limit)."""
    vote, _created = FAQFeedback.objects.update_or_create(
        faq=faq,
        visitor_id=visitor_id or new_visitor_id(),
        defaults={"helpful": helpful, "comment": comment if not helpful else ""},
    )
    return vote
