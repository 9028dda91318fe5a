from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Replace the database and the media files with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A dangol-backup-*.tar.gz archive.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, archive: Path, interactive: bool, **options):
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file.")
        try:
            manifest = read_manifest(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if interactive:
            answer = input(
                f"This replaces the whole database and the media files with the backup of "
                f"{manifest['created']}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            mismatches = restore_backup(archive_path=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if mismatches:
            details = ", ".join(f"{t}: {e} expected, {f} found" for t, (e, f) in mismatches.items())
            raise CommandError(f"Restored, but the row counts differ: {details}")
        total = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created']} "
                f"({total} rows in {len(manifest['counts'])} tables, media files)."
            )
        )
