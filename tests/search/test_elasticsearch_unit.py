"""The Elasticsearch backend's mappings, analyzers and query bodies, as elasticsearch-dsl
builds them; no cluster needed."""

import base64
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from elastic_transport import SecurityWarning

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


# A real cluster: nodes, credentials, TLS, shards and replicas ------------------------------


@pytest.fixture
def cluster(settings):
    """Settings of a secured three-node cluster, without credentials yet."""
    settings.ELASTICSEARCH_URL = (
        "https://es1.dangol.example:9200, https://es2.dangol.example:9200,"
        "https://es3.dangol.example:9243"
    )
    settings.ELASTICSEARCH_USERNAME = settings.ELASTICSEARCH_PASSWORD = ""
    settings.ELASTICSEARCH_API_KEY = settings.ELASTICSEARCH_CA_CERTS = ""
    settings.ELASTICSEARCH_VERIFY_CERTS = True
    return settings


def nodes(client):
    return sorted(
        (node.config.scheme, node.config.host, node.config.port)
        for node in client.transport.node_pool.all()
    )


def test_the_client_knows_every_node_of_the_cluster(cluster):
    assert nodes(es.make_client()) == [
        ("https", "es1.dangol.example", 9200),
        ("https", "es2.dangol.example", 9200),
        ("https", "es3.dangol.example", 9243),
    ]


def test_the_client_logs_in_with_a_user_name_and_password(cluster):
    cluster.ELASTICSEARCH_USERNAME, cluster.ELASTICSEARCH_PASSWORD = "dangol", "s3cret"
    expected = base64.b64encode(b"dangol:s3cret").decode()
    assert es.make_client()._headers["authorization"] == f"Basic {expected}"


@pytest.mark.parametrize(
    "api_key",
    [
        "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",  # as Kibana shows it
        "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw",  # id:key
    ],
)
def test_the_client_logs_in_with_an_api_key_encoded_or_as_id_and_key(cluster, api_key):
    cluster.ELASTICSEARCH_API_KEY = api_key
    encoded = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
    assert es.make_client()._headers["authorization"] == f"ApiKey {encoded}"


def test_the_client_trusts_the_named_certificate_authority(cluster, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    cluster.ELASTICSEARCH_CA_CERTS = str(ca)
    configs = [node.config for node in es.make_client().transport.node_pool.all()]
    assert {(config.ca_certs, config.verify_certs) for config in configs} == {(str(ca), True)}


def test_certificate_checks_can_be_turned_off_with_a_warning(cluster):
    cluster.ELASTICSEARCH_VERIFY_CERTS = False
    with pytest.warns(SecurityWarning, match="verify_certs=False is insecure"):
        client = es.make_client()
    assert not any(node.config.verify_certs for node in client.transport.node_pool.all())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"ELASTICSEARCH_USERNAME": "dangol", "ELASTICSEARCH_PASSWORD": "x",
             "ELASTICSEARCH_API_KEY": "key"},
            "not both",
        ),
        ({"ELASTICSEARCH_USERNAME": "dangol"}, "must be set together"),
        ({"ELASTICSEARCH_PASSWORD": "x"}, "must be set together"),
        ({"ELASTICSEARCH_CA_CERTS": "/nonexistent/ca.pem"}, "ELASTICSEARCH_CA_CERTS"),
        ({"ELASTICSEARCH_URL": "es1.dangol.example"}, "must include a 'scheme'"),
        ({"ELASTICSEARCH_URL": " , "}, "names no Elasticsearch node"),
    ],
)  # fmt: skip
def test_a_configuration_that_cannot_work_is_refused_with_a_clear_message(
    cluster, changes, message
):
    for name, value in changes.items():
        setattr(cluster, name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        es.make_client()


def test_indexes_get_the_configured_shards_and_replicas(settings):
    settings.ELASTICSEARCH_SHARDS, settings.ELASTICSEARCH_REPLICAS = 3, 2
    client = mock.MagicMock()
    client.cat.plugins.return_value = [{"component": "analysis-nori"}]
    client.indices.get_alias.return_value = {}
    with mock.patch.object(es, "make_client", return_value=client):
        backend = es.ElasticsearchBackend.from_settings()
    with mock.patch.object(es.helpers, "bulk", return_value=(0, [])):
        backend.rebuild([], locale="ko")
    created = client.indices.create.call_args.kwargs["body"]["settings"]
    assert (created["number_of_shards"], created["number_of_replicas"]) == (3, 2)
    assert "dangol_korean" in created["analysis"]["analyzer"]


def test_by_default_an_index_has_one_shard_and_no_replica():
    from django.conf import settings

    assert (settings.ELASTICSEARCH_SHARDS, settings.ELASTICSEARCH_REPLICAS) == (1, 0)
    body = es.document_class("en", prefix="dangol", nori=True)._index.to_dict()
    assert body["settings"]["number_of_shards"] == 1
    assert body["settings"]["number_of_replicas"] == 0


@pytest.mark.parametrize(("shards", "replicas"), [(0, 0), (1, -1)])
def test_impossible_shard_or_replica_counts_are_refused(settings, shards, replicas):
    settings.ELASTICSEARCH_SHARDS, settings.ELASTICSEARCH_REPLICAS = shards, replicas
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_SHARDS must be at least 1"):
        es.index_settings()
