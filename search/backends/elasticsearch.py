"""The Elasticsearch backend, built with elasticsearch-dsl.

One index per language behind an alias (``<prefix>-ko``, ``<prefix>-en``); a rebuild fills a
new index and swaps the alias, so searches never see a half-built index. Korean uses the
``analysis-nori`` plugin (mixed decompounding, a part-of-speech filter that drops particles
and endings, a user dictionary of the brand's names, synonyms at search time); without the
plugin the built-in ``cjk`` analyzer is used and the backend says so when it starts.

The client reaches one node or a cluster (``client_options``: several nodes, a user name and
password or an API key, a private certificate authority); new indexes get the configured
shards and replicas (``index_settings``).
"""

import datetime
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import elastic_transport
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch_dsl import (
    Date,
    Document,
    Keyword,
    Q,
    Search,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from ..documents import Hit, IndexDocument, SearchRequest, SearchResults, Suggestion
from ..synonyms import SYNONYMS
from . import Progress, SearchUnavailable

logger = logging.getLogger(__name__)

MAX_TIMEOUT = 2.0
SNIPPET_CHARS = 200
BOOSTS = {"title": 3, "summary": 2, "body": 1}

# Brand and product names that nori must keep whole (mecab-ko-dic would split 망원호지차).
USER_DICTIONARY = [
    "소담",
    "소담티로스터리 소담 티 로스터리",
    "망원호지차 망원 호지차",
    "첫물녹차 첫물 녹차",
    "달빛홍차 달빛 홍차",
    "호지차 호지 차",
    "단골",
]
# nori_part_of_speech stoptags: particles (J*), endings (E*), affixes, determiners,
# interjections, punctuation and unknown symbols; nouns, verbs, adjectives, roots stay.
STOPTAGS = [
    "E", "IC", "J", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN",
    "XSV", "UNA", "NA", "VSV", "VCP", "VCN", "VX",
]  # fmt: skip
ERRORS = (elastic_transport.TransportError, ApiError)


def synonym_rules() -> list[str]:
    return [", ".join(group) for group in SYNONYMS]


def language_analyzers(locale: str, *, nori: bool) -> dict[str, Any]:
    """The index-time and search-time analyzers of one language."""
    if locale == "ko":
        if not nori:
            return {"index": "cjk", "search": "cjk"}
        pos = token_filter("dangol_ko_pos", "nori_part_of_speech", stoptags=STOPTAGS)
        synonyms = token_filter(
            "dangol_ko_synonyms", "synonym_graph", synonyms=synonym_rules(), lenient=True
        )

        def nori_tokenizer(mode: str):
            return tokenizer(
                f"dangol_nori_{mode}",
                "nori_tokenizer",
                decompound_mode=mode,
                discard_punctuation=True,
                user_dictionary_rules=USER_DICTIONARY,
            )

        return {
            "index": analyzer(
                "dangol_korean",
                tokenizer=nori_tokenizer("mixed"),
                filter=[pos, "nori_readingform", "lowercase"],
            ),
            # Searching by the parts of a compound matches both forms that mixed indexing kept.
            "search": analyzer(
                "dangol_korean_search",
                tokenizer=nori_tokenizer("discard"),
                filter=[pos, "nori_readingform", "lowercase", synonyms],
            ),
        }
    synonyms = token_filter(
        "dangol_en_synonyms", "synonym_graph", synonyms=synonym_rules(), lenient=True
    )
    return {
        "index": "english",
        "search": analyzer(
            "dangol_english_search",
            tokenizer="standard",
            filter=[
                token_filter("dangol_en_possessive", "stemmer", language="possessive_english"),
                "lowercase",
                token_filter("dangol_en_stop", "stop", stopwords="_english_"),
                synonyms,
                token_filter("dangol_en_stemmer", "stemmer", language="english"),
            ],
        ),
    }


SPELL_ANALYZER = analyzer(
    "dangol_spell",
    tokenizer="standard",
    filter=["lowercase", token_filter("dangol_shingle", "shingle", min_shingle_size=2)],
)


DEFAULT_INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def document_class(
    locale: str, *, prefix: str, nori: bool, index_settings: dict[str, int] | None = None
) -> type[Document]:
    """The elasticsearch-dsl Document of one language; its index is the language's alias."""
    analyzers = language_analyzers(locale, nori=nori)

    def text(**kwargs) -> Text:
        return Text(analyzer=analyzers["index"], search_analyzer=analyzers["search"], **kwargs)

    attributes = {
        "key": Keyword(),
        "type": Keyword(),
        "locale": Keyword(),
        "audience": Keyword(),
        "title": text(
            copy_to="spell",
            fields={"suggest": SearchAsYouType(analyzer=analyzers["index"], max_shingle_size=3)},
        ),
        "summary": text(copy_to="spell"),
        "body": text(copy_to="spell"),
        "spell": Text(analyzer=SPELL_ANALYZER),
        "url": Keyword(index=False),
        "date": Date(),
        "category": Keyword(),
        "product": Keyword(),
        "parent_title": Keyword(index=False),
        "parent_url": Keyword(index=False),
        "fingerprint": Keyword(index=False),
        "Index": type(
            "Index",
            (),
            {
                "name": f"{prefix}-{locale}",
                "settings": dict(index_settings or DEFAULT_INDEX_SETTINGS),
            },
        ),
    }
    return type(f"KnowledgeDocument_{locale}", (Document,), attributes)


def build_search(request: SearchRequest, *, index: str) -> Search:
    """The query: every word (ranked first) or some words, title above summary above body;
    the type filter as a post filter so that the type facet still counts every type."""
    fields = [f"{name}^{boost}" for name, boost in BOOSTS.items()]
    matching = Q(
        "bool",
        should=[
            Q("multi_match", query=request.query, fields=fields, operator="and", boost=2),
            Q("multi_match", query=request.query, fields=fields),
        ],
        minimum_should_match=1,
    )
    search = (
        Search(index=index)
        .query(Q("bool", must=[matching], filter=[Q("terms", audience=list(request.audiences))]))
        .source(excludes=["body", "spell"])
        .highlight("title", number_of_fragments=0)
        .highlight("summary", "body", fragment_size=SNIPPET_CHARS, number_of_fragments=1)
        .highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
        .suggest(
            "did_you_mean",
            request.query,
            phrase={
                "field": "spell",
                "size": 1,
                "direct_generator": [{"field": "spell", "suggest_mode": "popular"}],
                "collate": {"query": {"source": {"match": {"spell": "{{suggestion}}"}}}},
            },
        )
        .extra(track_total_hits=True)
    )
    search.aggs.bucket("type", "terms", field="type", size=20)
    type_filter = Q("terms", type=list(request.types)) if request.types else Q("match_all")
    filtered = search.aggs.bucket("filtered", "filter", filter=type_filter)
    filtered.bucket("category", "terms", field="category", size=20)
    filtered.bucket("product", "terms", field="product", size=20)
    if request.types:
        search = search.post_filter(type_filter)
    return search[request.offset : request.offset + request.page_size]


def build_autocomplete(
    text: str, *, index: str, audiences: tuple[str, ...], limit: int, types: tuple[str, ...] = ()
) -> Search:
    filters = [Q("terms", audience=list(audiences))]
    if types:
        filters.append(Q("terms", type=list(types)))
    return (
        Search(index=index)
        .query(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=text,
                        type="bool_prefix",
                        fields=["title.suggest", "title.suggest._2gram", "title.suggest._3gram"],
                    )
                ],
                filter=filters,
            )
        )
        .source(["title", "url", "type"])[:limit]
    )


