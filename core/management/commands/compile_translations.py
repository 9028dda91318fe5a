from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile the project's .po files into .mo files. Unlike compilemessages this needs no "
        "GNU gettext, so a fresh machine with only Python can build the translations."
    )

    def handle(self, *args, **options):
        locale_dirs = [Path(path) for path in settings.LOCALE_PATHS]
        project_root = Path(settings.BASE_DIR)
        for app_config in apps.get_app_configs():
            app_path = Path(app_config.path)
            if app_path.parent == project_root:  # the project's own apps, not installed ones
                locale_dirs.append(app_path / "locale")

        compiled = 0
        for locale_dir in locale_dirs:
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                try:
                    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                except (OSError, ValueError) as error:
                    raise CommandError(f"{po_path}: {error}") from error
                compiled += 1
                self.stdout.write(f"Compiled {po_path.relative_to(project_root)}")
        self.stdout.write(self.style.SUCCESS(f"{compiled} translation file(s) compiled."))
