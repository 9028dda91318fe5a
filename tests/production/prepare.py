"""The content of the production topology test, written into a migrated database by the
settings in the environment (run as ``python tests/production/prepare.py FOLLOWERS``):

- a Korean home page serving the default site, and a product page under it;
- a thread on the product: a member's question, followed by FOLLOWERS members with distinct
  addresses (their profiles in Korean, notifications on);
- two replies by a new member, waiting for a moderator's approval;
- a moderator (the Moderators role) and a superuser, with passwords.

Prints what the test needs as JSON.
"""

import json
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from community.factories import MemberFactory, PostFactory  # noqa: E402
from community.models import Follow, MemberProfile, PostKind, PostState, TrustLevel  # noqa: E402
from core import roles  # noqa: E402
from core.site_address import sync_site_address  # noqa: E402
from home.factories import HomePageFactory, UserFactory  # noqa: E402
from stories.factories import ProductPageFactory  # noqa: E402


@transaction.atomic
def prepare(followers: int) -> dict:
    User = get_user_model()
    korean = Locale.objects.get(language_code="ko")
    # Wagtail's welcome page gives way to the site's own home page.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = HomePageFactory(locale=korean)
    # Deleting the welcome page took the default site with it: serve the home page at SITE_URL.
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})
    sync_site_address()
    product = ProductPageFactory(title="망원 호지차", slug="mangwon-hojicha", locale=korean)

    asker = MemberFactory(username="asker", display_name="질문한 단골")
    question = PostFactory(
        page=product, user=asker, kind=PostKind.QUESTION, comment="호지차는 몇 도에서 우리나요?"
    )
    # One password hash for every follower: they never log in, and hashing 500 is slow.
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"follower{n:03d}",
            email=f"follower{n:03d}@dangol.example",
            password=unusable,
        )
        for n in range(followers)
    )
    MemberProfile.objects.bulk_create(
        MemberProfile(user=user, display_name=user.username, level=TrustLevel.REGULAR)
        for user in users
    )
    Follow.objects.bulk_create(Follow(user=user, post=question) for user in users)

    replier = MemberFactory(username="replier", display_name="새 단골", level=TrustLevel.NEW)
    replies = [
        PostFactory(
            page=product, user=replier, parent=question, state=PostState.PENDING, comment=text
        )
        for text in ("90도 물로 1분이면 충분해요.", "두 번째 우릴 때는 30초 더 두세요.")
    ]

    password = secrets.token_urlsafe(16)
    UserFactory(username="moderator", groups=[roles.MODERATORS], password=password)
    User.objects.create_superuser("admin", "admin@dangol.example", password)
    return {
        "thread": question.pk,
        "product_path": "/ko/" + product.url_path.removeprefix(home.url_path),
        "replies": [reply.pk for reply in replies],
        "followers": sorted(user.email for user in users),
        "password": password,
    }


if __name__ == "__main__":
    print(json.dumps(prepare(int(sys.argv[1]))))