def _source(document: IndexDocument) -> dict[str, Any]:
    return {
        "key": document.key,
        "type": document.doc_type,
        "locale": document.locale,
        "audience": document.audience,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
        "category": document.category or None,
        "product": document.product or None,
        "parent_title": document.parent_title,
        "parent_url": document.parent_url,
        "fingerprint": document.fingerprint,
    }


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        client: Elasticsearch,
        *,
        prefix: str,
        index_settings: dict[str, int] | None = None,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.index_settings = index_settings or DEFAULT_INDEX_SETTINGS
        self._nori: bool | None = None

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        backend = cls(
            make_client(),
            prefix=settings.ELASTICSEARCH_INDEX_PREFIX,
            index_settings=index_settings(),
        )
        backend.announce()
        return backend

    def alias(self, locale: str) -> str:
        return f"{self.prefix}-{locale}"

    # Analysis ----------------------------------------------------------------------------

    def has_nori(self) -> bool:
        if self._nori is None:
            plugins = self.client.cat.plugins(format="json")
            self._nori = any(p.get("component") == "analysis-nori" for p in plugins)
        return self._nori

    def announce(self) -> None:
        """Say at start-up which Korean analyzer the cluster offers."""
        try:
            nori = self.has_nori()
        except ERRORS as error:
            logger.warning("Elasticsearch at start-up: not answering (%s).", error)
            return
        if nori:
            logger.info("Elasticsearch: Korean is analysed by nori.")
        else:
            logger.warning(
                "Elasticsearch: the analysis-nori plugin is missing, so Korean uses the built-in "
                "cjk analyzer (bigrams: weaker for particles and compounds). Install it with "
                "`bin/elasticsearch-plugin install analysis-nori` and rebuild the index."
            )

    def document_class(self, locale: str) -> type[Document]:
        return document_class(
            locale, prefix=self.prefix, nori=self.has_nori(), index_settings=self.index_settings
        )

    # Writes ------------------------------------------------------------------------------

    def _call(self, operation, *args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except ERRORS as error:
            raise SearchUnavailable(f"Elasticsearch: {error}") from error

    def index(self, documents: Iterable[IndexDocument]) -> None:
        actions = [
            {"_index": self.alias(d.locale), "_id": d.key, "_source": _source(d)} for d in documents
        ]
        if actions:
            self._call(helpers.bulk, self.client, actions, refresh="wait_for")

    def remove(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        indices = ",".join(self.alias(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        self._call(
            self.client.delete_by_query,
            index=indices,
            query={"terms": {"key": keys}},
            refresh=True,
            ignore_unavailable=True,
            allow_no_indices=True,
        )

    def rebuild(
        self, documents: Iterable[IndexDocument], *, locale: str, progress: Progress | None = None
    ) -> int:
        """Fill a new index, then point the alias at it in one step and drop the old ones."""
        alias = self.alias(locale)
        name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1000:03d}"
        index = self._call(self.document_class, locale)._index.clone(name=name)
        self._call(index.create, using=self.client)

        def actions() -> Iterator[dict]:
            for document in documents:
                if progress:
                    progress(1)
                yield {"_index": name, "_id": document.key, "_source": _source(document)}

        count, _errors = self._call(helpers.bulk, self.client, actions(), chunk_size=500)
        self._call(self.client.indices.refresh, index=name)
        old = list(self._call(self.client.indices.get_alias, name=alias, ignore_unavailable=True))
        swap = [{"remove": {"index": o, "alias": alias}} for o in old]
        swap.append({"add": {"index": name, "alias": alias}})
        self._call(self.client.indices.update_aliases, actions=swap)
        for old_index in old:
            self._call(self.client.indices.delete, index=old_index, ignore_unavailable=True)
        return count

    # Reads -------------------------------------------------------------------------------

    def fingerprints(self, *, locale: str) -> dict[str, str]:
        search = Search(using=self.client, index=self.alias(locale)).source(["fingerprint"])
        hits = self._call(lambda: list(search.params(ignore_unavailable=True).scan()))
        return {hit.meta.id: hit.fingerprint for hit in hits}

    def counts(self, *, locale: str) -> dict[str, int]:
        search = Search(using=self.client, index=self.alias(locale)).extra(size=0)
        search.aggs.bucket("type", "terms", field="type", size=50)
        response = self._call(search.params(ignore_unavailable=True).execute)
        if not hasattr(response.aggregations, "type"):
            return {}
        return {bucket.key: bucket.doc_count for bucket in response.aggregations.type.buckets}

    def health(self) -> str:
        health = self._call(self.client.cluster.health)
        analyser = "nori" if self.has_nori() else "cjk (analysis-nori missing)"
        return f"elasticsearch ({health['status']}, Korean: {analyser})"

    def pending(self) -> int:
        return 0

    def replay(self) -> int:
        return 0

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        search = build_search(request, index=self.alias(request.locale)).using(self.client)
        response = self._call(search.execute)
        results = SearchResults(request=request, backend=self.name)
        results.total = response.hits.total.value
        results.hits = [self._hit(hit) for hit in response.hits]
        aggregations = response.aggregations
        results.facets = {
            "type": {b.key: b.doc_count for b in aggregations.type.buckets},
            "category": {b.key: b.doc_count for b in aggregations.filtered.category.buckets},
            "product": {b.key: b.doc_count for b in aggregations.filtered.product.buckets},
        }
        options = response.suggest.did_you_mean[0].options if response.suggest else []
        if options and options[0].text != request.query.lower():
            results.suggestion = options[0].text
        results.took_ms = round((time.perf_counter() - started) * 1000)
        return results

    @staticmethod
    def _hit(hit) -> Hit:
        highlight = getattr(hit.meta, "highlight", None)

        def fragment(name: str) -> str | None:
            if highlight is not None and name in highlight:
                return mark_safe(highlight[name][0])  # noqa: S308 - escaped by the html encoder
            return None

        summary = getattr(hit, "summary", "") or ""
        return Hit(
            key=hit.meta.id,
            doc_type=hit.type,
            title=hit.title,
            title_html=fragment("title") or escape(hit.title),
            url=hit.url,
            snippet=fragment("summary") or fragment("body") or escape(summary[:SNIPPET_CHARS]),
            locale=hit.locale,
            date=_date(getattr(hit, "date", None)),
            score=hit.meta.score or 0.0,
            parent_title=getattr(hit, "parent_title", "") or "",
            parent_url=getattr(hit, "parent_url", "") or "",
        )

    def suggest(
        self,
        text: str,
        *,
        locale: str,
        audiences: tuple[str, ...],
        limit: int = 8,
        types: tuple[str, ...] = (),
    ) -> list[Suggestion]:
        search = build_autocomplete(
            text, index=self.alias(locale), audiences=audiences, limit=limit, types=types
        ).using(self.client)
        response = self._call(search.execute)
        return [
            Suggestion(key=h.meta.id, title=h.title, url=h.url, doc_type=h.type)
            for h in response.hits
        ]


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def client_options() -> dict[str, Any]:
    """The client's nodes, credentials and TLS settings from the ``ELASTICSEARCH_*`` settings.

    ``ELASTICSEARCH_URL`` names one node or several, comma-separated (the client spreads the
    requests over them and leaves a failed node aside for a while). Credentials are a user name
    and password or an API key (as Kibana shows it, encoded, or ``id:key``), never both.
    """
    hosts = [host.strip() for host in settings.ELASTICSEARCH_URL.split(",") if host.strip()]
    if not hosts:
        raise ImproperlyConfigured("ELASTICSEARCH_URL names no Elasticsearch node.")
    options: dict[str, Any] = {
        "hosts": hosts,
        "request_timeout": min(settings.ELASTICSEARCH_TIMEOUT, MAX_TIMEOUT),
        "max_retries": 1,
        "retry_on_timeout": True,
    }
    username = settings.ELASTICSEARCH_USERNAME
    password = settings.ELASTICSEARCH_PASSWORD
    api_key = settings.ELASTICSEARCH_API_KEY
    if api_key and (username or password):
        raise ImproperlyConfigured(
            "Set ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD, "
            "not both."
        )
    if bool(username) != bool(password):
        raise ImproperlyConfigured(
            "ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD must be set together."
        )
    if username:
        options["basic_auth"] = (username, password)
    if api_key:
        options["api_key"] = tuple(api_key.split(":", 1)) if ":" in api_key else api_key
    if settings.ELASTICSEARCH_CA_CERTS:
        if not Path(settings.ELASTICSEARCH_CA_CERTS).is_file():
            raise ImproperlyConfigured(
                f"ELASTICSEARCH_CA_CERTS: {settings.ELASTICSEARCH_CA_CERTS} is not a file."
            )
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if not settings.ELASTICSEARCH_VERIFY_CERTS:
        options["verify_certs"] = False  # the client warns that this is insecure
    return options


def make_client() -> Elasticsearch:
    """A client that gives up quickly: at most 2 s per request and at most one retry."""
    try:
        return Elasticsearch(**client_options())
    except ValueError as error:  # a node address without scheme or port, TLS options on http
        raise ImproperlyConfigured(f"ELASTICSEARCH_URL: {error}") from error


def index_settings() -> dict[str, int]:
    """Shards and replicas of the indexes the backend creates (``ELASTICSEARCH_SHARDS``,
    ``ELASTICSEARCH_REPLICAS``); a rebuild creates a new index, so a change applies there."""
    shards, replicas = settings.ELASTICSEARCH_SHARDS, settings.ELASTICSEARCH_REPLICAS
    if shards < 1 or replicas < 0:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_SHARDS must be at least 1 and ELASTICSEARCH_REPLICAS at least 0 "
            f"(got {shards} and {replicas})."
        )
    return {"number_of_shards": shards, "number_of_replicas": replicas}
