from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories, products and FAQs")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 (registers the periodic jobs)
