"""Words a visitor may type for what the content calls otherwise (리뷰 for 후기, shipping for
delivery, hojicha in a Korean query). One list for both backends: the embedded backend expands
query terms with it, Elasticsearch gets it as a synonym filter."""

import functools

from .analysis import terms

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("후기", "리뷰"),
    ("배송", "택배", "배달"),
    ("반품", "환불"),
    ("호지차", "hojicha"),
    ("라테", "라떼", "latte"),
    ("카페인", "caffeine"),
    ("냉침", "콜드브루"),
    ("소담", "sodam"),
    ("delivery", "shipping", "postage"),
    ("refund", "return"),
    ("review", "feedback"),
)


Alternative = tuple[str, ...]  # terms that must all match


@functools.cache
def _expansions() -> dict[str, frozenset[Alternative]]:
    """Each single analysed term → the term sequences of its synonyms. A synonym that is
    analysed into several terms (호지차 → 호지 + 차) matches when all of them do."""
    expansions: dict[str, set[Alternative]] = {}
    for group in SYNONYMS:
        alternatives = [tuple(terms(word, for_query=True)) for word in group]
        for alternative in alternatives:
            if len(alternative) == 1:
                expansions.setdefault(alternative[0], set()).update(alternatives)
    return {term: frozenset(found) for term, found in expansions.items()}


def expand(term: str) -> list[Alternative]:
    """The term itself first, then its synonyms."""
    others = _expansions().get(term, frozenset()) - {(term,)}
    return [(term,), *sorted(others)]
