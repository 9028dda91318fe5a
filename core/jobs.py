"""The foundation's periodic jobs (see ``core.periodic``)."""

import datetime
import io

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from . import mail
from .models import OutgoingEmail
from .periodic import register


@register("mail-retries", every=datetime.timedelta(minutes=1))
def retry_mail() -> str:
    """Send what is due: retries, and anything a stopped worker left behind."""
    report = mail.deliver_queued_email()
    return f"{report.sent} sent, {report.retry_later} to retry later, {report.given_up} given up"


@register("publish-scheduled", every=datetime.timedelta(minutes=1))
def publish_scheduled() -> str:
    """Wagtail's scheduled publishing and unpublishing (go-live and expiry dates)."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return " ".join(out.getvalue().split())[:200]


@register("prune", every=datetime.timedelta(days=1))
def prune() -> str:
    """Forget finished task results and delivered emails after a while."""
    now = timezone.now()
    sent_cutoff = now - datetime.timedelta(days=settings.DANGOL_EMAIL_KEEP_SENT_DAYS)
    emails, _ = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENT, sent_at__lt=sent_cutoff
    ).delete()
    results = 0
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        task_cutoff = now - datetime.timedelta(days=settings.DANGOL_TASK_RESULTS_KEEP_DAYS)
        results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=task_cutoff).delete()
    return f"{emails} sent emails and {results} task results removed"
