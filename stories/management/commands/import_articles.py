from django.core.management.base import BaseCommand, CommandError

from stories import importing


class Progress:
    """``[3/10] path`` on one line, drawn only when the output is a terminal."""

    def __init__(self, stream, total: int) -> None:
        self.stream, self.total, self.done = stream, total, 0
        self.enabled = stream.isatty()

    def step(self, path) -> None:
        self.done += 1
        if self.enabled:
            self.stream.write(f"\r\033[K[{self.done}/{self.total}] {path}", ending="")
            self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K", ending="")


class Command(BaseCommand):
    help = (
        "Import Markdown or plain-text articles as stories or FAQs (YAML front matter: title, "
        "slug, kind, locale, category, tags, date, question). Directories are walked. "
        "Importing the same slug and locale again updates the page."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or directories.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the pages (default: drafts)."
        )
        parser.add_argument(
            "--locale", default="ko", help="Language of files without `locale` (default: ko)."
        )
        parser.add_argument(
            "--parent",
            metavar="SLUG",
            help="Slug of the story index or FAQ category to import into (default: the story "
            "index for stories, the knowledge base's first category for FAQs).",
        )

    def handle(self, *args, paths, publish, locale, parent, **options):
        files = importing.find_files(paths)
        if not files:
            raise CommandError("No Markdown or text files found in " + ", ".join(paths))
        counts = {"created": 0, "updated": 0, "failed": 0}
        progress = Progress(self.stdout, len(files))
        for path in files:
            progress.step(path)
            try:
                article = importing.parse(path, default_locale=locale)
                result = importing.import_article(article, publish=publish, parent_slug=parent)
            except importing.ImportFailed as failure:
                progress.clear()
                counts["failed"] += 1
                self.stderr.write(f"failed: {path}: {failure}")
                continue
            progress.clear()
            counts[result.action] += 1
            state = "published" if publish else "draft"
            self.stdout.write(
                f"{result.action}: {path} → {result.page.title} "
                f"({article.kind}, {article.locale}, {state}, /{result.page.slug}/)"
            )
            for warning in result.warnings:
                self.stderr.write(f"warning: {path}: {warning}")
        summary = (
            f"Created {counts['created']}, updated {counts['updated']}, "
            f"failed {counts['failed']} of {len(files)} files."
        )
        self.stdout.write(summary)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be imported.")
