import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import get_backend


class ProgressBar:
    """A one-line progress bar, drawn only when the output is a terminal."""

    def __init__(self, stream, total: int, *, width: int = 30) -> None:
        self.stream, self.total, self.width, self.done = stream, max(total, 1), width, 0
        self.enabled = stream.isatty()

    def __call__(self, advance: int) -> None:
        self.done += advance
        if self.enabled:
            filled = min(self.width, self.width * self.done // self.total)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}", ending="")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Manage the search index. rebuild: replace it with what the database holds; update: "
        "index what changed and replay updates the search cluster missed; status: compare "
        "database and index counts per type and language."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])
        parser.add_argument("--locale", help="Only this language (ko or en).")

    def handle(self, *args, action: str, locale: str | None, **options):
        try:
            indexing.languages(locale)
        except ValueError as error:
            raise CommandError(str(error)) from error
        backend = get_backend()
        self.stdout.write(f"Search backend: {backend.health()}")
        getattr(self, action)(locale)

    def _progress(self, locale: str | None) -> ProgressBar:
        total = indexing.count_documents(locale=locale) if self.stdout.isatty() else 0
        return ProgressBar(self.stdout, total)

    def rebuild(self, locale: str | None) -> None:
        started = time.perf_counter()
        progress = self._progress(locale)
        counts = indexing.rebuild(locale=locale, progress=progress)
        progress.close()
        for code, count in counts.items():
            self.stdout.write(f"{code}: {count} documents")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Rebuilt in {elapsed:.1f} s."))

    def update(self, locale: str | None) -> None:
        progress = self._progress(locale)
        report = indexing.update(locale=locale, progress=progress)
        progress.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.indexed}, removed {report.removed}, "
                f"replayed {report.replayed} queued update(s)."
            )
        )

    def status(self, locale: str | None) -> None:
        rows = indexing.status(locale=locale)
        self.stdout.write(f"{'type':<10} {'language':<9} {'database':>9} {'index':>9}")
        for row in rows:
            line = f"{row.doc_type:<10} {row.locale:<9} {row.database:>9} {row.index:>9}"
            self.stdout.write(line if row.in_step else self.style.WARNING(f"{line}  differs"))
        pending = get_backend().pending()
        if pending:
            self.stdout.write(self.style.WARNING(f"{pending} update(s) wait for the cluster."))
        if any(not row.in_step for row in rows):
            raise CommandError(
                "The index differs from the database: run `search_index update` (or `rebuild`)."
            )
        self.stdout.write(self.style.SUCCESS("The index is in step with the database."))
