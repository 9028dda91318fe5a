"""GET /api/search/ and /api/search/suggest/: the documented shape, and 400s naming the
parameter for bad input, never a 500."""

import pytest

from search import analytics
from search.models import SearchQuery
from stories.factories import FAQCategoryPageFactory, FAQPageFactory, KnowledgeBasePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def faqs(home, django_capture_on_commit_callbacks):
    category = FAQCategoryPageFactory(parent=KnowledgeBasePageFactory(parent=home), slug="orders")
    with django_capture_on_commit_callbacks(execute=True):
        for number, title in enumerate(
            ["배송은 얼마나 걸리나요?", "해외 배송도 하나요?", "포장은 재활용되나요?"]
        ):
            page = FAQPageFactory(
                parent=category, title=title, slug=f"faq-{number}", short_answer=f"답: {title}"
            )
            page.save_revision().publish()


def test_search_api_answers_the_documented_shape(client, faqs):
    response = client.get("/api/search/", {"q": "배송", "locale": "ko"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "query", "locale", "backend", "total", "took_ms", "results", "facets", "suggestion"
    }  # fmt: skip
    assert body["query"] == "배송"
    assert body["locale"] == "ko"
    assert body["backend"] == "embedded"
    assert body["total"] == 2
    assert isinstance(body["took_ms"], int)
    assert body["facets"]["type"] == {"faq": 2}
    assert body["suggestion"] is None
    first = body["results"][0]
    assert set(first) == {"type", "title", "url", "snippet", "locale", "date", "score"}
    assert first["type"] == "faq"
    assert first["url"].startswith("/ko/faq/orders/")
    assert "<mark>배송</mark>" in first["snippet"]


def test_search_api_pages_and_filters(client, faqs):
    body = client.get("/api/search/", {"q": "배송", "page_size": 1, "page": 2}).json()
    assert body["total"] == 2
    assert len(body["results"]) == 1
    body = client.get("/api/search/", {"q": "배송", "type": "story,product"}).json()
    assert body["total"] == 0 and body["results"] == []


def test_search_api_language_defaults_to_the_visitors(client, faqs):
    body = client.get("/api/search/", {"q": "배송"}, headers={"accept-language": "en"}).json()
    assert body["locale"] == "en"
    assert body["total"] == 0


def test_search_api_suggests_a_correction(client, faqs):
    body = client.get("/api/search/", {"q": "배숑", "locale": "ko"}).json()
    assert body["total"] == 0
    assert body["suggestion"] == "배송"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "가" * 201}, "q"),
        ({"q": "배송\x00"}, "q"),
        ({"q": "배송", "page": "x"}, "page"),
        ({"q": "배송", "page": "0"}, "page"),
        ({"q": "배송", "page": "-1"}, "page"),
        ({"q": "배송", "page": "99999"}, "page"),
        ({"q": "배송", "page_size": "0"}, "page_size"),
        ({"q": "배송", "page_size": "51"}, "page_size"),
        ({"q": "배송", "page_size": "1e3"}, "page_size"),
        ({"q": "배송", "type": "blog"}, "type"),
        ({"q": "배송", "type": "faq,blog"}, "type"),
        ({"q": "배송", "locale": "fr"}, "locale"),
    ],
)
def test_search_api_rejects_bad_parameters_with_400(client, faqs, params, parameter):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


def test_a_query_of_exactly_200_characters_is_accepted(client, faqs):
    assert client.get("/api/search/", {"q": "배송 " * 66 + "배송"}).status_code == 200


def test_error_messages_follow_the_visitors_language(client):
    korean = client.get("/api/search/", {"q": ""}, headers={"accept-language": "ko"}).json()
    english = client.get("/api/search/", {"q": ""}, headers={"accept-language": "en"}).json()
    assert korean["error"]["message"] != english["error"]["message"]
    assert "q" in english["error"]["message"]


def test_searches_are_logged_without_identity(client, faqs, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw")
    client.force_login(user)
    client.get("/api/search/", {"q": "  배송   ", "locale": "ko"})
    client.get("/api/search/", {"q": "배송", "locale": "ko", "page": 2})  # not counted twice
    analytics.flush()
    logged = SearchQuery.objects.get()
    assert (logged.query, logged.locale, logged.results) == ("배송", "ko", 2)
    field_names = {field.name for field in SearchQuery._meta.get_fields()}
    assert not field_names & {"user", "session", "ip", "ip_address", "user_agent"}


def test_suggest_api(client, faqs):
    response = client.get("/api/search/suggest/", {"q": "배", "locale": "ko"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "배" and body["locale"] == "ko"
    assert {s["title"] for s in body["suggestions"]} == {
        "배송은 얼마나 걸리나요?",
        "해외 배송도 하나요?",
    }
    assert client.get("/api/search/suggest/", {"q": "포장"}).json()["suggestions"] == [
        {"title": "포장은 재활용되나요?", "url": "/ko/faq/orders/faq-2/", "type": "faq"}
    ]
    assert set(body["suggestions"][0]) == {"title", "url", "type"}


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({}, "q"), ({"q": ""}, "q"), ({"q": "x" * 201}, "q"), ({"q": "배", "locale": "jp"}, "locale")],
)
def test_suggest_api_rejects_bad_parameters(client, params, parameter):
    response = client.get("/api/search/suggest/", params)
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


def test_the_api_only_answers_get(client):
    assert client.post("/api/search/", {"q": "배송"}).status_code == 405
