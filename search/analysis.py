"""Text analysis for the embedded backend: Korean morphemes (mecab-ko-dic), English stems.

Korean runs through python-mecab-ko, whose dictionary is the one Elasticsearch's nori uses:
nouns, verb and adjective stems, roots and foreign words are kept; particles and endings are
dropped, so 커뮤니티를 gives 커뮤니티 and 가짜리뷰 gives 가짜 + 리뷰. Latin words inside any text go
through the Snowball English stemmer (roasting → roast). One analyser serves both languages,
which is what makes mixed queries (호지차 latte) work.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import mecab
import snowballstemmer
from mecab.utils import create_lattice

# Parts of speech (Sejong tags of mecab-ko-dic) whose morphemes carry meaning.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SH", "SN"})
# Stems too common to tell documents apart (하다, 되다, 있다, 없다, 않다, 이다…).
KOREAN_STOPWORDS = frozenset({"하", "되", "있", "없", "않", "이", "같", "그렇", "어떻"})
ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "s",
        "so",
        "t",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "ll",
        "re",
        "ve",
        "d",
        "m",
    ]
)
# Korean particles that may trail a word typed in a query (단골은, 커뮤니티를).
PARTICLES = (
    "에서는", "으로는", "에게서", "이라도", "에서", "에게", "으로", "까지", "부터", "보다", "처럼",
    "하고", "이랑", "이나", "은", "는", "이", "가", "을", "를", "에", "의", "도", "로", "와",
    "과", "랑", "만", "나", "요",
)  # fmt: skip
MAX_ANALYSED_CHARS = 50_000
_LATIN_WORD = re.compile(r"[0-9A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Token:
    term: str
    start: int
    end: int


@functools.cache
def _tagger() -> mecab.MeCab:
    return mecab.MeCab()


_english = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=20_000)
def stem_english(word: str) -> str:
    return _english.stemWord(word)


def _latin_tokens(surface: str, start: int) -> Iterable[Token]:
    for match in _LATIN_WORD.finditer(surface):
        word = match.group().lower()
        if word in ENGLISH_STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        yield Token(stem_english(word), start + match.start(), start + match.end())


def _expression_parts(expression: str) -> list[tuple[str, str]]:
    """ "고객/NNG/*+센터/NNG/*" → [("고객", "NNG"), ("센터", "NNG")]."""
    parts = []
    for part in expression.split("+"):
        fields = part.split("/")
        if len(fields) >= 2:
            parts.append((fields[0], fields[1]))
    return parts


def _morphemes(text: str) -> Iterator[tuple[str, int, int, str, str, str]]:
    """(surface, start, end, tag, type, expression) for each morpheme of ``text``.

    Reads mecab's text output in one call, which is several times faster than building a
    Python object per morpheme; spans are found by walking the text, as mecab skips only
    white space between morphemes.
    """
    lattice = create_lattice(text)
    if not _tagger()._tagger.parse(lattice):
        raise mecab.MeCabError(_tagger()._tagger.what())
    cursor = 0
    for line in lattice.to_string().split("\n"):
        surface, _, feature = line.partition("\t")
        if not feature:
            continue
        start = text.find(surface, cursor)
        if start < 0:
            continue
        end = cursor = start + len(surface)
        fields = feature.split(",")
        tag = fields[0]
        kind = fields[4] if len(fields) > 4 else "*"
        expression = fields[7] if len(fields) > 7 else "*"
        yield surface, start, end, tag, kind, expression


def display_form(text: str) -> str:
    """The text that token spans point into: NFKC-normalised (full-width letters become ASCII)."""
    return unicodedata.normalize("NFKC", text[:MAX_ANALYSED_CHARS])


def analyse(text: str, *, for_query: bool = False) -> list[Token]:
    """The terms of ``text`` (lower case) with their character spans in ``display_form(text)``.

    Compounds are indexed whole and by their parts (nori's ``decompound_mode: mixed``); a
    query keeps only the parts, which every indexed form of the compound contains (or the
    whole, when a part such as the 첫 of 첫물 is not a content word).
    """
    text = display_form(text)
    if not text.strip():
        return []
    tokens: list[Token] = []
    for surface, start, end, pos, kind, expression in _morphemes(text):
        if pos == "SL" or (pos == "SN" and _LATIN_WORD.fullmatch(surface)):
            tokens.extend(_latin_tokens(surface, start))
            continue
        if kind == "Compound" and expression != "*":
            parts = _expression_parts(expression)
            decomposable = all(tag in CONTENT_TAGS for _part, tag in parts)
            if not (for_query and decomposable):
                tokens.append(Token(surface.lower(), start, end))
            tokens.extend(Token(part, start, end) for part, tag in parts if tag in CONTENT_TAGS)
            continue
        if kind in {"Inflect", "Preanalysis"} and expression != "*":
            for part, tag in _expression_parts(expression):
                if tag in CONTENT_TAGS and part not in KOREAN_STOPWORDS:
                    tokens.append(Token(part, start, end))
            continue
        tag = pos.split("+")[0]
        if tag in CONTENT_TAGS and surface not in KOREAN_STOPWORDS:
            tokens.append(Token(surface.lower(), start, end))
    return tokens


def terms(text: str, *, for_query: bool = False) -> list[str]:
    return [token.term for token in analyse(text, for_query=for_query)]


def query_terms(text: str) -> list[str]:
    """The distinct terms of a query, in the order typed."""
    return list(dict.fromkeys(terms(text, for_query=True)))


def surface_words(text: str) -> list[str]:
    """Whitespace-separated words without punctuation, for prefix (autocomplete) matching."""
    return [w for w in re.split(r"[^\w]+", display_form(text).lower()) if w]


def strip_particle(word: str) -> tuple[str, str]:
    """("커뮤니티를" → ("커뮤니티", "를")): a Korean word and the particle it ends with."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle) + 1:
            return word[: -len(particle)], particle
    return word, ""


def analysis_drops_syllables(word: str) -> bool:
    """A Korean word whose analysis keeps only part of it (배숑 → 배: 숑 is no word): likely a
    typo, even though what is left matches something."""
    if not is_hangul(word):
        return False
    stem, _particle = strip_particle(word)
    kept = "".join(terms(stem, for_query=True))
    return len(kept) < len(stem)


def jamo(text: str) -> str:
    """Hangul syllables decomposed into letters, so 배숑 and 배송 differ by one letter."""
    return unicodedata.normalize("NFD", text)


def is_hangul(text: str) -> bool:
    return any("\uac00" <= char <= "\ud7a3" for char in text)
