from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_unpublished, post_page_move


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site settings")

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from . import checks, converters, jobs, signal_handlers  # noqa: F401 (they register)
        from .models import OutgoingEmail
        from .permissions import SuperusersMayLook

        register_permission_policy(OutgoingEmail, SuperusersMayLook(OutgoingEmail))
        converters.register()

        post_migrate.connect(signal_handlers.sync_locales_and_roles, sender=self)
        post_save.connect(signal_handlers.invalidate_page_cache, dispatch_uid="page-cache-save")
        post_delete.connect(signal_handlers.invalidate_page_cache, dispatch_uid="page-cache-del")
        m2m_changed.connect(
            signal_handlers.invalidate_page_cache_m2m, dispatch_uid="page-cache-m2m"
        )
        post_page_move.connect(
            signal_handlers.invalidate_page_cache_now, dispatch_uid="page-cache-move"
        )
        page_unpublished.connect(
            signal_handlers.invalidate_page_cache_now, dispatch_uid="page-cache-unpublish"
        )
