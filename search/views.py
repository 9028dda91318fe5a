from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from core import ratelimit

from . import analytics, selectors
from .documents import LIMITED_NOTICE
from .forms import ClickForm, SearchForm
from .registry import registry

PAGE_SIZE = 10


def type_choices() -> list[tuple[str, str]]:
    return [(source.doc_type, source.verbose_name) for source in registry]


def type_labels() -> dict[str, str]:
    return {source.doc_type: source.label for source in registry}


@require_GET
def search_page(request):
    """``/<lang>/search/?q=…&type=…&page=…``: results in the visitor's language."""
    if request.GET.get("q", "").strip():
        try:
            ratelimit.hit("search", ratelimit.client_ip(request), settings.DANGOL_SEARCH_RATE_LIMIT)
        except ratelimit.RateLimited as limited:
            return ratelimit.rate_limited_response(request, limited)
    locale = translation.get_language()
    form = SearchForm(request.GET)
    context = {"form": form, "query": request.GET.get("q", ""), "type_choices": type_choices()}
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)

    query, types, page = (form.cleaned_data[name] for name in ("q", "type", "page"))
    context.update(query=query, selected_type=types[0] if len(types) == 1 else "")
    if not query:
        context["popular_faqs"] = selectors.popular_faqs(locale=locale, request=request)
        return render(request, "search/search.html", context)

    results = selectors.search(
        query=query, locale=locale, user=request.user, types=types, page=page, page_size=PAGE_SIZE
    )
    first_position = (page - 1) * PAGE_SIZE + 1
    labels = type_labels()
    for hit in results.hits:
        hit.type_label = labels.get(hit.doc_type, hit.doc_type)
    if page == 1 and not results.limited:
        event = analytics.record_search(query=query, locale=locale, results=results.total)
        for position, hit in enumerate(results.hits, start=first_position):
            hit.click_token = analytics.click_token(event=event, url=hit.url, position=position)
        context["track_clicks"] = True
    if not results.total:
        context["popular_faqs"] = selectors.popular_faqs(locale=locale, request=request)
    type_facets = results.facets.get("type", {})
    context.update(
        results=results,
        page_obj=Paginator(range(results.total), PAGE_SIZE).get_page(page),
        query_prefix=urlencode({"q": query, **({"type": ",".join(types)} if types else {})}),
        type_filters=[
            {"value": value, "label": label, "count": type_facets.get(value, 0)}
            for value, label in type_choices()
            if type_facets.get(value)
        ],
        all_count=sum(type_facets.values()),
        first_position=first_position,
        results_notice=LIMITED_NOTICE,
        suggestion_url="?" + urlencode({"q": results.suggestion}) if results.suggestion else "",
    )
    return render(request, "search/search.html", context)


@require_POST
def search_click(request):
    """A visitor opened a search result (sent by the page's script with the result's token;
    no identity kept). A token this site did not issue in the last hour, or one already
    used, is refused."""
    form = ClickForm(request.POST)
    if not form.is_valid():
        message = next(iter(form.errors.values()))[0]
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    event, position, url = form.cleaned_data["token"]
    if not analytics.record_click(event=event, url=url, position=position):
        return HttpResponseBadRequest(
            gettext("This click was already counted."), content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(status=204)
