"""The parts of the site that ``/healthz`` reports on. Each check returns a short status text
and raises when its part is not working."""

from django.core.cache import cache
from django.db import connection


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    cache.set("healthz", "ok", timeout=10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not return what was stored")
    return "ok"


def check_search() -> str:
    """The search backend: which one serves, and whether Elasticsearch answers."""
    from search.backends import get_backend

    return get_backend().health()


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
}
