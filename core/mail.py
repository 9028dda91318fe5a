"""Mail that never holds up a request.

``QueuedEmailBackend`` (the ``EMAIL_BACKEND`` everywhere) stores each message as an
:class:`~core.models.OutgoingEmail` (JSON, never pickled) and enqueues one
``core.tasks.deliver_email`` task for the lot; the request talks to the database only. The
worker sends them through ``DANGOL_EMAIL_DELIVERY_BACKEND`` (SMTP in production), up to
``DANGOL_EMAIL_BATCH_SIZE`` messages per connection. A message the server does not take is
tried again later with exponential backoff by ``deliver_queued_email`` (run by
``manage.py periodic``) and given up after ``DANGOL_EMAIL_MAX_ATTEMPTS`` failed attempts,
logged as an error and listed for superusers under *Settings → Outgoing email*.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import logging
import smtplib
from dataclasses import dataclass
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Q
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# What a mail server that is down, refuses or hangs raises (socket errors are OSErrors).
DELIVERY_ERRORS = (OSError, smtplib.SMTPException)
# While one retry run sends a message, others leave it alone for this long.
CLAIM_SECONDS = 300


def delivery_connection(**kwargs):
    backend = settings.DANGOL_EMAIL_DELIVERY_BACKEND
    if backend == f"{__name__}.QueuedEmailBackend":
        raise ImproperlyConfigured(
            "DANGOL_EMAIL_DELIVERY_BACKEND must be a backend that sends (e.g. SMTP), "
            "not the queue itself."
        )
    return get_connection(backend, **kwargs)


def retry_delay(failed_attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8… times the base delay after each failure, at most the longest delay."""
    seconds = settings.DANGOL_EMAIL_RETRY_BASE_SECONDS * 2 ** max(0, failed_attempts - 1)
    return datetime.timedelta(seconds=min(seconds, settings.DANGOL_EMAIL_RETRY_MAX_SECONDS))


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


# Serialisation -----------------------------------------------------------------------------


def serialise(message: EmailMessage) -> dict:
    """The fields of an :class:`OutgoingEmail` for ``message``."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise TypeError("MIME attachments cannot be queued; attach (name, content, type).")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            {
                "filename": filename,
                "mimetype": mimetype,
                "content": base64.b64encode(content).decode("ascii"),
            }
        )
    alternatives = [
        [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
    ]
    if message.content_subtype == "html":
        # An HTML-only message: keep it as such.
        alternatives.insert(0, [message.body, "text/html"])
        body = ""
    else:
        body = message.body
    return {
        "subject": message.subject,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "body": body,
        "alternatives": alternatives,
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "attachments": attachments,
    }


def deserialise(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=email.headers,
    )
    for content, mimetype in email.alternatives:
        message.attach_alternative(content, mimetype)
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


# The backend -------------------------------------------------------------------------------


class QueuedEmailBackend(BaseEmailBackend):
    """Store the messages and leave their delivery to the worker."""

    def send_messages(self, email_messages) -> int:
        messages = [message for message in email_messages if message.recipients()]
        if messages:
            queue_messages(messages)
        return len(messages)


def queue_messages(messages: list[EmailMessage]) -> list[int]:
    """Store ``messages`` and enqueue their delivery: one task, whatever their number. The
    task is written in the caller's transaction, so it exists only if that commits."""
    from .tasks import deliver_email

    now = timezone.now()
    emails = OutgoingEmail.objects.bulk_create(
        [OutgoingEmail(**serialise(message), next_attempt_at=now) for message in messages]
    )
    ids = [email.pk for email in emails]
    deliver_email.enqueue(email_ids=ids)
    return ids


# Retries -----------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: int = 0
    retry_later: int = 0
    given_up: int = 0


