"""The shapes that travel between sources, backends and the interfaces."""

import dataclasses
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

LIMITED_NOTICE = _(
    "Search is temporarily limited: the search service is not answering. Please try again "
    "in a few minutes, or browse the FAQ."
)
PUBLIC = "public"
MEMBERS = "members"


@dataclass(frozen=True)
class IndexDocument:
    """What a source hands to a backend for one object in one language."""

    key: str
    doc_type: str
    locale: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: datetime.date | None = None
    audience: str = PUBLIC
    category: str = ""
    product: str = ""
    parent_title: str = ""
    parent_url: str = ""

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything a backend stores changes; ``update`` compares it."""
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


@dataclass(frozen=True)
class SearchRequest:
    query: str
    locale: str
    types: tuple[str, ...] = ()
    page: int = 1
    page_size: int = 10
    audiences: tuple[str, ...] = (PUBLIC,)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    key: str
    doc_type: str
    title: str
    url: str
    snippet: str  # HTML: escaped text with <mark> around the matched words
    locale: str
    date: datetime.date | None
    score: float
    title_html: str = ""
    parent_title: str = ""
    parent_url: str = ""
    type_label: str = ""
    click_token: str = ""  # signed: counts a click on this result of a logged search

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.doc_type,
            "title": self.title,
            "url": self.url,
            "snippet": self.snippet,
            "locale": self.locale,
            "date": self.date.isoformat() if self.date else None,
            "score": round(self.score, 4),
        }
        if self.parent_url:
            data["page"] = {"title": self.parent_title, "url": self.parent_url}
        return data


@dataclass
class SearchResults:
    request: SearchRequest
    backend: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    took_ms: int = 0
    # Elasticsearch did not answer and the embedded index served instead (or could not).
    degraded: bool = False
    limited: bool = False


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    doc_type: str
    key: str = ""

    def as_json(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url, "type": self.doc_type}
