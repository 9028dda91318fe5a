"""The search service: one small interface, chosen by configuration, returned by one factory.

``get_backend()`` returns the Elasticsearch backend (with the embedded index as its fallback)
when ``ELASTICSEARCH_URL`` is set, and the embedded backend otherwise. Nothing outside this
package knows which one it got.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Protocol

from django.conf import settings

from ..documents import IndexDocument, SearchRequest, SearchResults, Suggestion

Progress = Callable[[int], None]


class SearchUnavailable(Exception):
    """The backend could not be reached or did not answer in time."""


class SearchBackend(Protocol):
    name: str

    def index(self, documents: Iterable[IndexDocument]) -> None:
        """Add or replace these documents."""

    def remove(self, keys: Iterable[str]) -> None:
        """Remove the documents with these keys (missing ones are fine)."""

    def search(self, request: SearchRequest) -> SearchResults: ...

    def suggest(
        self,
        text: str,
        *,
        locale: str,
        audiences: tuple[str, ...],
        limit: int = 8,
        types: tuple[str, ...] = (),
    ) -> list[Suggestion]:
        """Titles that complete what is being typed (autocomplete), of ``types`` if given."""
        ...

    def rebuild(
        self, documents: Iterable[IndexDocument], *, locale: str, progress: Progress | None = None
    ) -> int:
        """Replace the whole index of ``locale`` with ``documents``; returns how many."""
        ...

    def fingerprints(self, *, locale: str) -> dict[str, str]:
        """Key → fingerprint of every document in the index of ``locale``."""
        ...

    def counts(self, *, locale: str) -> dict[str, int]:
        """How many documents of each type the index of ``locale`` holds."""
        ...

    def health(self) -> str:
        """A short status text; raises when the backend cannot serve searches."""
        ...

    def pending(self) -> int:
        """How many updates wait for the backend to answer again."""
        ...

    def replay(self) -> int:
        """Send the waiting updates; returns how many went through."""
        ...


@functools.cache
def get_backend() -> SearchBackend:
    from .embedded import EmbeddedBackend

    embedded = EmbeddedBackend()
    if not settings.ELASTICSEARCH_URL:
        return embedded
    from .elasticsearch import ElasticsearchBackend
    from .resilient import ResilientBackend

    return ResilientBackend(primary=ElasticsearchBackend.from_settings(), fallback=embedded)
