"""The Elasticsearch backend's mappings, analyzers and query bodies, as elasticsearch-dsl
builds them; no cluster needed."""

from unittest import mock

import pytest

from search.backends import elasticsearch as es
from search.documents import MEMBERS, PUBLIC, IndexDocument, SearchRequest


def index_body(locale, nori=True):
    return es.document_class(locale, prefix="dangol", nori=nori)._index.to_dict()


def test_korean_index_uses_nori_with_mixed_decompounding_and_the_brand_dictionary():
    body = index_body("ko")
    analysis = body["settings"]["analysis"]
    mixed = analysis["tokenizer"]["dangol_nori_mixed"]
    assert mixed["type"] == "nori_tokenizer"
    assert mixed["decompound_mode"] == "mixed"
    assert "소담" in mixed["user_dictionary_rules"]
    assert "망원호지차 망원 호지차" in mixed["user_dictionary_rules"]
    assert analysis["tokenizer"]["dangol_nori_discard"]["decompound_mode"] == "discard"
    pos = analysis["filter"]["dangol_ko_pos"]
    assert pos["type"] == "nori_part_of_speech"
    assert {"J", "E", "XSV"} <= set(pos["stoptags"])  # particles, endings, suffixes
    assert not {"NNG", "NNP", "VV", "VA"} & set(pos["stoptags"])
    assert analysis["analyzer"]["dangol_korean"]["filter"] == [
        "dangol_ko_pos", "nori_readingform", "lowercase"
    ]  # fmt: skip


