"""The parts of the site that ``/healthz`` reports on. Each check returns a short status text
and raises when its part is not working. The foundation checks the database and the cache; a
feature app adds its own part with ``register`` from its ``AppConfig.ready()`` (search does)."""

from collections.abc import Callable

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


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
}


def register(name: str, check: Callable[[], str]) -> None:
    """Report on ``name`` too: ``check`` returns its status text or raises."""
    CHECKS[name] = check
