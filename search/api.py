"""The JSON API: ``GET /api/search/`` and ``GET /api/search/suggest/``.

Bad parameters answer 400 with ``{"error": {"parameter": …, "message": …}}``; the message is
in the visitor's language (``Accept-Language`` or the language cookie).
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from core.ratelimit import RateLimited, client_ip, hit

from . import analytics, selectors
from .documents import LIMITED_NOTICE
from .forms import ApiSearchForm, SuggestForm


def _error(form) -> JsonResponse:
    parameter, errors = next(iter(form.errors.items()))
    return JsonResponse({"error": {"parameter": parameter, "message": errors[0]}}, status=400)


def _rate_limited(request, scope: str, rate: str) -> JsonResponse | None:
    """429 with Retry-After when this address searched too often, else None."""
    try:
        hit(scope, client_ip(request), rate)
    except RateLimited as limited:
        response = JsonResponse(
            {"error": {"parameter": None, "message": limited.message}},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    return None


def _locale(form) -> str:
    return form.cleaned_data.get("locale") or translation.get_language()


@require_GET
def search_api(request):
    if limited := _rate_limited(request, "search", settings.DANGOL_SEARCH_RATE_LIMIT):
        return limited
    form = ApiSearchForm(request.GET)
    if not form.is_valid():
        return _error(form)
    data = form.cleaned_data
    locale = _locale(form)
    results = selectors.search(
        query=data["q"],
        locale=locale,
        user=request.user,
        types=data["type"],
        page=data["page"],
        page_size=data["page_size"],
    )
    if data["page"] == 1 and not results.limited:
        analytics.record_search(query=data["q"], locale=locale, results=results.total)
    body = {
        "query": data["q"],
        "locale": locale,
        "backend": results.backend,
        "total": results.total,
        "took_ms": results.took_ms,
        "results": [hit.as_json() for hit in results.hits],
        "facets": results.facets,
        "suggestion": results.suggestion,
    }
    if results.limited:
        body["notice"] = str(LIMITED_NOTICE)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request):
    if limited := _rate_limited(
        request, "search-suggest", settings.DANGOL_SEARCH_SUGGEST_RATE_LIMIT
    ):
        return limited
    form = SuggestForm(request.GET)
    if not form.is_valid():
        return _error(form)
    locale = _locale(form)
    suggestions = selectors.suggest(text=form.cleaned_data["q"], locale=locale, user=request.user)
    return JsonResponse(
        {
            "query": form.cleaned_data["q"],
            "locale": locale,
            "suggestions": [suggestion.as_json() for suggestion in suggestions],
        }
    )