def due_emails(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")


def deliver_queued_email(
    *, now: datetime.datetime | None = None, limit: int = 500
) -> DeliveryReport:
    """Try every due message once (new ones the worker has not reached yet, and retries).
    ``now`` fixes the clock (tests); otherwise each claim and each next attempt counts from
    its own moment."""
    candidates = list(due_emails(now).values_list("pk", "next_attempt_at")[:limit])
    return _deliver(candidates, now=now)


def deliver(email_ids: list[int], *, now: datetime.datetime | None = None) -> DeliveryReport:
    """Send those of ``email_ids`` that are still waiting and due (a retry waits its turn)."""
    candidates = list(due_emails(now).filter(pk__in=email_ids).values_list("pk", "next_attempt_at"))
    return _deliver(candidates, now=now)


def _deliver(candidates, *, now) -> DeliveryReport:
    """Send ``candidates`` ((pk, next attempt) pairs), ``DANGOL_EMAIL_BATCH_SIZE`` per connection.
    Several runs at the same time never send one message twice: each message is claimed (its
    next attempt moved on) before it is sent. A server that cannot be reached fails the batch
    at once, without one time-out per message."""
    clock = (lambda: now) if now else timezone.now
    report = DeliveryReport()
    batch_size = settings.DANGOL_EMAIL_BATCH_SIZE
    for start in range(0, len(candidates), batch_size):
        batch = candidates[start : start + batch_size]
        connection = delivery_connection(fail_silently=False)
        try:
            connection.open()
        except DELIVERY_ERRORS as error:
            for email in _claim(batch, clock):
                _failed(email, error, clock(), report)
            continue
        try:
            for email in _claim(batch, clock, lazily=True):
                _send_one(connection, email, clock, report)
        finally:
            # The server may have gone away after the last message.
            with contextlib.suppress(*DELIVERY_ERRORS):
                connection.close()
    return report


def _claim(batch, clock, *, lazily: bool = False):
    """The messages of ``batch`` this run may send (claimed one at a time, just before being
    sent when ``lazily``, so a long batch does not hold claims it has not reached)."""
    claimed = (_claim_one(pk, due_at, clock) for pk, due_at in batch)
    emails = (email for email in claimed if email is not None)
    return emails if lazily else list(emails)


def _claim_one(pk: int, due_at, clock) -> OutgoingEmail | None:
    claimed = OutgoingEmail.objects.filter(
        Q(pk=pk, status=OutgoingEmail.Status.QUEUED, next_attempt_at=due_at)
    ).update(next_attempt_at=clock() + datetime.timedelta(seconds=CLAIM_SECONDS))
    if not claimed:
        return None  # another run has it
    return OutgoingEmail.objects.get(pk=pk)


def _send_one(connection, email: OutgoingEmail, clock, report: DeliveryReport) -> None:
    try:
        connection.send_messages([deserialise(email)])
    except DELIVERY_ERRORS as error:
        _failed(email, error, clock(), report)
    except ValueError as error:  # a header or address no server will ever take
        _give_up(email, error, report)
    else:
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["status", "sent_at", "last_error"])
        logger.info("Email %s to %s sent.", email.pk, email.recipients)
        report.sent += 1


def _failed(email: OutgoingEmail, error: Exception, now, report: DeliveryReport) -> None:
    email.attempts += 1
    if email.attempts >= settings.DANGOL_EMAIL_MAX_ATTEMPTS:
        _give_up(email, error, report)
        return
    email.last_error = _error_text(error)
    email.next_attempt_at = now + retry_delay(email.attempts)
    email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    logger.warning(
        "Email %s to %s not sent (attempt %d: %s); next try at %s.",
        email.pk,
        email.recipients,
        email.attempts,
        email.last_error,
        email.next_attempt_at.isoformat(timespec="seconds"),
    )
    report.retry_later += 1


def _give_up(email: OutgoingEmail, error: Exception, report: DeliveryReport) -> None:
    email.last_error = _error_text(error)
    email.status = OutgoingEmail.Status.FAILED
    email.save(update_fields=["attempts", "last_error", "status"])
    logger.error(
        "Email %s to %s given up after %d attempts: %s",
        email.pk,
        email.recipients,
        email.attempts,
        email.last_error,
    )
    report.given_up += 1
