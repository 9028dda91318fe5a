from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions


def sync_locales_and_roles(sender, using="default", verbosity=1, **kwargs) -> None:
    """After ``migrate``: one Wagtail locale per content language, and the role groups."""
    from wagtail.models import Locale, Page

    from .roles import sync_publishing_workflow, sync_roles

    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=language_code)

    if not Page.objects.using(using).exists():
        # A flushed database (as after ``flush``) has lost the page tree and the permissions
        # that Wagtail's and wagtail-localize's data migrations create; roles need both.
        return

    # Permissions of apps later in INSTALLED_APPS are created by their own post_migrate
    # signal, which has not run yet; create them now so every role can be granted in full.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()
    sync_publishing_workflow()


def invalidate_page_cache(sender, instance, **kwargs) -> None:
    """Any saved or deleted page, image, site setting or content of ours can show on a page."""
    from django.conf import settings
    from wagtail.models import Page

    from . import page_cache

    meta = instance._meta
    if meta.label in settings.DANGOL_PAGE_CACHE_IGNORED_MODELS:
        return
    if (
        isinstance(instance, Page)
        or meta.app_label in settings.DANGOL_PAGE_CACHE_APPS
        or meta.label in settings.DANGOL_PAGE_CACHE_MODELS
    ):
        page_cache.invalidate()


def invalidate_page_cache_m2m(sender, instance, action, **kwargs) -> None:
    """A many-to-many change (the groups of a privacy restriction) is a change of its owner."""
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_page_cache(sender, instance)
