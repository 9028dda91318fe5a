import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import CHECKS

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 with each part's status when everything works; 503 naming the failing parts."""
    parts: dict[str, dict[str, str]] = {}
    for name, check in CHECKS.items():
        try:
            parts[name] = {"status": "ok", "detail": check()}
        except Exception as error:  # report any failure of a part instead of crashing
            logger.warning("Health check %s failed: %s", name, error)
            parts[name] = {"status": "error", "detail": f"{type(error).__name__}: {error}"}
    failing = sorted(name for name, part in parts.items() if part["status"] != "ok")
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": parts}
    return JsonResponse(body, status=503 if failing else 200)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /healthz",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def too_many_requests(request, exception=None):
    """HTTP 429 for anything rate-limited that does not say more itself (django-allauth's
    login, signup and password reset limits use it through ``handler429``)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(settings.DANGOL_RATE_LIMIT_RETRY_AFTER)
    return response
