"""Run each benchmarked page once through Django's test client against the site's database and
count its SQL queries; print JSON (the pages, their addresses and counts, and the site's size).

Run by ``run.py`` in a separate process with the same environment as the server, so the counts
are those of a warm worker: every page is requested once before the counted request (the data
cache of ``home.page_cache`` is then filled, as in a worker that has served a few visitors).

    python tools/bench/probe.py 'home=/ko/' 'thread=thread:mangwon-hojicha' 'queue=staff:/admin/…'

An address may be ``thread:<slug>`` (the community thread of the Korean page with that slug),
``profile:busiest`` (the profile of the member with the most approved posts) or
``staff:<path>`` (requested logged in as the demo moderator).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))


def resolve(address: str) -> tuple[str, bool]:
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Page

    from community.models import Post, PostState

    staff = address.startswith("staff:")
    if staff:
        address = address.removeprefix("staff:")
    with translation.override("ko"):
        if address.startswith("thread:"):
            page = Page.objects.get(
                slug=address.removeprefix("thread:"), locale__language_code="ko"
            )
            return reverse("community:discussion", args=[page.pk]), staff
        if address == "profile:busiest":
            busiest = (
                Post.objects.filter(state=PostState.APPROVED, user__groups__name="Members")
                .values("user")
                .annotate(n=Count("pk"))
                .order_by("-n", "user")
                .first()
            )
            return reverse("community:profile", args=[busiest["user"]]), staff
    return address, staff


def site_size() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from community.models import Post
    from stories.models import FAQPage, ProductPage, StoryPage

    return {
        "stories": StoryPage.objects.live().count(),
        "products": ProductPage.objects.live().count(),
        "faqs": FAQPage.objects.live().count(),
        "members": get_user_model().objects.filter(groups__name="Members").count(),
        "posts": Post.objects.count(),
    }


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous = Client(HTTP_HOST="localhost")
    moderator = Client(HTTP_HOST="localhost")
    moderator.force_login(get_user_model().objects.get(username="moderator"))
    pages = []
    for argument in sys.argv[1:]:
        name, _sep, address = argument.partition("=")
        path, staff = resolve(address)
        client = moderator if staff else anonymous
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        pages.append(
            {
                "name": name,
                "path": path,
                "staff": staff,
                "status": response.status_code,
                "queries": len(queries.captured_queries),
            }
        )
    print(json.dumps({"pages": pages, "size": site_size()}))


if __name__ == "__main__":
    main()
