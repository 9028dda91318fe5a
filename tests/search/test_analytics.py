"""Search analytics are kept without a database write per search: batched, bounded, and
written once however often a batch is retried."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import analytics, services
from search.models import SearchClick, SearchQuery
from stories.factories import FAQCategoryPageFactory, FAQPageFactory, KnowledgeBasePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq(home, django_capture_on_commit_callbacks):
    category = FAQCategoryPageFactory(parent=KnowledgeBasePageFactory(parent=home), slug="orders")
    with django_capture_on_commit_callbacks(execute=True):
        category.save_revision().publish()
        FAQPageFactory(parent=category, title="배송은 얼마나 걸리나요?").save_revision().publish()


def test_a_search_writes_nothing_on_its_request(client, faq):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ko/search/", {"q": "배송"})
        client.get("/api/search/", {"q": "배송"})
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert not writes
    assert not SearchQuery.objects.exists()
    assert len(analytics.buffer) == 2


def test_searches_are_written_in_one_batch_after_enough_of_them(client, faq, monkeypatch):
    monkeypatch.setattr(analytics, "FLUSH_EVERY", 3)
    client.get("/ko/search/", {"q": "배송"})
    client.get("/ko/search/", {"q": "배송"})
    assert not SearchQuery.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        client.get("/ko/search/", {"q": "없는 말"})  # written once this response went out
    inserts = [
        q["sql"] for q in queries if q["sql"].startswith("INSERT") and "searchquery" in q["sql"]
    ]
    assert len(inserts) == 1
    assert sorted(SearchQuery.objects.values_list("query", "results")) == [
        ("배송", 1),
        ("배송", 1),
        ("없는 말", 0),
    ]
    assert len(analytics.buffer) == 0


def test_searches_are_written_once_they_have_waited_long_enough(client, faq, monkeypatch):
    client.get("/ko/search/", {"q": "배송"})
    assert not SearchQuery.objects.exists()
    monkeypatch.setattr(analytics, "FLUSH_SECONDS", 0)
    client.get("/ko/")  # any request's end writes what waited long enough
    assert SearchQuery.objects.get().query == "배송"


def test_the_buffer_never_grows_past_its_capacity():
    for number in range(analytics.CAPACITY + 25):
        analytics.record_search(query=f"query {number}", locale="ko", results=0)
    assert len(analytics.buffer) == analytics.CAPACITY
    assert analytics.flush() == analytics.CAPACITY
    assert SearchQuery.objects.count() == analytics.CAPACITY
    assert not SearchQuery.objects.filter(query="query 0").exists()  # the oldest went first
    assert SearchQuery.objects.filter(query=f"query {analytics.CAPACITY + 24}").exists()


def test_a_batch_written_twice_counts_once():
    event = analytics.record_search(query="배송", locale="ko", results=1)
    analytics.record_click(event=event, url="/ko/faq/", position=1)
    events = analytics.buffer.take()
    services.store_search_events(events=events)
    services.store_search_events(events=events)
    assert SearchQuery.objects.count() == 1
    assert SearchClick.objects.get().search.query == "배송"


def test_a_click_written_before_its_search_is_counted_once_the_search_arrives():
    event = analytics.record_search(query="배송", locale="ko", results=1)
    search = analytics.buffer.take()
    analytics.record_click(event=event, url="/ko/faq/", position=1)
    analytics.flush()  # another process may write the click before this one writes the search
    services.store_search_events(events=search)
    assert SearchQuery.objects.filter(clicks__isnull=False).get().query == "배송"
