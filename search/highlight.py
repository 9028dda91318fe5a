"""Snippets for the embedded backend: a window of the text around the matched words, escaped,
with ``<mark>`` around each match.

Matching runs on the surface text, not through the analyser, so a page of results costs
microseconds: a Korean term is found wherever it occurs (particles attach to the end of
words: 배송은, 배송을), a Latin stem is found at the start of a word (deliveri → delivery).
"""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import display_form, is_hangul

WINDOW = 220
LEAD = 60  # characters shown before the first match


@functools.lru_cache(maxsize=512)
def _pattern(terms: frozenset[str]) -> re.Pattern | None:
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        if is_hangul(term) or not term.isascii():
            parts.append(re.escape(term))
        elif term.isdigit():
            parts.append(rf"\b{term}\b")
        else:
            # Snowball stems may end differently from the word ("deliveri" in "delivery").
            stem = term[: max(3, len(term) - 1)] if len(term) > 3 else term
            parts.append(rf"\b{re.escape(stem)}\w*")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _mark(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return escape(text)
    parts, cursor = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def highlight(text: str, terms: set[str], *, window: int = WINDOW) -> SafeString:
    """At most ``window`` characters of ``text`` around its first match, marked up."""
    text = " ".join(display_form(text).split())
    pattern = _pattern(frozenset(terms))
    if len(text) <= window:
        return mark_safe(_mark(text, pattern))  # noqa: S308 - _mark escapes the text
    first = pattern.search(text) if pattern else None
    hit = first.start() if first else 0
    start = 0 if hit < LEAD else text.rfind(" ", 0, hit - LEAD // 2) + 1
    start = max(0, min(start, len(text) - window))
    end = min(len(text), start + window)
    if end < len(text):
        cut = text.rfind(" ", start + window // 2, end)
        end = cut if cut > 0 else end
    excerpt = _mark(text[start:end], pattern)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{excerpt}{suffix}")  # noqa: S308 - _mark escapes the text
