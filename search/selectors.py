"""Reads: searching for a visitor, and what the analytics show editors."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import escape

from stories.models import FAQPage

from .backends import get_backend
from .documents import MEMBERS, PUBLIC, Hit, SearchRequest, SearchResults, Suggestion
from .models import SearchClick, SearchQuery


def audiences_for(user) -> tuple[str, ...]:
    """Members-only pages are found by members (any logged-in account), never by others."""
    if user is not None and user.is_authenticated:
        return (PUBLIC, MEMBERS)
    return (PUBLIC,)


def search(
    *,
    query: str,
    locale: str,
    user,
    types: tuple[str, ...] = (),
    page: int = 1,
    page_size: int = 10,
) -> SearchResults:
    request = SearchRequest(
        query=query,
        locale=locale,
        types=types,
        page=page,
        page_size=page_size,
        audiences=audiences_for(user),
    )
    return get_backend().search(request)


def find_faqs(*, query: str, locale: str, user, limit: int = 10) -> list[Hit]:
    """FAQs matching ``query`` in one language, or whose title words start with what is typed
    so far: the FAQ finder and FAQ choosers use this."""
    hits = search(query=query, locale=locale, user=user, types=("faq",), page_size=limit).hits
    if hits:
        return hits
    completions = get_backend().suggest(
        query, locale=locale, audiences=audiences_for(user), limit=limit, types=("faq",)
    )
    return [
        Hit(
            key=s.key,
            doc_type=s.doc_type,
            title=s.title,
            title_html=escape(s.title),
            url=s.url,
            snippet="",
            locale=locale,
            date=None,
            score=0.0,
        )
        for s in completions
    ]


def suggest(*, text: str, locale: str, user, limit: int = 8) -> list[Suggestion]:
    return get_backend().suggest(text, locale=locale, audiences=audiences_for(user), limit=limit)


def popular_faqs(*, locale: str, request=None, limit: int = 5) -> list[FAQPage]:
    """The FAQs visitors opened most from search in the last 30 days (in tree order when
    nobody has clicked yet): what the empty search page suggests."""
    faqs = list(
        FAQPage.objects.live().public().filter(locale__language_code=locale).order_by("path")
    )
    since = timezone.now() - datetime.timedelta(days=30)
    clicks = dict(
        SearchClick.objects.filter(clicked_at__gte=since, search__locale=locale)
        .values_list("url")
        .annotate(n=Count("id"))
        .order_by()
    )
    ranked = sorted(
        enumerate(faqs), key=lambda item: (-clicks.get(item[1].get_url(request), 0), item[0])
    )
    return [faq for _index, faq in ranked[:limit]]


@dataclass
class QueryStats:
    query: str
    searches: int
    clicked: int
    zero_results: int

    @property
    def click_through(self) -> float:
        return self.clicked / self.searches if self.searches else 0.0


def query_stats(*, days: int, zero_results_only: bool = False, limit: int = 50) -> list[QueryStats]:
    """Per query over the last ``days`` days: how often it was searched, how many of those
    searches led to a click, and how many found nothing."""
    since = timezone.now() - datetime.timedelta(days=days)
    rows = (
        SearchQuery.objects.filter(searched_at__gte=since)
        .values("query")
        .annotate(
            searches=Count("id", distinct=True),
            clicked=Count("id", filter=Q(clicks__isnull=False), distinct=True),
            zero_results=Count("id", filter=Q(results=0), distinct=True),
        )
        .order_by("-searches", "query")
    )
    if zero_results_only:
        rows = rows.filter(zero_results__gt=0).order_by("-zero_results", "query")
    return [QueryStats(**row) for row in rows[:limit]]
