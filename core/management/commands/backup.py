from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database plus the media files into a dated archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=(
                "Folder for the archive, made if only its last part is missing (default: "
                "var/backups/), or the archive's own file name ending in .tar.gz."
            ),
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace an archive that already exists at the output path.",
        )

    def handle(self, *args, output: Path | None, overwrite: bool, **options):
        if output is None:
            output = Path(settings.VAR_DIR) / "backups"
            try:
                output.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise CommandError(f"Cannot create {output}: {error.strerror}.") from error
        try:
            archive = create_backup(output=output, overwrite=overwrite)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
