"""Keeping the index true: the writes that follow content changes, and the commands' work.

Content changes name the keys they touch; after the transaction commits, a background task
(django-tasks) reads each key's current state from the database through the source registry
and indexes or removes it. Because the task only ever copies the database's state, running
it twice, late or out of order gives the same index.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from .backends import get_backend
from .registry import registry

logger = logging.getLogger(__name__)


def languages(locale: str | None = None) -> list[str]:
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if locale is None:
        return codes
    if locale not in codes:
        raise ValueError(f"Unknown language {locale!r}; choose one of {', '.join(codes)}.")
    return [locale]


def schedule(keys: Iterable[str]) -> None:
    """Bring these keys up to date once the current transaction has committed."""
    from .tasks import index_keys

    wanted = sorted(set(keys))
    if wanted:
        transaction.on_commit(lambda: index_keys.enqueue(keys=wanted))


def sync_keys(keys: Iterable[str]) -> None:
    """Index what exists and may be found; remove the rest."""
    documents, gone = [], []
    for key in sorted(set(keys)):
        document = registry.resolve(key)
        if document is None:
            gone.append(key)
        else:
            documents.append(document)
    backend = get_backend()
    if documents:
        backend.index(documents)
    if gone:
        backend.remove(gone)


def rebuild(*, locale: str | None = None, progress: Callable[[int], None] | None = None) -> dict:
    """Replace each language's index with what the database holds now."""
    backend = get_backend()
    return {
        code: backend.rebuild(registry.documents(locale=code), locale=code, progress=progress)
        for code in languages(locale)
    }


@dataclass
class UpdateReport:
    indexed: int = 0
    removed: int = 0
    replayed: int = 0


def update(*, locale: str | None = None, progress: Callable[[int], None] | None = None):
    """Index only what changed since the index was written, remove what is gone, and replay
    updates that an unreachable cluster could not take."""
    backend = get_backend()
    report = UpdateReport(replayed=backend.replay())
    for code in languages(locale):
        indexed = backend.fingerprints(locale=code)
        changed, seen = [], set()
        for document in registry.documents(locale=code):
            seen.add(document.key)
            if indexed.get(document.key) != document.fingerprint:
                changed.append(document)
            if progress:
                progress(1)
        stale = sorted(set(indexed) - seen)
        backend.index(changed)
        backend.remove(stale)
        report.indexed += len(changed)
        report.removed += len(stale)
    return report


@dataclass
class StatusRow:
    doc_type: str
    locale: str
    database: int
    index: int

    @property
    def in_step(self) -> bool:
        return self.database == self.index


def status(*, locale: str | None = None) -> list[StatusRow]:
    """For each type and language: searchable objects in the database and documents indexed."""
    backend = get_backend()
    rows = []
    for code in languages(locale):
        counts = backend.counts(locale=code)
        for source in registry:
            in_database = sum(1 for _ in source.documents(locale=code))
            rows.append(
                StatusRow(source.doc_type, code, in_database, counts.get(source.doc_type, 0))
            )
    return rows


def count_documents(*, locale: str | None = None) -> int:
    return sum(1 for code in languages(locale) for _ in registry.documents(locale=code))
