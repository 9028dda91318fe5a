from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import jobs, signal_handlers  # noqa: F401 (jobs registers the periodic jobs)
        from .registry import registry
        from .sources import register_default_sources

        register_default_sources(registry)
        signal_handlers.connect()
