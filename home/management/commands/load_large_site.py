import logging
import random
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.signal_handlers import disable_reference_index_auto_update

from community.demo.large import LargeCommunity
from home.demo.accounts import ensure_demo_accounts
from home.demo.images import ensure_demo_images
from search.indexing import rebuild as rebuild_search_index
from stories.demo.large import LargeStories, Sizes

MAX_SCALE = 5.0


@contextmanager
def quiet_page_logs():
    """Wagtail logs every page created, edited and published at INFO: thousands of lines."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "wagtail.contrib.redirects")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Load a site the size of a busy year on top of the demo: about 2,000 stories, 200 "
        "products, 500 FAQs (Korean, a share translated into English), 2,000 members and "
        "20,000 posts in every state, then rebuild the search index. For measuring speed; "
        "takes minutes (--scale 0.1 for a tenth)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Seed for the content; the same seed and scale give the same site.",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=f"Size relative to a year (1.0; 0.1 for a quick run; at most {MAX_SCALE:g}).",
        )

    def handle(self, *args, seed: int, scale: float, **options):
        if not settings.DANGOL_DEMO_ALLOWED:
            raise CommandError(
                "Demo content is disabled in these settings (it creates accounts with a published "
                "password). Set DANGOL_DEMO_ALLOWED=true to load it anyway."
            )
        if not 0 < scale <= MAX_SCALE:
            raise CommandError(f"--scale must be above 0 and at most {MAX_SCALE:g}.")
        if get_user_model().objects.filter(username="regular00000").exists():
            raise CommandError(
                "The large site is already loaded in this database. Start from an empty "
                "database to load it again (another seed or scale needs one too)."
            )
        started = time.monotonic()
        sizes = Sizes.at(scale)
        self.stdout.write(
            f"Loading the demo, then {sizes.stories} stories, {sizes.products} products, "
            f"{sizes.faqs} FAQs, {sizes.members} members and {sizes.posts} posts…"
        )
        with quiet_page_logs():
            call_command("load_demo", seed=seed, stdout=self.stdout)
            rng = random.Random(seed)
            users = ensure_demo_accounts()
            images = ensure_demo_images(seed=seed, scale=settings.DANGOL_DEMO_IMAGE_SCALE)
            self.stdout.write("Stories, products and FAQs…")
            # Wagtail's reference index (the admin's "usage" of images and pages) is updated
            # on every save, four to five times a page: it would add a fifth to the load time.
            with disable_reference_index_auto_update():
                pages = LargeStories(
                    sizes=sizes,
                    images=images,
                    editor=users["approver"],
                    rng=rng,
                    stdout=self.stdout,
                ).load()
            self.stdout.write("Members, posts and moderation…")
            LargeCommunity(
                pages=pages,
                members=sizes.members,
                posts=sizes.posts,
                users=users,
                rng=rng,
                stdout=self.stdout,
            ).load()
            self.stdout.write("Search index…")
            counts = rebuild_search_index()
        documents = ", ".join(f"{language} {count}" for language, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"The large site is ready in {time.monotonic() - started:.0f} s "
                f"(search documents: {documents})."
            )
        )
