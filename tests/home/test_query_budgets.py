"""Query budgets with the page cache off: the home page ≤ 15 queries and the search page ≤ 10
for visitors (a few more for members, see MEMBER_EXTRA), and the count stays when stories, products, FAQs and posts are added
(no query per item)."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from community.factories import MemberFactory, PostFactory
from search import indexing
from stories.factories import FAQPageFactory, ProductPageFactory, StoryPageFactory
from stories.models import FAQPage, ProductIndexPage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

HOME_BUDGET = 15
SEARCH_BUDGET = 10
# A member's pages are never cached and cost a few more queries: the session, the user, the
# profile shown in the header and the user's and groups' permissions.
MEMBER_EXTRA = 5


@pytest.fixture(autouse=True)
def demo(demo_site):
    return demo_site


def add_items(count: int = 6) -> None:
    """More of everything the home page and the search show, with pictures and posts."""
    korean = Locale.objects.get(language_code="ko")
    story_index = StoryIndexPage.objects.get(locale=korean)
    product_index = ProductIndexPage.objects.get(locale=korean)
    faq_parent = FAQPage.objects.filter(locale=korean).first().get_parent()
    story = StoryPage.objects.filter(locale=korean).first()
    writer = MemberFactory(username="budget-writer")
    for number in range(count):
        picture = wagtail_factories.ImageFactory(title=f"배송 사진 {number}")
        new_story = StoryPageFactory(
            parent=story_index,
            title=f"배송 이야기 {number}",
            slug=f"budget-story-{number}",
            hero_image=picture,
            category=story.category,
            tags=["배송", f"budget{number}"],
        )
        ProductPageFactory(
            parent=product_index, title=f"배송 차 {number}", slug=f"budget-tea-{number}",
            image=picture,
        )  # fmt: skip
        FAQPageFactory(parent=faq_parent, title=f"배송 질문 {number}", slug=f"budget-faq-{number}")
        for _ in range(3):
            PostFactory(page=new_story, user=writer, comment="배송이 빨라요.")
    indexing.rebuild()


def queries_for(client, url: str, **params) -> int:
    client.get(url, params)  # renditions and settings rows are made on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_home_page_stays_within_budget_and_flat(client, visitor):
    if visitor == "member":
        client.force_login(MemberFactory(username="budget-reader"))
    before = queries_for(client, "/ko/")
    add_items()
    after = queries_for(client, "/ko/")
    assert before <= HOME_BUDGET + (MEMBER_EXTRA if visitor == "member" else 0)
    assert after == before


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_search_page_stays_within_budget_and_flat(client, visitor):
    if visitor == "member":
        client.force_login(MemberFactory(username="budget-reader"))
    before = queries_for(client, "/ko/search/", q="배송")
    add_items()
    after = queries_for(client, "/ko/search/", q="배송")
    assert before <= SEARCH_BUDGET + (MEMBER_EXTRA if visitor == "member" else 0)
    assert after == before
