from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions


def sync_locales_and_roles(sender, using="default", verbosity=1, **kwargs) -> None:
    """After ``migrate``: one Wagtail locale per content language, and the role groups."""
    from wagtail.models import Locale, Page

    from .roles import sync_publishing_workflow, sync_roles
    from .site_address import sync_site_address

    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=language_code)
    sync_site_address(using)

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


# What saving a draft, locking a page or adding a draft child writes: visitors see none of it.
PAGE_DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
        "wagtail_admin_comments",
    }
)


def _page_is_seen(page, update_fields) -> bool:
    """Whether saving ``page`` can change what a visitor sees: a live page (or one that just
    stopped being live) saved with more than draft bookkeeping."""
    if update_fields is not None and set(update_fields) <= PAGE_DRAFT_FIELDS:
        return False
    return page.live or page.first_published_at is not None


def invalidate_page_cache(sender, instance, update_fields=None, **kwargs) -> None:
    """A saved or deleted page, image, site setting, category, author or privacy rule shows on
    pages; anything else does not (community posts have their own rule)."""
    from django.conf import settings
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page

    from . import page_cache

    if isinstance(instance, Page):
        seen = _page_is_seen(instance, update_fields)
    else:
        seen = (
            isinstance(instance, BaseSiteSetting)
            or instance._meta.label in settings.DANGOL_PAGE_CACHE_MODELS
        )
    if seen:
        page_cache.invalidate()


def invalidate_page_cache_now(sender, **kwargs) -> None:
    """A page was moved or unpublished."""
    from . import page_cache

    page_cache.invalidate()


def invalidate_page_cache_m2m(sender, instance, action, **kwargs) -> None:
    """A many-to-many change (the groups of a privacy restriction) is a change of its owner."""
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_page_cache(sender, instance)
