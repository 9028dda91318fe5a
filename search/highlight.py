"""Snippets for the embedded backend: a window of the text around the matched words, escaped,
with ``<mark>`` around each word whose term the query asked for."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import analyse, display_form

WINDOW = 220
LEAD = 60  # characters shown before the first match


def _first_hit(lowered: str, terms: set[str]) -> int:
    """Roughly where the first matching word is, without analysing the whole text."""
    positions = []
    for term in terms:
        # An English stem ("deliveri") may not occur literally; its first letters do.
        probe = term if len(term) <= 4 else term[: max(4, len(term) - 2)]
        position = lowered.find(probe)
        if position >= 0:
            positions.append(position)
    return min(positions) if positions else -1


def _mark(text: str, terms: set[str]) -> str:
    spans = sorted((t.start, t.end) for t in analyse(text) if t.term in terms)
    parts, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def highlight(text: str, terms: set[str], *, window: int = WINDOW) -> SafeString:
    """At most ``window`` characters of ``text`` around its first match, marked up."""
    text = " ".join(display_form(text).split())
    if len(text) <= window:
        return mark_safe(_mark(text, terms))  # noqa: S308 - _mark escapes the text
    hit = _first_hit(text.lower(), terms) if terms else -1
    start = 0 if hit < LEAD else text.rfind(" ", 0, hit - LEAD // 2) + 1
    start = max(0, min(start, len(text) - window))
    end = min(len(text), start + window)
    if end < len(text):
        cut = text.rfind(" ", start + window // 2, end)
        end = cut if cut > 0 else end
    excerpt = _mark(text[start:end], terms)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{excerpt}{suffix}")  # noqa: S308 - _mark escapes the text
