import argparse

from django.core.management.base import BaseCommand

from core.mail import deliver_queued_email


def positive_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Retry the emails the mail server did not take, with exponential backoff; run it every "
        "few minutes from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=positive_number, default=500, help="Most messages to try in this run."
        )

    def handle(self, *args, limit: int, **options):
        report = deliver_queued_email(limit=limit)
        self.stdout.write(
            f"{report.sent} sent, {report.retry_later} to retry later, {report.given_up} given up."
        )
