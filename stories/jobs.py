"""The knowledge base's periodic jobs (see ``core.periodic``)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import roles
from core.periodic import register

from . import selectors

LISTED = 20  # FAQs named in one reminder; the report lists them all


@register("faq-review-reminders", every=datetime.timedelta(days=7))
def remind_editors_of_faqs_due_for_review() -> str:
    """Once a week, tell Editors and Approvers which FAQs are due for review."""
    due = selectors.faqs_due_for_review()
    count = due.count()
    if not count:
        return "no FAQ is due for review"
    faqs = list(due.select_related("locale")[:LISTED])
    recipients = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.EDITORS, roles.APPROVERS])
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )
    messages = []
    for user in recipients:
        profile = getattr(user, "wagtail_userprofile", None)
        language = (profile and profile.preferred_language) or settings.LANGUAGE_CODE
        context = {
            "name": user.get_full_name() or user.get_username(),
            "count": count,
            "days": settings.DANGOL_FAQ_REVIEW_DAYS,
            "faqs": [
                {
                    "title": faq.title,
                    "language": faq.locale.language_code,
                    "last_reviewed": faq.last_reviewed,
                    "url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[faq.pk]),
                }
                for faq in faqs
            ],
            "more": count - len(faqs),
            "report_url": settings.SITE_URL + reverse("stories_reports:faq_review"),
        }
        with translation.override(language):
            subject = render_to_string("stories/email/faq_review_reminder_subject.txt", context)
            body = render_to_string("stories/email/faq_review_reminder.txt", context)
        messages.append(EmailMessage(" ".join(subject.split()), body, to=[user.email]))
    get_connection().send_messages(messages)
    return f"{count} FAQs due, {len(messages)} editors told"
