from dataclasses import asdict

from django_tasks import task

from . import mail


@task()
def deliver_email(email_ids: list[int]) -> dict:
    """Send these stored emails (``core.mail.queue_messages`` enqueues this); a message that
    is already sent, or waiting for a later retry, is left alone, so a repeat does no harm."""
    return asdict(mail.deliver(email_ids))
