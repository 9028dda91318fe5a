"""System checks for configuration the site cannot work with."""

from django.conf import settings
from django.core.checks import Error, register

QUEUE_BACKEND = "core.mail.QueuedEmailBackend"


@register()
def mail_delivery_backend(app_configs, **kwargs):
    if settings.DANGOL_EMAIL_DELIVERY_BACKEND == QUEUE_BACKEND:
        return [
            Error(
                "DANGOL_EMAIL_DELIVERY_BACKEND names the mail queue itself, so nothing would "
                "ever be sent.",
                hint="Set EMAIL_URL (e.g. smtp://host:587) or EMAIL_BACKEND to a backend "
                "that sends.",
                id="dangol.E001",
            )
        ]
    return []
