"""Anonymous visitors get cached pages; members and changes never see stale ones."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import UserFactory
from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.DANGOL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story(home):
    return StoryPageFactory(slug="roasting-day", title="로스팅 데이")


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(client, story):
    first, first_queries = get(client, "/ko/stories/roasting-day/")
    second, second_queries = get(client, "/ko/stories/roasting-day/")
    assert first["X-Page-Cache"] == "miss" and first_queries > 0
    assert second["X-Page-Cache"] == "hit" and second_queries == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_each_language_has_its_own_entry(client, home, english_home):
    assert "본문으로 건너뛰기" in client.get("/ko/").content.decode()
    english = client.get("/en/")
    assert english["X-Page-Cache"] == "miss"
    assert "Skip to content" in english.content.decode()


def test_logged_in_members_always_get_a_fresh_page(client, story):
    client.get("/ko/stories/roasting-day/")
    client.force_login(UserFactory())
    response, queries = get(client, "/ko/stories/roasting-day/")
    assert "X-Page-Cache" not in response
    assert queries > 0


def test_publishing_a_change_invalidates_cached_pages(client, story):
    client.get("/ko/stories/roasting-day/")
    client.get("/ko/")
    story.title = "금요일은 시음회"
    story.save_revision().publish()
    response = client.get("/ko/stories/roasting-day/")
    assert response["X-Page-Cache"] == "miss"
    assert "금요일은 시음회" in response.content.decode()
    assert client.get("/ko/")["X-Page-Cache"] == "miss"


def test_non_page_views_are_not_cached(client, home):
    client.get("/ko/accounts/login/")
    assert "X-Page-Cache" not in client.get("/ko/accounts/login/")
