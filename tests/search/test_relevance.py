"""What a Korean or English visitor finds in the demo content with the embedded backend."""

import pytest

from search.backends import get_backend
from search.documents import MEMBERS, PUBLIC, SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_site):
    pass


def search(query, locale="ko", **kwargs):
    return get_backend().search(SearchRequest(query=query, locale=locale, **kwargs))


def titles(query, locale="ko", **kwargs):
    return [hit.title for hit in search(query, locale, **kwargs).hits]


def test_the_demo_is_searched_by_the_embedded_backend():
    results = search("단골")
    assert results.backend == "embedded"
    assert results.total > 0


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("단골 등급", "단골 등급은 어떻게 올라가나요?"),
        ("배송", None),  # checked below: both delivery FAQs
        ("물 온도", "물 온도는 몇 도가 좋나요?"),
        ("가짜리뷰", "커뮤니티 약속은 무엇인가요?"),  # compound found by its parts
        ("커뮤니티를", "커뮤니티 약속은 무엇인가요?"),  # particle attached
        ("홍보", "제 가게나 제품을 홍보해도 되나요?"),
        ("카페인", "카페인이 적은 차가 있나요?"),
        ("냉침", "냉침 녹차로 여름 나기"),
    ],
)
def test_korean_queries_find_what_a_reader_expects(query, expected_first):
    found = titles(query)
    assert found, query
    if expected_first:
        assert found[0] == expected_first, found


def test_two_syllable_nouns_are_found():
    assert "단골이 만드는 가게" in titles("단골")
    assert "질문에는 누가 답하나요?" in titles("고객")  # 고객지원 팀
    assert set(titles("배송")) >= {"배송은 얼마나 걸리나요?", "해외로도 보내 주시나요?"}


def test_a_synonym_finds_the_word_the_content_uses():
    # The content says 후기; visitors often type 리뷰.
    assert titles("리뷰")[0] == "후기를 남기면 어떤 점이 좋은가요?"
    assert "배송은 얼마나 걸리나요?" in titles("택배")


def test_mixed_korean_and_english_queries():
    assert titles("호지차 latte") == ["호지차 맛있게 우리는 법"]
    assert "망원 호지차" in titles("hojicha")


def test_english_queries_are_stemmed():
    assert titles("delivery", "en")[0] == "How long does delivery take?"
    assert titles("deliveries", "en")[0] == "How long does delivery take?"
    assert "Thursday is roasting day" in titles("roasted", "en")
    assert "How long does delivery take?" in titles("shipping", "en")


def test_title_matches_rank_above_body_matches():
    found = titles("water temperature", "en")
    assert found[0] == "What water temperature should I use?"


def test_results_are_in_the_requested_language_only():
    korean = search("hojicha", "ko")
    english = search("hojicha", "en")
    assert {hit.locale for hit in korean.hits} == {"ko"}
    assert {hit.locale for hit in english.hits} == {"en"}
    assert all(hit.url.startswith("/en/") for hit in english.hits)


def test_each_result_has_the_promised_fields():
    hits = search("배송").hits
    hit = hits[0]
    assert hit.doc_type == "faq"
    assert hit.url.startswith("/ko/faq/")
    assert hit.title_html == "<mark>배송</mark>은 얼마나 걸리나요?"
    assert any("<mark>배송</mark>" in other.snippet for other in hits)
    assert hit.date is not None
    assert hit.score > 0
    assert set(hit.as_json()) == {"type", "title", "url", "snippet", "locale", "date", "score"}


def test_facets_count_types_and_categories_and_filter_by_type():
    results = search("호지차")
    assert results.facets["type"]["product"] >= 1
    assert results.facets["type"]["story"] >= 2
    only_products = search("호지차", types=("product",))
    assert {hit.doc_type for hit in only_products.hits} == {"product"}
    assert only_products.total == results.facets["type"]["product"]
    assert only_products.facets["type"] == results.facets["type"]  # to switch between types
    assert "망원 호지차" in only_products.facets["product"]
    assert "가이드와 팁" in search("호지차", types=("story",)).facets["category"]


@pytest.mark.parametrize(
    ("query", "locale", "suggestion"),
    [
        ("배숑", "ko", "배송"),
        ("배숑은", "ko", "배송은"),
        ("커뮤니디", "ko", "커뮤니티"),
        ("hojica", "en", "hojicha"),
        ("delivary time", "en", "delivery time"),
    ],
)
def test_typos_get_a_did_you_mean_suggestion(query, locale, suggestion):
    assert search(query, locale).suggestion == suggestion


def test_no_suggestion_for_a_correct_query():
    assert search("배송").suggestion is None


def test_paging():
    first = search("차", page_size=3)
    second = search("차", page_size=3, page=2)
    assert first.total > 6
    assert len(first.hits) == len(second.hits) == 3
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_a_query_with_no_content_words_finds_nothing_without_error():
    assert search("은는이가").total == 0
    assert search("the of").total == 0


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("호지", "ko", "망원 호지차"),
        ("배송", "ko", "배송은 얼마나 걸리나요?"),
        ("deliv", "en", "How long does delivery take?"),
        ("moon", "en", "Moonlight Black Tea"),
    ],
)
def test_autocomplete_completes_titles(text, locale, expected):
    suggestions = get_backend().suggest(text, locale=locale, audiences=(PUBLIC,))
    assert expected in [s.title for s in suggestions]


def test_members_audience_is_a_superset():
    assert search("단골", audiences=(PUBLIC, MEMBERS)).total >= search("단골").total
