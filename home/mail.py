"""Email that survives a mail server being down.

``QueuedEmailBackend`` (the production ``EMAIL_BACKEND``) hands each message to the real
backend, ``DANGOL_EMAIL_DELIVERY_BACKEND``. When that fails with a network or SMTP error the
message is stored as an :class:`~home.models.OutgoingEmail` (JSON, never pickled) and a warning
is logged, so the signup or post that sent it still succeeds. ``deliver_queued_email`` (the
function and the management command, run from cron or a systemd timer) retries due messages
with exponential backoff and gives up after ``DANGOL_EMAIL_MAX_ATTEMPTS`` failed attempts,
logging an error.
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
    """Send through the real backend; keep what it cannot send for ``deliver_queued_email``."""

    def send_messages(self, email_messages) -> int:
        messages = [message for message in email_messages if message.recipients()]
        if not messages:
            return 0
        connection = delivery_connection(fail_silently=False)
        handled = 0
        try:
            connection.open()
        except DELIVERY_ERRORS as error:
            for message in messages:
                self._queue(message, error)
            return len(messages)
        try:
            for message in messages:
                try:
                    connection.send_messages([message])
                except DELIVERY_ERRORS as error:
                    self._queue(message, error)
                handled += 1
        finally:
            # The server may have gone away after the last message.
            with contextlib.suppress(*DELIVERY_ERRORS):
                connection.close()
        return handled

    def _queue(self, message: EmailMessage, error: Exception) -> OutgoingEmail:
        now = timezone.now()
        email = OutgoingEmail.objects.create(
            **serialise(message),
            attempts=1,
            next_attempt_at=now + retry_delay(1),
            last_error=_error_text(error),
        )
        logger.warning(
            "Email %s to %s not sent (%s); queued for a retry at %s.",
            email.pk,
            email.recipients,
            email.last_error,
            email.next_attempt_at.isoformat(timespec="seconds"),
        )
        return email


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
    """Try every due message once. Several runs at the same time never send one message twice:
    each message is claimed (its next attempt moved on) before it is sent. ``now`` fixes the
    clock (tests); otherwise each claim and each next attempt counts from its own moment."""
    clock = (lambda: now) if now else timezone.now
    report = DeliveryReport()
    candidates = list(due_emails(clock()).values_list("pk", "next_attempt_at")[:limit])
    if not candidates:
        return report
    connection = delivery_connection(fail_silently=False)
    try:
        for pk, due_at in candidates:
            claimed = OutgoingEmail.objects.filter(
                Q(pk=pk, status=OutgoingEmail.Status.QUEUED, next_attempt_at=due_at)
            ).update(next_attempt_at=clock() + datetime.timedelta(seconds=CLAIM_SECONDS))
            if not claimed:
                continue  # another run has it
            email = OutgoingEmail.objects.get(pk=pk)
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
                logger.info("Queued email %s to %s sent.", email.pk, email.recipients)
                report.sent += 1
    finally:
        with contextlib.suppress(*DELIVERY_ERRORS):
            connection.close()
    return report


def _failed(email: OutgoingEmail, error: Exception, now, report: DeliveryReport) -> None:
    email.attempts += 1
    if email.attempts >= settings.DANGOL_EMAIL_MAX_ATTEMPTS:
        _give_up(email, error, report)
        return
    email.last_error = _error_text(error)
    email.next_attempt_at = now + retry_delay(email.attempts)
    email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    logger.warning(
        "Email %s to %s still not sent (attempt %d: %s); next try at %s.",
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
