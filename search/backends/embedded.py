"""The embedded backend: the site's own database, Korean-aware through our analyser.

Documents are analysed in Python (``search.analysis``) and stored in ``SearchDocument``; the
database indexes the analysed terms: an FTS5 table ranked by BM25 on SQLite, a weighted
``tsvector`` ranked by ``ts_rank`` on PostgreSQL. Both give the same result shape, a title
ranked above the summary above the body, snippets, facets, "did you mean" and autocomplete.

A search is two queries whatever the number of matches: one scores the matches once and
returns the requested page (ordered and cut by the database) with the facets (counts per type,
category and product); the other reads the texts of that page's documents only.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Count, F
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .. import analysis
from ..documents import Hit, IndexDocument, SearchRequest, SearchResults, Suggestion
from ..highlight import highlight
from ..models import SearchDocument, SearchTerm
from ..synonyms import expand
from . import Progress

BATCH_SIZE = 500
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 2.0, 1.0  # PostgreSQL's ts_rank weights
TITLE_BOOST = 3.0  # SQLite: a title match counts three times a summary-and-body match
# The words the visitor typed, found in a title, lift it above a title that only holds one of
# their synonyms (up to this fraction, when every typed word is there).
TYPED_WORDS_IN_TITLE_BONUS = 0.25
FACET_FIELDS = ("type", "category", "product")
UPSERT_FIELDS = [
    field.name for field in SearchDocument._meta.concrete_fields if field.name not in {"id", "key"}
]
HIT_FIELDS = (
    "key", "doc_type", "title", "url", "summary", "body", "locale", "date", "parent_title",
    "parent_url",
)  # fmt: skip
Groups = list[list[tuple[str, ...]]]  # every group must match, through one of its alternatives


def _groups(query: str, locale: str) -> Groups:
    """The query's terms, each with its synonyms as alternatives. Korean synonyms of an
    English word are left out of searches in other languages: their pages hold no Korean,
    and common Korean terms (차) would only slow the search down."""
    groups = []
    for term in analysis.query_terms(query):
        alternatives = expand(term)
        if locale != "ko":
            alternatives = [alternatives[0]] + [
                a for a in alternatives[1:] if not any(analysis.is_hangul(t) for t in a)
            ]
        groups.append(alternatives)
    return groups


def _batches(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _row(document: IndexDocument) -> tuple[SearchDocument, dict[str, str]]:
    """The stored row, and a readable word for each term of the title and summary (the stem
    "deliveri" is written "delivery"), for "did you mean"."""
    surfaces: dict[str, str] = {}

    def analysed(text: str, *, keep_surfaces: bool) -> str:
        tokens = analysis.analyse(text)
        if keep_surfaces:
            shown = analysis.display_form(text)
            for token in tokens:
                surfaces.setdefault(token.term, shown[token.start : token.end].lower())
        return " ".join(token.term for token in tokens)

    row = SearchDocument(
        key=document.key,
        doc_type=document.doc_type,
        locale=document.locale,
        audience=document.audience,
        title=document.title[:255],
        summary=document.summary,
        body=document.body,
        url=document.url,
        date=document.date,
        category=document.category[:255],
        product=document.product[:255],
        parent_title=document.parent_title[:255],
        parent_url=document.parent_url,
        fingerprint=document.fingerprint,
        title_terms=analysed(document.title, keep_surfaces=True),
        summary_terms=analysed(document.summary, keep_surfaces=True),
        body_terms=analysed(document.body, keep_surfaces=False),
        title_prefix=" ".join(analysis.surface_words(document.title)),
    )
    return row, surfaces


def _vocabulary(row: SearchDocument) -> set[str]:
    return {
        term
        for text in (row.title_terms, row.summary_terms, row.body_terms)
        for term in text.split()
        if len(term) <= 100
    }


class _Engine:
    """The database-specific part: how to match, rank and autocomplete."""

    def fulltext(self, groups: Groups, *, any_group: bool) -> str:
        raise NotImplementedError

    def prefix(self, words: list[str]) -> str:
        raise NotImplementedError


class _SQLiteEngine(_Engine):
    vendor = "sqlite"

    @staticmethod
    def _quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    def fulltext(self, groups: Groups, *, any_group: bool) -> str:
        def alternative(terms: tuple[str, ...]) -> str:
            return "(" + " AND ".join(self._quote(t) for t in terms) + ")"

        joined = (" OR " if any_group else " AND ").join(
            "(" + " OR ".join(alternative(a) for a in group) + ")" for group in groups
        )
        return f"{{title_terms summary_terms body_terms}} : ({joined})"

    def prefix(self, words: list[str]) -> str:
        joined = " AND ".join(self._quote(w) + "*" for w in words)
        return f"{{title_terms title_prefix}} : ({joined})"

    def from_where(self, *, audiences: int, types: int) -> str:
        sql = (
            # CROSS JOIN keeps the full-text match as the outer loop (SQLite otherwise may
            # scan every document and test the match for each).
            " FROM search_fts CROSS JOIN search_searchdocument d ON d.id = search_fts.rowid"
            " WHERE search_fts MATCH %s AND d.locale = %s"
            f" AND d.audience IN ({', '.join(['%s'] * audiences)})"
        )
        if types:
            sql += f" AND d.doc_type IN ({', '.join(['%s'] * types)})"
        return sql

    # FTS5 weighs columns inside BM25's term-frequency saturation, so a title match would
    # count little more than a long body; score the title separately and add it, boosted.
    TITLE_SCORE = "bm25(search_fts, 1.0, 0.0, 0.0, 0.0)"  # negative: the better, the lower
    TEXT_SCORE = f"bm25(search_fts, 0.0, {SUMMARY_WEIGHT / BODY_WEIGHT}, 1.0, 0.0)"

    def score(self, match: str) -> tuple[str, list]:
        return f"-({TITLE_BOOST} * {self.TITLE_SCORE} + {self.TEXT_SCORE})", []

    def title_bonus(self, typed: list[tuple[str, ...]], bonus: float) -> tuple[str, list]:
        # Only a document whose title matched something can hold a typed word in its title:
        # the others never read their title's terms (stored after the long texts).
        found, params = _typed_in_title(typed, "instr(' ' || d.title_terms || ' ', %s) > 0")
        return (
            f"CASE WHEN {self.TITLE_SCORE} < 0"
            f" THEN 1.0 + {bonus} * ({found}) / {float(len(typed))} ELSE 1.0 END",
            params,
        )

    def prefix_score(self, match: str) -> tuple[str, list]:
        return "-bm25(search_fts, 1.0, 0.0, 0.0, 1.0)", []


class _PostgresEngine(_Engine):
    vendor = "postgresql"

    @staticmethod
    def _quote(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def fulltext(self, groups: Groups, *, any_group: bool) -> str:
        def alternative(terms: tuple[str, ...]) -> str:
            return "(" + " & ".join(f"{self._quote(t)}:ABC" for t in terms) + ")"

        return (" | " if any_group else " & ").join(
            "(" + " | ".join(alternative(a) for a in group) + ")" for group in groups
        )

    def prefix(self, words: list[str]) -> str:
        return " & ".join(f"{self._quote(w)}:*AD" for w in words)

    def from_where(self, *, audiences: int, types: int) -> str:
        sql = (
            " FROM search_searchdocument d"
            " WHERE d.search_vector @@ to_tsquery('simple', %s) AND d.locale = %s"
            f" AND d.audience IN ({', '.join(['%s'] * audiences)})"
        )
        if types:
            sql += f" AND d.doc_type IN ({', '.join(['%s'] * types)})"
        return sql

    def score(self, match: str) -> tuple[str, list]:
        # Weights for D (title words, autocomplete only), C (body), B (summary), A (title);
        # normalisation 1 divides by the log of the document length, as BM25 damps long ones.
        weights = f"{{0.0, {BODY_WEIGHT / TITLE_WEIGHT}, {SUMMARY_WEIGHT / TITLE_WEIGHT}, 1.0}}"
        rank = f"ts_rank('{weights}', d.search_vector, to_tsquery('simple', %s), 1)"
        return f"CAST({rank} AS double precision)", [match]  # ts_rank is single precision

    def title_bonus(self, typed: list[tuple[str, ...]], bonus: float) -> tuple[str, list]:
        found, params = _typed_in_title(typed, "strpos(' ' || d.title_terms || ' ', %s) > 0")
        # In double precision throughout (a literal such as 1.0 is a numeric otherwise).
        double = "AS double precision)"
        return (
            f"CAST(1 {double} + CAST({bonus} {double} * ({found}) / CAST({len(typed)} {double}",
            params,
        )

    def prefix_score(self, match: str) -> tuple[str, list]:
        weights = "{1.0, 0.0, 0.0, 1.0}"
        return f"ts_rank('{weights}', d.search_vector, to_tsquery('simple', %s))", [match]


def _typed_in_title(typed: list[tuple[str, ...]], contains: str) -> tuple[str, list]:
    """SQL counting the typed words (each one or more terms) found among the title's terms,
    with ``contains`` the database's test for one space-delimited term."""
    checks, params = [], []
    for terms in typed:
        checks.append("CAST((" + " AND ".join([contains] * len(terms)) + ") AS INTEGER)")
        params.extend(f" {term} " for term in terms)
    return " + ".join(checks), params


