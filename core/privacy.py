"""Every page view restriction of the site (the privacy settings of the page tree), read once
per content generation: Wagtail's own check before serving a page and the lists that hide
or badge restricted stories ask this snapshot instead of the database."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .page_cache import cached


@dataclass(frozen=True)
class Restricted:
    path: str  # the restricted page's tree path: its whole subtree is restricted
    restriction: PageViewRestriction  # with its groups loaded


def view_restrictions() -> tuple[Restricted, ...]:
    """All restrictions, each with the path of its page and its groups prefetched (so that
    ``accept_request`` asks no more query than the visitor's own groups)."""

    def compute():
        return tuple(
            Restricted(restriction.page.path, restriction)
            for restriction in PageViewRestriction.objects.select_related("page")
            .only(*(f.attname for f in PageViewRestriction._meta.concrete_fields), "page__path")
            .prefetch_related("groups")
            .order_by("page__path", "pk")
        )

    return cached("view-restrictions", compute)


def restrictions_for_path(path: str) -> list[PageViewRestriction]:
    """The restrictions that apply to the page at ``path``: its own and its ancestors'."""
    return [item.restriction for item in view_restrictions() if path.startswith(item.path)]


def alias_paths() -> frozenset[str]:
    """The paths of alias pages: the restrictions of their source pages apply to them."""
    return cached(
        "alias-page-paths",
        lambda: frozenset(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
    )


def private_q() -> Q:
    """As Wagtail's ``Page.objects.private_q()`` (pages with a restriction on themselves or an
    ancestor), from the snapshot instead of a query."""
    q = Q()
    for path in {item.path for item in view_restrictions()}:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])
