"""The search page as a visitor sees it: results, filters, help, errors, and counting."""

import re

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search import analytics, indexing
from search.models import SearchClick, SearchQuery
from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home, django_capture_on_commit_callbacks):
    category = FAQCategoryPageFactory(
        parent=KnowledgeBasePageFactory(parent=home), title="주문", slug="orders"
    )
    with django_capture_on_commit_callbacks(execute=True):
        category.save_revision().publish()
        for number, title in enumerate(["배송은 얼마나 걸리나요?", "해외 배송도 하나요?"]):
            FAQPageFactory(
                parent=category,
                title=title,
                slug=f"faq-{number}",
                short_answer="이틀이면 배송됩니다.",
            ).save_revision().publish()
        StoryPageFactory(title="배송 상자를 바꾼 이야기", slug="boxes").save_revision().publish()


def test_the_header_has_a_search_form_that_works_without_javascript(client, home):
    html = client.get("/ko/").content.decode()
    assert '<form class="site-search" role="search" method="get" action="/ko/search/">' in html
    assert 'name="q"' in html


def test_results_are_highlighted_and_filterable(client, content):
    response = client.get("/ko/search/", {"q": "배송"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="search-result"') == 3
    assert "<mark>배송</mark>은 얼마나 걸리나요?" in html
    assert 'href="/ko/faq/orders/faq-0/"' in html
    assert "?q=%EB%B0%B0%EC%86%A1&amp;type=faq" in html  # the FAQ filter link
    filtered = client.get("/ko/search/", {"q": "배송", "type": "faq"}).content.decode()
    assert filtered.count('class="search-result"') == 2
    assert '<meta name="robots" content="noindex">' in html


def test_a_typo_offers_did_you_mean(client, content):
    html = client.get("/ko/search/", {"q": "배숑"}).content.decode()
    assert 'href="?q=%EB%B0%B0%EC%86%A1"' in html
    assert ">배송</a>" in html


def test_the_empty_page_suggests_faqs(client, content):
    html = client.get("/ko/search/").content.decode()
    assert "배송은 얼마나 걸리나요?" in html
    assert 'class="search-result"' not in html


def test_no_results_suggest_faqs_too(client, content):
    response = client.get("/ko/search/", {"q": "말차"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "말차" in html
    assert 'href="/ko/faq/orders/faq-0/"' in html


@pytest.mark.parametrize(
    "params", [{"q": "배송", "page": "x"}, {"q": "가" * 201}, {"q": "배송", "type": "blog"}]
)
def test_bad_parameters_answer_400_and_keep_the_query(client, content, params):
    response = client.get("/ko/search/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert f'value="{params["q"]}"' in html


def test_the_search_page_speaks_english_under_en(client, content):
    html = client.get("/en/search/", {"q": "delivery"}).content.decode()
    assert '<html lang="en">' in html
    assert "Search" in html


def test_the_page_ranks_in_the_database_and_reads_only_what_it_shows(
    client, content, home, django_assert_max_num_queries
):
    client.get("/ko/")  # the first view of the site creates its settings row
    with CaptureQueriesContext(connection) as few_matches:
        client.get("/ko/search/", {"q": "배송"})
    few = len(few_matches)  # read now: the next request empties the log it reads
    assert few
    category = FAQPageFactory._meta.model.objects.first().get_parent()
    for number in range(40):
        FAQPageFactory(parent=category, title=f"배송 질문 {number}", slug=f"more-{number}")
    indexing.rebuild()
    client.get("/ko/")  # new pages: the site's cached header and settings are read again
    with django_assert_max_num_queries(few) as many_matches:
        response = client.get("/ko/search/", {"q": "배송"})
    queries = [query["sql"] for query in many_matches.captured_queries]
    html = response.content.decode()
    assert "검색 결과 43건" in html
    assert html.count('class="search-result"') == 10
    assert 'class="search-filters__count">43<' in html  # the counts cover every match
    # However many documents match, no query of the search returns more rows than the page
    # shows: ranking, ordering, the page's cut and the counts are the database's work.
    with connection.cursor() as cursor:
        for sql in queries:
            if "search_searchdocument" in sql and sql.lstrip().upper().startswith("SELECT"):
                cursor.execute(sql)
                assert len(cursor.fetchall()) <= 10, sql


def _click_tokens(html: str) -> list[str]:
    return re.findall(r'data-click-token="([^"]+)"', html)


def _click(client, token):
    return client.post(
        "/ko/search/click/",
        {"token": token, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )


def test_a_click_on_a_result_is_counted_once(content):
    client = Client(enforce_csrf_checks=True)
    html = client.get("/ko/search/", {"q": "배송"}).content.decode()
    tokens = _click_tokens(html)
    assert len(tokens) == 3
    assert _click(client, tokens[1]).status_code == 204
    replayed = _click(client, tokens[1])
    assert replayed.status_code == 400
    assert replayed.content.decode() == "이미 집계된 클릭이에요."
    analytics.flush()
    search = SearchQuery.objects.get()
    click = SearchClick.objects.get()
    assert (click.search, click.position) == (search, 2)
    assert click.url in html and click.url.startswith("/ko/")


def test_a_forged_click_is_refused(content):
    client = Client(enforce_csrf_checks=True)
    html = client.get("/ko/search/", {"q": "배송"}).content.decode()
    analytics.flush()
    search = SearchQuery.objects.get()
    genuine = _click_tokens(html)[0]
    payload, _, signature = genuine.rpartition(":")
    forged = [
        # another visitor's search named by its id, as the old endpoint accepted
        {"search": search.pk, "url": "/ko/faq/orders/faq-0/", "position": 1},
        # the right search and result, signed with another key
        signing.dumps([search.event.hex, 1, "/ko/"], key="x" * 50, salt=analytics.CLICK_SALT),
        # a genuine token with its signature changed
        f"{payload}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        "not-a-token",
    ]
    token = client.cookies["csrftoken"].value
    for data in forged:
        fields = data if isinstance(data, dict) else {"token": data}
        response = client.post("/ko/search/click/", {**fields, "csrfmiddlewaretoken": token})
        assert response.status_code == 400, data
    analytics.flush()
    assert not SearchClick.objects.exists()


def test_a_click_from_an_old_results_page_is_refused(content, monkeypatch):
    client = Client(enforce_csrf_checks=True)
    token = _click_tokens(client.get("/ko/search/", {"q": "배송"}).content.decode())[0]
    monkeypatch.setattr(analytics, "CLICK_MAX_AGE", -1)  # as if an hour had passed
    response = _click(client, token)
    assert response.status_code == 400
    assert "검색 결과 페이지가 오래되어서" in response.content.decode()
    analytics.flush()
    assert not SearchClick.objects.exists()


def test_a_click_needs_csrf(content):
    client = Client(enforce_csrf_checks=True)
    token = _click_tokens(client.get("/ko/search/", {"q": "배송"}).content.decode())[0]
    assert client.post("/ko/search/click/", {"token": token}).status_code == 403
    analytics.flush()
    assert not SearchClick.objects.exists()


def test_only_the_first_page_of_a_search_is_logged_and_tracked(content):
    client = Client()
    for number in range(12):
        FAQPageFactory(
            parent=FAQPageFactory._meta.model.objects.first().get_parent(),
            title=f"배송 질문 {number}",
            slug=f"more-{number}",
        )
    indexing.rebuild()
    second = client.get("/ko/search/", {"q": "배송", "page": 2}).content.decode()
    assert 'class="search-result"' in second
    assert not _click_tokens(second)
    analytics.flush()
    assert not SearchQuery.objects.exists()
