"""Writes of the stories app: FAQ helpfulness votes."""

import secrets

from django.db import IntegrityError, transaction

from .models import FAQFeedback, FAQPage


def new_visitor_id() -> str:
    return secrets.token_urlsafe(24)


@transaction.atomic
def faq_feedback_record(
    *, faq: FAQPage, helpful: bool, comment: str, visitor_id: str | None, ip_hash: str
) -> FAQFeedback:
    """Record one visitor's vote on a FAQ; voting again changes the earlier vote.

    ``visitor_id`` comes from the visitor's signed cookie. Without one, the latest vote from the
    same address hash on this FAQ is taken to be theirs (and its visitor id is handed back to
    them with the returned row); otherwise they get a new visitor id."""
    comment = comment if not helpful else ""
    if visitor_id:
        existing = FAQFeedback.objects.filter(faq=faq, visitor_id=visitor_id).first()
    else:
        existing = FAQFeedback.objects.filter(faq=faq, ip_hash=ip_hash).order_by("-pk").first()
        visitor_id = existing.visitor_id if existing else new_visitor_id()
    if existing is None:
        try:
            with transaction.atomic():
                return FAQFeedback.objects.create(
                    faq=faq,
                    helpful=helpful,
                    comment=comment,
                    visitor_id=visitor_id,
                    ip_hash=ip_hash,
                )
        except IntegrityError:  # the same visitor's other vote won the race: change that one
            existing = FAQFeedback.objects.get(faq=faq, visitor_id=visitor_id)
    existing.helpful = helpful
    existing.comment = comment
    existing.ip_hash = ip_hash
    existing.save(update_fields=["helpful", "comment", "ip_hash", "updated_at"])
    return existing
