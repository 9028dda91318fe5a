"""Admin screens: the FAQ finder for support staff and the search analytics for editors."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import selectors
from .analytics import flush as flush_analytics
from .forms import clean_query_text
from .indexing import languages

ANALYTICS_PERIODS = (7, 30)


def _page_id(hit) -> int | None:
    _prefix, _, object_id = hit.key.partition(":")
    return int(object_id) if object_id.isdigit() else None


def add_short_links(request, hits) -> None:
    """Gives each hit an absolute ``link``: the FAQ's stable short link (``/faq/<id>/``, the
    same in every language), else the hit's page URL."""
    from stories.short_links import faq_short_links

    links = faq_short_links({_page_id(hit) for hit in hits} - {None})
    for hit in hits:
        hit.link = request.build_absolute_uri(links.get(_page_id(hit), hit.url))


@require_GET
@permission_required("search.use_faq_finder", raise_exception=True)
def faq_finder(request):
    """Search-as-you-type over the FAQs in every language, each with a link to copy."""
    raw = request.GET.get("q", "")
    error, groups = None, []
    try:
        query = clean_query_text(raw)
    except ValidationError as validation_error:
        query, error = "", validation_error.messages[0]
    if query:
        for language in languages():
            hits = selectors.find_faqs(query=query, locale=language, user=request.user)
            add_short_links(request, hits)
            groups.append({"language": language, "hits": hits})
    context = {
        "page_title": _("FAQ finder"),
        "header_icon": "help",
        "query": raw,
        "error": error,
        "groups": groups,
        "searched": bool(query),
    }
    template = (
        "search/admin/faq_finder_results.html"
        if request.GET.get("results_only")
        else "search/admin/faq_finder.html"
    )
    return render(request, template, context, status=400 if error else 200)


@require_GET
@permission_required("search.view_search_analytics", raise_exception=True)
def analytics(request):
    """Top queries, queries that found nothing, and click-through, over 7 or 30 days."""
    flush_analytics()  # what this process still holds; other processes write theirs soon
    try:
        days = int(request.GET.get("days", ANALYTICS_PERIODS[0]))
    except ValueError:
        days = 0
    status = 200
    if days not in ANALYTICS_PERIODS:
        days, status = ANALYTICS_PERIODS[0], 400
    context = {
        "page_title": _("Search analytics"),
        "header_icon": "search",
        "days": days,
        "periods": ANALYTICS_PERIODS,
        "bad_period": status == 400,
        "top_queries": selectors.query_stats(days=days),
        "zero_result_queries": selectors.query_stats(days=days, zero_results_only=True),
    }
    return render(request, "search/admin/analytics.html", context, status=status)
