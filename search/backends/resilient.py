"""Elasticsearch with a safety net: when the cluster does not answer, searches are served by
the embedded index (kept up to date alongside), and writes wait in ``PendingIndexUpdate``
until the cluster answers again. After a failure the cluster is left alone for a short
cool-down, so that a hanging cluster costs one time-out, not one per request."""

import logging
import time
from collections.abc import Iterable

from django.db.models import F
from django.db.models.functions import Now

from ..documents import IndexDocument, SearchRequest, SearchResults, Suggestion
from ..models import PendingIndexUpdate
from . import Progress, SearchBackend, SearchUnavailable

logger = logging.getLogger(__name__)

COOL_DOWN_SECONDS = 30.0
REPLAY_BATCH = 200


class ResilientBackend:
    def __init__(
        self,
        *,
        primary: SearchBackend,
        fallback: SearchBackend,
        cool_down: float = COOL_DOWN_SECONDS,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.cool_down = cool_down
        self._down_until = 0.0
        self._maybe_pending = True  # another process may have queued updates

    @property
    def name(self) -> str:
        return self.primary.name

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, error: Exception) -> None:
        logger.warning("Search cluster unavailable, using the embedded index: %s", error)
        self._down_until = time.monotonic() + self.cool_down

    # Writes ------------------------------------------------------------------------------

    def _write(self, keys: list[str], operation) -> None:
        if self._available():
            try:
                operation()
            except SearchUnavailable as error:
                self._failed(error)
                self._queue(keys, error)
            else:
                self.replay()
                return
        else:
            self._queue(keys, SearchUnavailable("waiting for the cluster to answer again"))

    def _queue(self, keys: list[str], error: Exception) -> None:
        PendingIndexUpdate.objects.bulk_create(
            [PendingIndexUpdate(key=key, last_error=str(error)[:500]) for key in keys],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["last_error", "queued_at"],
        )
        self._maybe_pending = True

    def index(self, documents: Iterable[IndexDocument]) -> None:
        documents = list(documents)
        self.fallback.index(documents)
        self._write([d.key for d in documents], lambda: self.primary.index(documents))

    def remove(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self.fallback.remove(keys)
        self._write(keys, lambda: self.primary.remove(keys))

    def rebuild(
        self, documents: Iterable[IndexDocument], *, locale: str, progress: Progress | None = None
    ) -> int:
        documents = list(documents)
        self.fallback.rebuild(documents, locale=locale)
        count = self.primary.rebuild(documents, locale=locale, progress=progress)
        PendingIndexUpdate.objects.filter(key__in=[d.key for d in documents]).delete()
        return count

    def pending(self) -> int:
        return PendingIndexUpdate.objects.count()

    def replay(self) -> int:
        """Send the queued updates, oldest first; stops at the first failure."""
        from ..registry import registry

        if not self._maybe_pending:
            return 0
        replayed = 0
        while batch := list(PendingIndexUpdate.objects.order_by("queued_at", "pk")[:REPLAY_BATCH]):
            documents, gone = [], []
            for pending in batch:
                document = registry.resolve(pending.key)
                (documents.append(document) if document else gone.append(pending.key))
            try:
                if documents:
                    self.primary.index(documents)
                if gone:
                    self.primary.remove(gone)
            except SearchUnavailable as error:
                self._failed(error)
                PendingIndexUpdate.objects.filter(pk__in=[p.pk for p in batch]).update(
                    last_error=str(error)[:500], queued_at=Now(), attempts=F("attempts") + 1
                )
                return replayed
            PendingIndexUpdate.objects.filter(pk__in=[p.pk for p in batch]).delete()
            replayed += len(batch)
        self._maybe_pending = False
        if replayed:
            logger.info("Replayed %d queued search index update(s).", replayed)
        return replayed

    # Reads -------------------------------------------------------------------------------

    def fingerprints(self, *, locale: str) -> dict[str, str]:
        return self.primary.fingerprints(locale=locale)

    def counts(self, *, locale: str) -> dict[str, int]:
        return self.primary.counts(locale=locale)

    def health(self) -> str:
        try:
            status = self.primary.health()
        except SearchUnavailable as error:
            self._failed(error)
            return f"{self.fallback.health()}; Elasticsearch unreachable, embedded index serving"
        pending = self.pending()
        return f"{status}; {pending} update(s) queued" if pending else status

    def search(self, request: SearchRequest) -> SearchResults:
        if self._available():
            try:
                results = self.primary.search(request)
            except SearchUnavailable as error:
                self._failed(error)
            else:
                if self._maybe_pending:
                    self._replay_later()
                return results
        results = self.fallback.search(request)
        results.degraded = True
        if not self.fallback.counts(locale=request.locale):
            results.limited = True
        return results

    def suggest(
        self,
        text: str,
        *,
        locale: str,
        audiences: tuple[str, ...],
        limit: int = 8,
        types: tuple[str, ...] = (),
    ) -> list[Suggestion]:
        options = {"locale": locale, "audiences": audiences, "limit": limit, "types": types}
        if self._available():
            try:
                return self.primary.suggest(text, **options)
            except SearchUnavailable as error:
                self._failed(error)
        return self.fallback.suggest(text, **options)

    def _replay_later(self) -> None:
        from ..tasks import replay_pending

        if PendingIndexUpdate.objects.exists():
            replay_pending.enqueue()
        else:
            self._maybe_pending = False
