"""Content events that change what search must find. Each names the keys it touches and
leaves the work to ``indexing.schedule`` (after commit, in a background task). Also when the
search analytics buffered in the process are written (``search.analytics``)."""

import atexit

from django.core.signals import request_finished, setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import analytics
from .backends import get_backend
from .indexing import schedule
from .registry import registry


def _page_keys(page: Page, *, descendants: bool) -> set[str]:
    page_models = [s.model for s in registry if s.prefix == "page"]
    pages = Page.objects.filter(pk=page.pk)
    if descendants:
        pages = Page.objects.descendant_of(page, inclusive=True)
    return {f"page:{pk}" for pk in pages.type(*page_models).values_list("pk", flat=True)}


def page_changed(sender, instance: Page, **kwargs) -> None:
    """Published, unpublished, or a translation published: the page itself."""
    specific = instance.specific_deferred
    keys = registry.dependent_keys(specific)
    if registry.source_for(specific) is not None:
        keys.add(f"page:{instance.pk}")
    schedule(keys)


def page_and_descendants_changed(sender, instance: Page, **kwargs) -> None:
    """Moved, or its slug changed: every URL below it changed too."""
    schedule(_page_keys(instance, descendants=True))


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and type(instance) is Page:
        schedule([f"page:{instance.pk}"])


def restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    """Who may see a page (and those below it) changed."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule(_page_keys(page, descendants=True))


def related_changed(sender, instance, **kwargs) -> None:
    """A model the documents show (a story category's name) changed."""
    schedule(registry.dependent_keys(instance))


def reset_backend(*, setting: str, **kwargs) -> None:
    if setting.startswith(("ELASTICSEARCH", "SEARCH_")):
        get_backend.cache_clear()


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    page_slug_changed.connect(page_and_descendants_changed, dispatch_uid="search_slug_changed")
    post_page_move.connect(page_and_descendants_changed, dispatch_uid="search_page_moved")
    post_delete.connect(page_deleted, dispatch_uid="search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search_r_{id(signal)}"
        )
    for source in registry:
        for model in source.depends_on:
            post_save.connect(
                related_changed, sender=model, dispatch_uid=f"search_related_{model._meta.label}"
            )
    setting_changed.connect(reset_backend, dispatch_uid="search_reset_backend")
    # Search analytics wait in the process: written in batches after responses, and at exit.
    request_finished.connect(analytics.flush_if_due, dispatch_uid="search_analytics_flush")
    atexit.register(analytics.flush_at_exit)
