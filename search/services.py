"""Writes of the search analytics. Nothing here stores who searched."""

import datetime

from django.db import transaction

from .models import SearchClick, SearchQuery


@transaction.atomic
def store_search_events(*, events: list[dict]) -> None:
    """Write buffered searches and clicks (``search.analytics``) in one bulk insert each.
    Writing the same events again changes nothing."""
    searches = [
        SearchQuery(
            event=event["event"],
            query=event["query"][:200],
            locale=event["locale"],
            results=event["results"],
            searched_at=datetime.datetime.fromisoformat(event["at"]),
        )
        for event in events
        if event["kind"] == "search"
    ]
    clicks = [
        SearchClick(
            search_id=event["event"],
            url=event["url"][:500],
            position=event["position"],
            clicked_at=datetime.datetime.fromisoformat(event["at"]),
        )
        for event in events
        if event["kind"] == "click"
    ]
    SearchQuery.objects.bulk_create(searches, ignore_conflicts=True)
    SearchClick.objects.bulk_create(clicks, ignore_conflicts=True)
