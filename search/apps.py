from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from core import health

        from . import jobs, signal_handlers  # noqa: F401 (jobs registers the periodic jobs)
        from .registry import registry
        from .sources import register_default_sources

        register_default_sources(registry)
        signal_handlers.connect()
        health.register("search", check_search)


def check_search() -> str:
    """For ``/healthz``: which search backend serves, and whether Elasticsearch answers."""
    from .backends import get_backend

    return get_backend().health()
