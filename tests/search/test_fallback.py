"""When Elasticsearch is down, the site keeps working: searches fall back to the embedded
index, publishing goes on, and missed index updates wait in a queue until it answers."""

import socket
import time

import pytest
from django.test import Client

from search import indexing
from search.backends import SearchUnavailable, get_backend
from search.backends.embedded import EmbeddedBackend
from search.backends.resilient import ResilientBackend
from search.documents import SearchRequest
from search.models import PendingIndexUpdate, SearchDocument
from stories.factories import FAQCategoryPageFactory, FAQPageFactory, KnowledgeBasePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_port():
    """A local port nothing listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_server():
    """A local port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def category(home, django_capture_on_commit_callbacks):
    page = FAQCategoryPageFactory(parent=KnowledgeBasePageFactory(parent=home), slug="orders")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


@pytest.fixture
def faq(category, django_capture_on_commit_callbacks):
    """An FAQ indexed while no cluster is configured (the embedded index has it)."""
    page = FAQPageFactory(parent=category, title="배송은 얼마나 걸리나요?", slug="delivery")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


@pytest.fixture
def cluster_down(settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    return settings


def test_the_search_page_falls_back_to_the_embedded_index(client, faq, cluster_down):
    assert isinstance(get_backend(), ResilientBackend)
    response = client.get("/ko/search/", {"q": "배송"})
    assert response.status_code == 200
    assert 'href="/ko/faq/orders/delivery/"' in response.content.decode()


def test_the_api_says_which_backend_answered(client, faq, cluster_down):
    response = client.get("/api/search/", {"q": "배송", "locale": "ko"})
    assert response.status_code == 200
    body = response.json()
    assert body["backend"] == "embedded"
    assert body["total"] == 1
    assert client.get("/api/search/suggest/", {"q": "배"}).status_code == 200


def test_publishing_works_and_the_update_waits_in_the_queue(
    category, cluster_down, django_capture_on_commit_callbacks
):
    page = FAQPageFactory(parent=category, title="포장은 재활용되나요?", slug="packing")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert PendingIndexUpdate.objects.filter(key=f"page:{page.pk}").exists()
    assert SearchDocument.objects.filter(key=f"page:{page.pk}").exists()  # the fallback has it
    assert get_backend().pending() == 1


def test_a_cluster_that_never_answers_costs_one_time_out(client, faq, settings, silent_server):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent_server}"
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    get_backend()  # start-up: asks the cluster for its plugins, and gives up
    started = time.monotonic()
    first = client.get("/ko/search/", {"q": "배송"})
    first_took = time.monotonic() - started
    started = time.monotonic()
    second = client.get("/api/search/", {"q": "배송", "locale": "ko"})
    second_took = time.monotonic() - started
    assert first.status_code == second.status_code == 200
    assert 'href="/ko/faq/orders/delivery/"' in first.content.decode()
    assert first_took < 3  # time-out of 0.3 s, one retry
    assert second_took < 1  # the cluster is left alone during the cool-down


def test_without_any_index_search_says_it_is_limited(client, home, cluster_down):
    SearchDocument.objects.all().delete()
    page = client.get("/ko/search/", {"q": "배송"})
    assert page.status_code == 200
    assert "일시적으로" in page.content.decode() or "temporarily limited" in page.content.decode()
    api = client.get("/api/search/", {"q": "배송", "locale": "ko"})
    assert api.status_code == 200
    assert "limited" in api.json()["notice"] or "일시적" in api.json()["notice"]


def test_healthz_reports_the_fallback(client, faq, cluster_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    search = response.json()["checks"]["search"]
    assert search["status"] == "ok"
    assert "Elasticsearch unreachable" in search["detail"]
    assert "embedded" in search["detail"]


def test_healthz_reports_the_embedded_backend(client, faq):
    detail = client.get("/healthz").json()["checks"]["search"]["detail"]
    assert detail.startswith("embedded (")


class FlakyCluster(EmbeddedBackend):
    """A stand-in for Elasticsearch that can be switched off; stores what it receives."""

    name = "elasticsearch"

    def __init__(self):
        self.up = True
        self.received: dict[str, str] = {}

    def _check(self):
        if not self.up:
            raise SearchUnavailable("connection refused")

    def index(self, documents):
        self._check()
        self.received.update({d.key: d.title for d in documents})

    def remove(self, keys):
        self._check()
        for key in keys:
            self.received.pop(key, None)

    def search(self, request):
        self._check()
        return super().search(request)

    def health(self):
        self._check()
        return "elasticsearch (green)"


def test_queued_updates_are_replayed_when_the_cluster_answers_again(
    category, faq, monkeypatch, django_capture_on_commit_callbacks
):
    cluster = FlakyCluster()
    backend = ResilientBackend(primary=cluster, fallback=EmbeddedBackend(), cool_down=0)
    monkeypatch.setattr("search.indexing.get_backend", lambda: backend)
    monkeypatch.setattr("search.tasks.get_backend", lambda: backend, raising=False)
    cluster.up = False
    new = FAQPageFactory(parent=category, title="포장은 재활용되나요?", slug="packing")
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()
        faq.delete()
    assert set(PendingIndexUpdate.objects.values_list("key", flat=True)) == {
        f"page:{new.pk}",
        f"page:{faq.pk}",
    }
    results = backend.search(SearchRequest(query="포장", locale="ko"))
    assert results.degraded and results.total == 1
    assert backend.replay() == 0  # still down: the updates stay queued
    assert set(PendingIndexUpdate.objects.values_list("attempts", flat=True)) == {1}

    cluster.up = True
    cluster.received[f"page:{faq.pk}"] = "stale"
    assert backend.replay() == 2
    assert cluster.received == {f"page:{new.pk}": "포장은 재활용되나요?"}
    assert not PendingIndexUpdate.objects.exists()


def test_the_update_command_replays_the_queue(category, faq, monkeypatch):
    cluster = FlakyCluster()
    backend = ResilientBackend(primary=cluster, fallback=EmbeddedBackend(), cool_down=0)
    monkeypatch.setattr("search.indexing.get_backend", lambda: backend)
    PendingIndexUpdate.objects.create(key=f"page:{faq.pk}")
    report = indexing.update(locale="ko")
    assert report.replayed == 1
    assert cluster.received[f"page:{faq.pk}"] == "배송은 얼마나 걸리나요?"


def test_pages_keep_working_when_the_cluster_is_down(client, faq, cluster_down):
    assert client.get("/ko/").status_code == 200
    assert client.get(faq.url).status_code == 200


def test_publishing_in_the_admin_works_when_the_cluster_is_down(
    category, cluster_down, admin_client, django_capture_on_commit_callbacks
):
    page = FAQPageFactory(
        parent=category, title="티백은 어디서 사나요?", slug="tea-bags", live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{page.pk}/edit/",
            {
                "title": page.title,
                "slug": page.slug,
                "short_answer": page.short_answer,
                "answer": '{"blocks": [{"key": "a", "type": "unstyled", "text": "네.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
                "last_reviewed": "2026-11-01",
                # The FAQ's related products and FAQs (none): their inline formsets.
                **{
                    f"{inline}-{count}": "0"
                    for inline in ("related_products", "related_faqs")
                    for count in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")
                },
                "action-publish": "action-publish",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.live
    assert PendingIndexUpdate.objects.filter(key=f"page:{page.pk}").exists()
    assert Client().get("/ko/search/", {"q": "티백"}).status_code == 200
