"""Search analytics without a database write per search.

A search or a click on a result becomes an event kept in this process's buffer; the buffer
is handed to a task (``search.tasks.record_search_events``) that writes it in one bulk
insert. That happens once a request has finished (after its response went out) when the
buffer holds ``FLUSH_EVERY`` events or its oldest event is ``FLUSH_SECONDS`` old, and when
the process exits. The buffer never holds more than ``CAPACITY`` events: past that, the
oldest are dropped (and logged), whatever visitors do.

A results page carries a signed, short-lived token per result that names its search event,
the result's address and position: a click counts only with such a token, and only once.
Nothing here knows who searched.
"""

import logging
import threading
import time
import uuid
from collections import deque

from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

logger = logging.getLogger(__name__)

FLUSH_EVERY = 50
FLUSH_SECONDS = 30.0
CAPACITY = 1000
CLICK_SALT = "search.click"
CLICK_MAX_AGE = 60 * 60  # seconds a results page's click tokens are good for


class EventBuffer:
    """Events waiting to be written, in arrival order; safe to share between threads."""

    def __init__(self, *, capacity: int = CAPACITY) -> None:
        self._lock = threading.Lock()
        self._events: deque[dict] = deque(maxlen=capacity)
        self._oldest: float | None = None
        self.dropped = 0

    def __len__(self) -> int:
        return len(self._events)

    def add(self, event: dict) -> None:
        with self._lock:
            if len(self._events) == self._events.maxlen:
                self.dropped += 1  # deque drops the oldest on append
            self._events.append(event)
            if self._oldest is None:
                self._oldest = time.monotonic()

    def due(self, *, every: int, seconds: float) -> bool:
        oldest = self._oldest
        return len(self._events) >= every or (
            oldest is not None and time.monotonic() - oldest >= seconds
        )

    def take(self) -> list[dict]:
        with self._lock:
            events = list(self._events)
            self._events.clear()
            self._oldest = None
            dropped, self.dropped = self.dropped, 0
        if dropped:
            logger.warning("Search analytics: %d events dropped, the buffer was full.", dropped)
        return events


buffer = EventBuffer()


def record_search(*, query: str, locale: str, results: int) -> str:
    """Keep a search for the analytics; returns its event id, for its click tokens."""
    event = uuid.uuid4().hex
    buffer.add(
        {
            "kind": "search",
            "event": event,
            "query": normalise_query(query),
            "locale": locale,
            "results": results,
            "at": timezone.now().isoformat(),
        }
    )
    return event


def record_click(*, event: str, url: str, position: int) -> bool:
    """Keep a click on a result of search ``event``; False when it was already counted."""
    if not cache.add(f"search:click:{event}:{position}", True, timeout=CLICK_MAX_AGE):
        return False
    buffer.add(
        {
            "kind": "click",
            "event": event,
            "url": url,
            "position": position,
            "at": timezone.now().isoformat(),
        }
    )
    return True


def normalise_query(query: str) -> str:
    return " ".join(query.lower().split())[:200]


def click_token(*, event: str, url: str, position: int) -> str:
    return signing.dumps([event, position, url], salt=CLICK_SALT, compress=True)


def read_click_token(token: str) -> tuple[str, int, str]:
    """The search event, position and address a token names; ``signing.BadSignature`` (or
    its ``SignatureExpired``) when it was not issued by this site in the last hour."""
    value = signing.loads(token, salt=CLICK_SALT, max_age=CLICK_MAX_AGE)
    event, position, url = value
    return str(event), int(position), str(url)


def flush() -> int:
    """Hand every buffered event to the writing task now; returns how many."""
    from .tasks import record_search_events

    events = buffer.take()
    if events:
        try:
            record_search_events.enqueue(events=events)
        except DatabaseError:
            for event in events:  # kept for the next attempt, within the buffer's capacity
                buffer.add(event)
            raise
    return len(events)


def flush_if_due(**kwargs) -> None:
    """At the end of every request (``request_finished``), after its response went out."""
    if buffer.due(every=FLUSH_EVERY, seconds=FLUSH_SECONDS):
        try:
            flush()
        except DatabaseError:
            logger.exception("Search analytics could not be queued; they wait for the next try.")


def flush_at_exit() -> None:
    if len(buffer):
        flush()
