"""Members write plain text with a small Markdown subset: paragraphs, lists, emphasis, links.

Markdown is rendered with raw HTML switched off, then the result goes through the nh3
sanitiser, which keeps only the tags the subset produces and gives every link
``rel="nofollow ugc noopener"``. No HTML or script a member writes ever reaches a page.
"""

import html

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "list", "link", "autolink", "newline", "escape", "backticks"]
)

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "a", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


def render(text: str) -> SafeString:
    html = _markdown.render(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def plain_excerpt(text: str, length: int = 140) -> str:
    """The text without Markdown syntax, cut to ``length`` characters (for emails, admin)."""
    stripped = html.unescape(nh3.clean(_markdown.render(text or ""), tags=set())).strip()
    stripped = " ".join(stripped.split())
    return stripped if len(stripped) <= length else stripped[: length - 1].rstrip() + "…"
