from django.core.management.base import BaseCommand

from home.mail import deliver_queued_email


class Command(BaseCommand):
    help = (
        "Retry the emails the mail server did not take, with exponential backoff; run it every "
        "few minutes from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="Most messages to try in this run."
        )

    def handle(self, *args, limit: int, **options):
        report = deliver_queued_email(limit=limit)
        self.stdout.write(
            f"{report.sent} sent, {report.retry_later} to retry later, {report.given_up} given up."
        )
