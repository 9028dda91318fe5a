from django_tasks import task

from .indexing import sync_keys
from .services import store_search_events


@task()
def index_keys(keys: list[str]) -> None:
    """Copy the current state of these objects into the search index."""
    sync_keys(keys)


@task()
def replay_pending() -> None:
    """Send the updates the search cluster missed while it did not answer."""
    from .backends import get_backend

    get_backend().replay()


@task()
def record_search_events(events: list[dict]) -> None:
    """Write a batch of search analytics (searches and clicks on their results)."""
    store_search_events(events=events)
