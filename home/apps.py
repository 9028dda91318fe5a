from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site settings")

    def ready(self) -> None:
        from . import signal_handlers

        post_migrate.connect(signal_handlers.sync_locales_and_roles, sender=self)
        post_save.connect(signal_handlers.invalidate_page_cache, dispatch_uid="page-cache-save")
        post_delete.connect(signal_handlers.invalidate_page_cache, dispatch_uid="page-cache-del")
