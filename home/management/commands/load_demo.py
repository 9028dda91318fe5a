import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from community.demo.loader import DemoCommunity
from home.demo.accounts import ensure_demo_accounts
from home.demo.images import ensure_demo_images
from home.demo.loader import ensure_home
from search.indexing import rebuild as rebuild_search_index
from stories.demo import content as stories_content
from stories.demo.loader import DemoStories

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = (
        "Load the bilingual demo site (a fictional Korean tea roastery): pages, pictures and one "
        "account per role. Safe to run again: what exists is kept, nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Seed for the variations (dates, pictures); the same seed gives the same site.",
        )

    def handle(self, *args, seed: int, **options):
        if not settings.DANGOL_DEMO_ALLOWED:
            raise CommandError(
                "Demo content is disabled in these settings (it creates accounts with a published "
                "password). Set DANGOL_DEMO_ALLOWED=true to load it anyway."
            )
        rng = random.Random(seed)
        # The demo is written in one go: the work it sets off (search and reference indexes)
        # is done at once, here, rather than left for the worker to chase afterwards.
        with override_settings(TASKS=IMMEDIATE_TASKS), transaction.atomic():
            self.stdout.write("Accounts…")
            users = ensure_demo_accounts()
            self.stdout.write("Pictures…")
            images = ensure_demo_images(seed=seed, scale=settings.DANGOL_DEMO_IMAGE_SCALE)
            self.stdout.write("Home page…")
            home = ensure_home(
                content=stories_content.HOME, images=images, editor=users["approver"]
            )
            self.stdout.write("Stories, products and FAQs…")
            demo_stories = DemoStories(
                home=home, images=images, editor=users["approver"], rng=rng, stdout=self.stdout
            )
            demo_stories.load()
            self.stdout.write("Community members and posts…")
            DemoCommunity(users=users, rng=rng, stdout=self.stdout).load()
            demo_stories.spotlight_story()
            self.stdout.write("Search index…")
            rebuild_search_index()
        self.stdout.write(self.style.SUCCESS("The demo site is ready."))