def _engine() -> _SQLiteEngine | _PostgresEngine:
    if connection.vendor == "sqlite":
        return _SQLiteEngine()
    if connection.vendor == "postgresql":
        return _PostgresEngine()
    raise ImproperlyConfigured(
        f"The embedded search backend supports SQLite and PostgreSQL, not {connection.vendor}."
    )


class EmbeddedBackend:
    name = "embedded"

    # Writes ------------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> None:
        for batch in _batches(documents):
            with transaction.atomic():
                self._index_batch(batch)

    def _index_batch(self, documents: list[IndexDocument]) -> None:
        documents = list({d.key: d for d in documents}.values())
        keys = [d.key for d in documents]
        old_rows = list(
            SearchDocument.objects.filter(key__in=keys).only(
                "key", "locale", "title_terms", "summary_terms", "body_terms"
            )
        )
        delta: dict[str, Counter] = defaultdict(Counter)
        for row in old_rows:
            delta[row.locale].subtract(_vocabulary(row))
        analysed = [_row(document) for document in documents]
        SearchDocument.objects.bulk_create(
            [row for row, _surfaces in analysed],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=UPSERT_FIELDS,
        )
        surfaces: dict[str, dict[str, str]] = defaultdict(dict)
        for row, row_surfaces in analysed:
            delta[row.locale].update(_vocabulary(row))
            for term, surface in row_surfaces.items():
                surfaces[row.locale].setdefault(term, surface)
        self._apply_vocabulary(delta, surfaces)

    def remove(self, keys: Iterable[str]) -> None:
        for batch in _batches(keys):
            with transaction.atomic():
                rows = list(
                    SearchDocument.objects.filter(key__in=batch).only(
                        "key", "locale", "title_terms", "summary_terms", "body_terms"
                    )
                )
                if not rows:
                    continue
                delta: dict[str, Counter] = defaultdict(Counter)
                for row in rows:
                    delta[row.locale].subtract(_vocabulary(row))
                SearchDocument.objects.filter(pk__in=[row.pk for row in rows]).delete()
                self._apply_vocabulary(delta, {})

    def _apply_vocabulary(
        self, delta: dict[str, Counter], surfaces: dict[str, dict[str, str]]
    ) -> None:
        for locale, counts in delta.items():
            changes = {term: change for term, change in counts.items() if change}
            if not changes:
                continue
            known = set(
                SearchTerm.objects.filter(locale=locale, term__in=changes).values_list(
                    "term", flat=True
                )
            )
            SearchTerm.objects.bulk_create(
                [
                    SearchTerm(
                        locale=locale,
                        term=term,
                        length=len(term),
                        documents=0,
                        surface=surfaces.get(locale, {}).get(term, term)[:100],
                    )
                    for term, change in changes.items()
                    if term not in known and change > 0
                ],
                ignore_conflicts=True,
            )
            by_change: dict[int, list[str]] = defaultdict(list)
            for term, change in changes.items():
                by_change[change].append(term)
            for change, terms in by_change.items():
                SearchTerm.objects.filter(locale=locale, term__in=terms).update(
                    documents=F("documents") + change
                )
            SearchTerm.objects.filter(locale=locale, documents__lte=0).delete()

    def rebuild(
        self, documents: Iterable[IndexDocument], *, locale: str, progress: Progress | None = None
    ) -> int:
        """Replace the index of ``locale`` in one transaction: searches see the old index
        until the new one is complete."""
        count = 0
        vocabulary: Counter = Counter()
        surfaces: dict[str, str] = {}
        with transaction.atomic():
            SearchDocument.objects.filter(locale=locale).delete()
            SearchTerm.objects.filter(locale=locale).delete()
            for batch in _batches(documents):
                analysed = [_row(document) for document in batch]
                SearchDocument.objects.bulk_create([row for row, _surfaces in analysed])
                for row, row_surfaces in analysed:
                    vocabulary.update(_vocabulary(row))
                    for term, surface in row_surfaces.items():
                        surfaces.setdefault(term, surface)
                count += len(analysed)
                if progress:
                    progress(len(analysed))
            SearchTerm.objects.bulk_create(
                (
                    SearchTerm(
                        locale=locale,
                        term=term,
                        length=len(term),
                        documents=documents_with_term,
                        surface=surfaces.get(term, term)[:100],
                    )
                    for term, documents_with_term in vocabulary.items()
                ),
                batch_size=2000,
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")  # fresh statistics for the planner
        return count

    # Reads -------------------------------------------------------------------------------

    def fingerprints(self, *, locale: str) -> dict[str, str]:
        return dict(SearchDocument.objects.filter(locale=locale).values_list("key", "fingerprint"))

    def counts(self, *, locale: str) -> dict[str, int]:
        rows = (
            SearchDocument.objects.filter(locale=locale)
            .values_list("doc_type")
            .order_by("doc_type")
            .annotate(n=Count("id"))
        )
        return dict(rows)

    def pending(self) -> int:
        return 0  # writes go to the site's own database in the same request

    def replay(self) -> int:
        return 0

    def health(self) -> str:
        engine = _engine()
        documents = SearchDocument.objects.count()
        return f"embedded ({engine.vendor}, {documents} documents)"

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        results = SearchResults(request=request, backend=self.name)
        groups = _groups(request.query, request.locale)
        if groups:
            self._search(request, groups, results, any_group=False)
            # When something has every word, every word is in the index: nothing to correct.
            typo_like = any(analysis.analysis_drops_syllables(w) for w in request.query.split())
            if not results.facets.get("type") or typo_like:
                results.suggestion = self.did_you_mean(request, typo_like=typo_like)
            if not results.facets.get("type") and not results.suggestion and len(groups) > 1:
                # Nothing has every word: rank what has some of them (BM25 sums the parts).
                self._search(request, groups, results, any_group=True)
        results.took_ms = round((time.perf_counter() - started) * 1000)
        return results

    def _search(
        self, request: SearchRequest, groups: Groups, results: SearchResults, *, any_group: bool
    ) -> None:
        """The database scores, orders and cuts the page and counts the facets; Python sees
        one row per result shown and one per (type, category, product), however many match."""
        engine = _engine()
        match = engine.fulltext(groups, any_group=any_group)
        page, facet_rows = self._rank(engine, match, request, typed=[group[0] for group in groups])
        facets: dict[str, Counter] = {name: Counter() for name in FACET_FIELDS}
        wanted_types, total = set(request.types), 0
        for doc_type, category, product, count in facet_rows:
            facets["type"][doc_type] += count
            if wanted_types and doc_type not in wanted_types:
                continue
            total += count
            if category:
                facets["category"][category] += count
            if product:
                facets["product"][product] += count
        results.total = total
        results.facets = {name: dict(counter.most_common()) for name, counter in facets.items()}
        rows = SearchDocument.objects.only(*HIT_FIELDS).in_bulk([pk for pk, _score in page])
        wanted = {term for group in groups for alternative in group for term in alternative}
        results.hits = [self._hit(rows[pk], score, wanted) for pk, score in page if pk in rows]

    @staticmethod
    def _rank(
        engine: "_SQLiteEngine | _PostgresEngine",
        match: str,
        request: SearchRequest,
        *,
        typed: list[tuple[str, ...]],
    ) -> tuple[list[tuple[int, float]], list[tuple[str, str, str, int]]]:
        """One pass over the matches, in one statement: the requested page as (id, score),
        best first, and the number of matches per (type, category, product). The matches are
        scored once, in a common table expression that both parts read."""
        audiences, types = list(request.audiences), list(request.types)
        score_sql, score_params = engine.score(match)
        bonus_sql, bonus_params = engine.title_bonus(typed, TYPED_WORDS_IN_TITLE_BONUS)
        of_types = f" WHERE doc_type IN ({', '.join(['%s'] * len(types))})" if types else ""
        matches = (
            "SELECT d.id AS id, d.doc_type AS doc_type, d.category AS category,"
            f" d.product AS product, ({score_sql}) * ({bonus_sql}) AS score"
            + engine.from_where(audiences=len(audiences), types=0)
        )
        # Only our own SQL fragments are formatted in; every value is a parameter.
        sql = (
            f"WITH matches AS ({matches})"  # noqa: S608
            " SELECT * FROM (SELECT id, NULL, NULL, NULL, score FROM matches"
            f"{of_types} ORDER BY score DESC, id LIMIT %s OFFSET %s) page"
            " UNION ALL SELECT NULL, doc_type, category, product, COUNT(*) FROM matches"
            " GROUP BY doc_type, category, product"
        )
        params = [
            *score_params,
            *bonus_params,
            match,
            request.locale,
            *audiences,
            *types,
            request.page_size,
            request.offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        page = [(pk, float(score)) for pk, _t, _c, _p, score in rows if pk is not None]
        facets = [(t, c, p, int(n)) for pk, t, c, p, n in rows if pk is None]
        return page, facets

    @staticmethod
    def _hit(row: SearchDocument, score: float, terms: set[str]) -> Hit:
        return Hit(
            key=row.key,
            doc_type=row.doc_type,
            title=row.title,
            title_html=highlight(row.title, terms, window=255),
            url=row.url,
            snippet=highlight(f"{row.summary} {row.body}", terms),
            locale=row.locale,
            date=row.date,
            score=float(score),
            parent_title=row.parent_title,
            parent_url=row.parent_url,
        )

    def did_you_mean(self, request: SearchRequest, *, typo_like: bool = False) -> str | None:
        """The query with each unknown word replaced by the nearest indexed word, when that
        finds something: 배숑 → 배송, 커뮤니디 → 커뮤니티, hojica → hojicha."""
        words = request.query.split()
        word_groups = {word: _groups(word, request.locale) for word in words}
        all_terms = {
            term
            for groups in word_groups.values()
            for group in groups
            for alternative in group
            for term in alternative
        }
        known = set(
            SearchTerm.objects.filter(locale=request.locale, term__in=all_terms).values_list(
                "term", flat=True
            )
        )

        def is_known(group: list[tuple[str, ...]]) -> bool:
            return any(all(term in known for term in alternative) for alternative in group)

        corrected, changed = [], False
        for word in words:
            dropped = typo_like and analysis.analysis_drops_syllables(word)
            if not dropped and all(is_known(group) for group in word_groups[word]):
                corrected.append(word)
                continue
            replacement = self._nearest(word, locale=request.locale)
            corrected.append(replacement or word)
            changed = changed or bool(replacement)
        suggestion = " ".join(corrected)
        if not changed or suggestion == request.query:
            return None
        return suggestion if self._exists(request, _groups(suggestion, request.locale)) else None

    @staticmethod
    def _exists(request: SearchRequest, groups: Groups) -> bool:
        """Whether anything matches every group (the cheap question: no ranking)."""
        if not groups:
            return False
        engine = _engine()
        audiences = list(request.audiences)
        sql = "SELECT 1" + engine.from_where(audiences=len(audiences), types=0) + " LIMIT 1"
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [engine.fulltext(groups, any_group=False), request.locale, *audiences]
            )
            return cursor.fetchone() is not None

    @staticmethod
    def _nearest(word: str, *, locale: str) -> str | None:
        if analysis.is_hangul(word):
            base, particle = analysis.strip_particle(word)
            target, spread = analysis.jamo(base), 1
        else:
            base, particle = word.lower(), ""
            target, spread = base, 2
        if not base:
            return None
        cutoff = 1 if len(target) <= 6 else 2
        candidates = list(
            SearchTerm.objects.filter(
                locale=locale,
                length__gte=max(1, len(base) - spread),
                length__lte=len(base) + spread,
            )
            .order_by("-documents")
            .values_list("term", "surface")
        )
        if not candidates:
            return None
        choices = (
            [analysis.jamo(term) for term, _surface in candidates]
            if analysis.is_hangul(word)
            else [surface for _term, surface in candidates]
        )
        match = process.extractOne(
            target, choices, scorer=Levenshtein.distance, score_cutoff=cutoff
        )
        if match is None or match[1] == 0:
            return None
        term, surface = candidates[match[2]]
        return (term if analysis.is_hangul(word) else surface) + particle

    def suggest(
        self,
        text: str,
        *,
        locale: str,
        audiences: tuple[str, ...],
        limit: int = 8,
        types: tuple[str, ...] = (),
    ) -> list[Suggestion]:
        words = analysis.surface_words(text)
        if not words:
            return []
        engine = _engine()
        match = engine.prefix(words)
        score_sql, score_params = engine.prefix_score(match)
        sql = (
            f"SELECT d.key, d.title, d.url, d.doc_type, {score_sql} AS score"
            + engine.from_where(audiences=len(audiences), types=len(types))
            + " ORDER BY score DESC, d.title LIMIT %s"
        )
        params = [*score_params, match, locale, *audiences, *types, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [
                Suggestion(key=key, title=title, url=url, doc_type=doc_type)
                for key, title, url, doc_type, _score in cursor.fetchall()
            ]