def test_synonyms_apply_at_search_time_only():
    analysis = index_body("ko")["settings"]["analysis"]
    synonyms = analysis["filter"]["dangol_ko_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "후기, 리뷰" in synonyms["synonyms"]
    assert "dangol_ko_synonyms" in analysis["analyzer"]["dangol_korean_search"]["filter"]
    assert "dangol_ko_synonyms" not in analysis["analyzer"]["dangol_korean"]["filter"]


def test_fields_and_boostable_text():
    properties = index_body("ko")["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "dangol_korean"
    assert properties["title"]["search_analyzer"] == "dangol_korean_search"
    assert properties["title"]["fields"]["suggest"]["type"] == "search_as_you_type"
    for name in ("type", "locale", "audience", "category", "product", "key"):
        assert properties[name]["type"] == "keyword"
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["date"]["type"] == "date"
    assert properties["body"]["copy_to"] == "spell"


def test_without_nori_korean_falls_back_to_the_cjk_analyzer():
    body = index_body("ko", nori=False)
    title = body["mappings"]["properties"]["title"]
    assert title["analyzer"] == title["search_analyzer"] == "cjk"
    assert "nori" not in str(body["settings"])


def test_english_uses_the_english_analyzer_and_stems_search_terms():
    body = index_body("en")
    title = body["mappings"]["properties"]["title"]
    assert title["analyzer"] == "english"
    search_filters = body["settings"]["analysis"]["analyzer"]["dangol_english_search"]["filter"]
    assert search_filters[-1] == "dangol_en_stemmer"
    assert "dangol_en_synonyms" in search_filters


def test_indexes_are_named_after_the_alias_of_each_language():
    assert es.document_class("ko", prefix="shop", nori=True)._index._name == "shop-ko"
    assert es.document_class("en", prefix="shop", nori=True)._index._name == "shop-en"


def test_search_body_boosts_filters_highlights_facets_and_suggests():
    request = SearchRequest(query="가짜 리뷰", locale="ko", types=("faq",), page=3, page_size=10)
    body = es.build_search(request, index="dangol-ko").to_dict()
    bool_query = body["query"]["bool"]
    should = bool_query["must"][0]["bool"]["should"]
    assert should[0]["multi_match"] == {
        "query": "가짜 리뷰",
        "fields": ["title^3", "summary^2", "body^1"],
        "operator": "and",
        "boost": 2,
    }
    assert "operator" not in should[1]["multi_match"]
    assert bool_query["filter"] == [{"terms": {"audience": [PUBLIC]}}]
    assert body["post_filter"] == {"terms": {"type": ["faq"]}}
    assert body["aggs"]["type"] == {"terms": {"field": "type", "size": 20}}
    assert body["aggs"]["filtered"]["filter"] == {"terms": {"type": ["faq"]}}
    assert set(body["aggs"]["filtered"]["aggs"]) == {"category", "product"}
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"
    assert set(body["highlight"]["fields"]) == {"title", "summary", "body"}
    phrase = body["suggest"]["did_you_mean"]["phrase"]
    assert phrase["field"] == "spell"
    assert "collate" in phrase
    assert (body["from"], body["size"]) == (20, 10)
    assert body["_source"] == {"excludes": ["body", "spell"]}


def test_members_search_includes_members_only_documents():
    request = SearchRequest(query="단골", locale="ko", audiences=(PUBLIC, MEMBERS))
    body = es.build_search(request, index="dangol-ko").to_dict()
    assert body["query"]["bool"]["filter"] == [{"terms": {"audience": [PUBLIC, MEMBERS]}}]
    assert "post_filter" not in body


def test_autocomplete_body_is_search_as_you_type():
    body = es.build_autocomplete("호지", index="dangol-ko", audiences=(PUBLIC,), limit=5).to_dict()
    match = body["query"]["bool"]["must"][0]["multi_match"]
    assert match["type"] == "bool_prefix"
    assert match["fields"] == ["title.suggest", "title.suggest._2gram", "title.suggest._3gram"]
    assert body["size"] == 5


def test_client_gives_up_within_two_seconds_with_at_most_one_retry(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    settings.ELASTICSEARCH_TIMEOUT = 30
    with mock.patch.object(es, "Elasticsearch") as client_class:
        es.make_client()
    kwargs = client_class.call_args.kwargs
    assert kwargs["request_timeout"] <= 2
    assert kwargs["max_retries"] == 1


def test_rebuild_fills_a_new_index_then_swaps_the_alias():
    client = mock.MagicMock()
    client.cat.plugins.return_value = [{"component": "analysis-nori"}]
    client.indices.get_alias.return_value = {"dangol-ko-old": {}}
    backend = es.ElasticsearchBackend(client, prefix="dangol")
    document = IndexDocument(key="page:1", doc_type="faq", locale="ko", title="배송", url="/ko/")
    with mock.patch.object(es.helpers, "bulk", return_value=(1, [])) as bulk:
        assert backend.rebuild([document], locale="ko") == 1
    new_index = client.indices.create.call_args.kwargs["index"]
    assert new_index.startswith("dangol-ko-")
    assert list(bulk.call_args.args[1])[0]["_index"] == new_index
    client.indices.update_aliases.assert_called_once_with(
        actions=[
            {"remove": {"index": "dangol-ko-old", "alias": "dangol-ko"}},
            {"add": {"index": new_index, "alias": "dangol-ko"}},
        ]
    )
    client.indices.delete.assert_called_once_with(index="dangol-ko-old", ignore_unavailable=True)


def test_a_missing_nori_plugin_is_announced(caplog):
    client = mock.MagicMock()
    client.cat.plugins.return_value = [{"component": "analysis-icu"}]
    es.ElasticsearchBackend(client, prefix="dangol").announce()
    assert "analysis-nori plugin is missing" in caplog.text


@pytest.mark.parametrize("nori", [True, False])
def test_health_names_the_korean_analyzer(nori):
    client = mock.MagicMock()
    client.cat.plugins.return_value = [{"component": "analysis-nori"}] if nori else []
    client.cluster.health.return_value = {"status": "green"}
    health = es.ElasticsearchBackend(client, prefix="dangol").health()
    assert health.startswith("elasticsearch (green")
    assert ("nori" in health) and (("missing" in health) is not nori)
