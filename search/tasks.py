from django_tasks import task

from .indexing import sync_keys


@task()
def index_keys(keys: list[str]) -> None:
    """Copy the current state of these objects into the search index."""
    sync_keys(keys)
