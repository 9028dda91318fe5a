from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database plus the media files into a dated archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder for the archive (default: var/backups/).",
        )

    def handle(self, *args, output: Path | None, **options):
        destination = output or Path(settings.VAR_DIR) / "backups"
        try:
            archive = create_backup(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
