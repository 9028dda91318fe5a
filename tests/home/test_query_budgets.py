"""Query budgets with the page cache off, on the demo, for visitors: the home page ≤ 15 queries,
a story ≤ 12, a product with 20 reviews ≤ 15, a FAQ with its thread ≤ 15 and the search page
≤ 10. Members' pages are never cached and have budgets of their own (MEMBER_BUDGETS). The count
stays when stories, products, FAQs, posts and related items are added (no query per item)."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from community.factories import MemberFactory, PostFactory
from community.models import Post, PostKind
from search import indexing
from stories.factories import AuthorFactory, FAQPageFactory, ProductPageFactory, StoryPageFactory
from stories.models import (
    FAQPage,
    FAQRelatedFAQ,
    FAQRelatedProduct,
    ProductIndexPage,
    ProductPage,
    ProductRelatedFAQ,
    ProductRelatedStory,
    StoryIndexPage,
    StoryPage,
    StoryPageAuthor,
    StoryPageRelatedStory,
)

pytestmark = pytest.mark.django_db

STORY_URL = "/ko/stories/thursday-roasting-day/"
PRODUCT_URL = "/ko/products/mangwon-hojicha/"
FAQ_URL = "/ko/faq/orders-delivery/delivery-time/"

BUDGETS = {"home": 15, "search": 10, "story": 12, "product": 15, "faq": 15}
# A member's pages are never cached and cost more: the session, the user, the profile shown
# in the header, the member's own review and notices, the post form's guidelines link.
MEMBER_BUDGETS = {"home": 15, "search": 12, "story": 18, "product": 17, "faq": 17}


def budget(page: str, visitor: str) -> int:
    return (MEMBER_BUDGETS if visitor == "member" else BUDGETS)[page]


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
    assert before <= budget("home", visitor)
    assert after == before


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_search_page_stays_within_budget_and_flat(client, visitor):
    if visitor == "member":
        client.force_login(MemberFactory(username="budget-reader"))
    before = queries_for(client, "/ko/search/", q="배송")
    add_items()
    after = queries_for(client, "/ko/search/", q="배송")
    assert before <= budget("search", visitor)
    assert after == before


def add_posts(page, count: int, *, kind=PostKind.TIP, rated: bool = False) -> None:
    """Posts with an official reply linking a FAQ, and a helpful vote: what a thread shows."""
    support = MemberFactory(username=f"budget-support-{page.pk}-{count}")
    faq = FAQPage.objects.filter(locale=page.locale).first()
    for number in range(count):
        post = PostFactory(
            page=page, kind=kind, rating=(1 + number % 5) if rated else None, comment="좋아요."
        )
        reply = PostFactory(page=page, user=support, parent=post, is_official=True)
        reply.linked_faqs.add(faq)


def add_related(page, count: int) -> None:
    """More related stories, FAQs and products (and authors for a story)."""
    korean = page.locale
    stories = list(StoryPage.objects.filter(locale=korean).exclude(pk=page.pk)[:count])
    faqs = list(FAQPage.objects.filter(locale=korean).exclude(pk=page.pk)[:count])
    products = list(ProductPage.objects.filter(locale=korean).exclude(pk=page.pk)[:count])
    if isinstance(page, StoryPage):
        for story in stories:
            StoryPageRelatedStory.objects.create(page=page, story=story)
        for number in range(count):
            StoryPageAuthor.objects.create(
                page=page, author=AuthorFactory(locale=korean, name=f"필자 {number}")
            )
        page.body = [*page.body.raw_data, *page.body.raw_data]  # every block twice
        page.save()
    elif isinstance(page, ProductPage):
        for story in stories:
            ProductRelatedStory.objects.create(page=page, story=story)
        for faq in faqs:
            ProductRelatedFAQ.objects.create(page=page, faq=faq)
    else:
        for product in products:
            FAQRelatedProduct.objects.create(page=page, product=product)
        for faq in faqs:
            FAQRelatedFAQ.objects.create(page=page, faq=faq)


def _page(client, url: str):
    return client.get(url).context["page"]


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_story_page_stays_within_budget_and_flat(client, visitor):
    if visitor == "member":
        client.force_login(MemberFactory(username="budget-reader"))
    story = _page(client, STORY_URL)
    add_posts(story, 2)
    add_related(story, 1)
    before = queries_for(client, STORY_URL)
    add_posts(story, 10)
    add_related(story, 4)
    after = queries_for(client, STORY_URL)
    assert before <= budget("story", visitor)
    assert after == before


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_product_page_with_20_reviews_stays_within_budget_and_flat(client, visitor):
    if visitor == "member":
        client.force_login(MemberFactory(username="budget-reader"))
    product = _page(client, PRODUCT_URL)
    add_posts(product, 20 - Post.objects.on_page(product).filter(kind=PostKind.REVIEW).count(),
              kind=PostKind.REVIEW, rated=True)  # fmt: skip
    add_related(product, 1)
    before = queries_for(client, PRODUCT_URL)
    add_posts(product, 20, kind=PostKind.REVIEW, rated=True)
    add_related(product, 4)
    after = queries_for(client, PRODUCT_URL)
    assert before <= budget("product", visitor)
    assert after == before


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_faq_page_with_its_thread_stays_within_budget_and_flat(client, visitor):
    if visitor == "member":
        client.force_login(MemberFactory(username="budget-reader"))
    faq = _page(client, FAQ_URL)
    add_posts(faq, 3, kind=PostKind.QUESTION)
    add_related(faq, 1)
    before = queries_for(client, FAQ_URL)
    add_posts(faq, 12, kind=PostKind.QUESTION)
    add_related(faq, 4)
    after = queries_for(client, FAQ_URL)
    assert before <= budget("faq", visitor)
    assert after == before


# Listings that must not cost more as content grows: the same number of queries with a few
# and with many more items (the page cache is off in tests).


def _korean(model):
    return model.objects.get(locale__language_code="ko")


def add_listing_content(count: int) -> None:
    """Products with reviews, FAQs in every category, tagged stories, and posts."""
    from stories.models import FAQCategoryPage, KnowledgeBasePage

    korean = Locale.objects.get(language_code="ko")
    products = _korean(ProductIndexPage)
    stories = _korean(StoryIndexPage)
    categories = list(FAQCategoryPage.objects.child_of(_korean(KnowledgeBasePage)))
    start = StoryPage.objects.count()
    for number in range(start, start + count):
        product = ProductPageFactory(parent=products, slug=f"cost-tea-{number}")
        StoryPageFactory(parent=stories, slug=f"cost-story-{number}", tags=[f"cost{number}"])
        FAQPageFactory(parent=categories[number % len(categories)], slug=f"cost-faq-{number}")
        add_posts(product, 2, kind=PostKind.REVIEW, rated=True)
        story = StoryPage.objects.filter(locale=korean).first()
        add_posts(story, 2, kind=PostKind.QUESTION)


LISTINGS = ["/ko/community/", "/ko/products/", "/ko/faq/", "/ko/stories/"]


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_pages_cost_the_same_with_many_more_items(client, url):
    add_listing_content(2)
    before = queries_for(client, url)
    add_listing_content(30)
    after = queries_for(client, url)
    assert after == before


def test_a_faq_category_costs_the_same_with_many_more_faqs(client):
    url = "/ko/faq/orders-delivery/"
    category = _page(client, url)
    before = queries_for(client, url)
    for number in range(40):
        FAQPageFactory(parent=category, slug=f"many-faq-{number}")
    after = queries_for(client, url)
    assert after == before


def _moderation_content(count: int) -> None:
    from community.models import Flag, PostState

    story = _korean(StoryIndexPage).get_children().live().first()
    for number in range(count):
        PostFactory(page=story, state=PostState.PENDING, comment=f"대기 {number}")
        flagged = PostFactory(page=story, comment=f"신고 {number}")
        Flag.objects.create(post=flagged, user=MemberFactory(), reason="spam")
        PostFactory(page=story, comment=f"승인 {number}")


@pytest.mark.parametrize("url", ["/admin/", "/admin/community/moderation/"])
def test_moderation_pages_cost_the_same_with_many_more_posts(client, url):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="moderator"))
    _moderation_content(2)
    before = queries_for(client, url)
    _moderation_content(60)
    after = queries_for(client, url)
    assert after == before


@pytest.mark.parametrize("url", ["/admin/", "/admin/community/moderation/"])
def test_the_moderation_queue_is_counted_once_per_admin_page(client, url):
    """The menu's label, the dashboard panel and the queue's tabs share one count."""
    from django.contrib.auth import get_user_model

    from core import page_cache

    client.force_login(get_user_model().objects.get(username="moderator"))
    _moderation_content(3)
    client.get(url)
    page_cache.invalidate()  # as after any change: the count is asked of the database again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if 'AS "pending"' in q["sql"]]
    assert len(counts) == 1


def test_the_story_index_reads_its_tag_filter_from_the_data_cache(client):
    add_listing_content(3)
    client.get("/ko/stories/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/ko/stories/").content.decode()
    assert "?tag=cost2" in html
    assert not [q["sql"] for q in queries if "taggit_tag" in q["sql"]]
    StoryPageFactory(parent=_korean(StoryIndexPage), slug="fresh", tags=["갓 볶은"])
    assert "갓 볶은" in client.get("/ko/stories/").content.decode()
