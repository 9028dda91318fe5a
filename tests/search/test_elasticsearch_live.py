"""Against a live cluster (``ELASTICSEARCH_URL``, e.g. site/elasticsearch/compose.yaml).

Skipped when no cluster is configured: none can be installed on the development machines.
"""

import os

import pytest

from search import indexing
from search.backends import get_backend
from search.documents import PUBLIC, IndexDocument, SearchRequest

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="needs a live Elasticsearch cluster: set ELASTICSEARCH_URL "
        "(site/elasticsearch/compose.yaml starts one with nori)",
    ),
]

DOCUMENTS = [
    IndexDocument(
        key="page:1",
        doc_type="faq",
        locale="ko",
        title="커뮤니티 약속은 무엇인가요?",
        summary="광고와 가짜 후기는 올리지 않는 것입니다.",
        url="/ko/faq/community/promise/",
        category="단골 커뮤니티",
    ),
    IndexDocument(
        key="page:2",
        doc_type="faq",
        locale="ko",
        title="배송은 얼마나 걸리나요?",
        summary="보통 1~2일 안에 도착합니다.",
        url="/ko/faq/orders/delivery/",
        category="주문과 배송",
    ),
    IndexDocument(
        key="page:3",
        doc_type="story",
        locale="ko",
        title="단골이 만드는 가게",
        summary="단골 한 분 한 분의 의견이 소담을 바꿉니다.",
        url="/ko/stories/regulars/",
    ),
]


@pytest.fixture
def backend(settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "dangol-test"
    backend = get_backend()
    backend.rebuild(DOCUMENTS, locale="ko")
    yield backend
    backend.primary.client.indices.delete(index="dangol-test-*", ignore_unavailable=True)


def titles(backend, query):
    results = backend.search(SearchRequest(query=query, locale="ko"))
    assert results.backend == "elasticsearch"
    return [hit.title for hit in results.hits]


def test_korean_particles_compounds_and_synonyms(backend):
    assert titles(backend, "커뮤니티를") == ["커뮤니티 약속은 무엇인가요?"]
    assert titles(backend, "가짜리뷰") == ["커뮤니티 약속은 무엇인가요?"]
    assert "단골이 만드는 가게" in titles(backend, "단골")
    assert titles(backend, "배송")[0] == "배송은 얼마나 걸리나요?"


def test_highlights_facets_and_autocomplete(backend):
    results = backend.search(SearchRequest(query="배송", locale="ko"))
    assert "<mark>" in results.hits[0].title_html
    assert results.facets["type"] == {"faq": 1}
    suggestions = backend.suggest("배송", locale="ko", audiences=(PUBLIC,))
    assert suggestions[0].title == "배송은 얼마나 걸리나요?"


def test_a_rebuild_swaps_the_alias(backend):
    client = backend.primary.client
    before = set(client.indices.get_alias(name="dangol-test-ko"))
    backend.rebuild(DOCUMENTS[:1], locale="ko")
    after = set(client.indices.get_alias(name="dangol-test-ko"))
    assert before.isdisjoint(after)
    assert backend.counts(locale="ko") == {"faq": 1}


def test_update_and_status_agree_with_the_database(backend, home):
    report = indexing.update(locale="ko")
    assert report.removed == len(DOCUMENTS)  # none of these is in the database
    assert backend.counts(locale="ko") == {}
