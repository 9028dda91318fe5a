"""Writes of the search analytics. Nothing here stores who searched."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import SearchClick, SearchQuery


def normalise_query(query: str) -> str:
    return " ".join(query.lower().split())[:200]


@transaction.atomic
def record_search(*, query: str, locale: str, results: int) -> SearchQuery:
    return SearchQuery.objects.create(query=normalise_query(query), locale=locale, results=results)


@transaction.atomic
def record_click(*, search_id: int, url: str, position: int) -> SearchClick | None:
    """Count a click on a result of a search logged in the last day (None otherwise)."""
    since = timezone.now() - datetime.timedelta(days=1)
    search = SearchQuery.objects.filter(pk=search_id, searched_at__gte=since).first()
    if search is None:
        return None
    return SearchClick.objects.create(search=search, url=url, position=position)
