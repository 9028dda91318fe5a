"""Full-page cache for anonymous visitors.

Anonymous GET requests for Wagtail pages are answered from Django's cache (``CACHE_URL`` /
``REDIS_URL``; Redis in production). The key is the full URL, so each language has its own
entries. Visitors with a session (members, staff, anyone with pending messages) always get a
fresh page. Only responses that Wagtail served from its page tree are stored: search results,
account pages and the admin are never cached.

Pages can contain forms with a CSRF token. The cached copy holds a marker instead of the token
of the visitor who happened to fill the cache; each visitor gets their own token on the way
out, so forms on cached pages keep working.

A change that visitors can see (a page published, unpublished, moved or deleted; a post
entering or leaving the approved state or an approved post edited; site settings; privacy;
an image, a story category or an author) calls ``invalidate()``, which moves every page to a
new cache generation at once. Everything else (drafts, follows, profile edits, votes, flags,
notices, mail, analytics) leaves the caches alone: see ``core.signal_handlers``.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token

GENERATION_KEY = "page-cache:generation"
CSRF_MARKER = "__DANGOL_CSRF_TOKEN__"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def invalidate() -> None:
    """Start a new generation: every cached page is stale from now on. Inside a transaction,
    once more when it commits, so that a page read between now and the commit (still
    showing the old content) does not stay in the new generation."""
    _next_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _next_generation for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


_MISSING = object()


def cached(key: str, compute, *, keep_none: bool = True, timeout: int | None = None):
    """``compute()``, kept in the cache until the next generation (``invalidate()``).

    For what every page reads and only a content change can change (site settings, the
    privacy restrictions, the header's pages): one cache read instead of the queries. The
    value must pickle (Redis, the database cache). A value computed while the generation
    moved on is returned but not kept, as for pages. ``keep_none=False``: a ``None`` answer is
    not kept (lookups keyed by what a visitor typed must not fill the cache). ``timeout``:
    seconds to keep it at most (``DATA_CACHE_SECONDS`` by default), for values that also
    change with time."""
    generation = _generation()
    full_key = f"page-cache:{generation}:data:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        if (value is not None or keep_none) and _generation() == generation:
            cache.set(
                full_key,
                value,
                timeout=settings.DANGOL_DATA_CACHE_SECONDS if timeout is None else timeout,
            )
    return value


def site_setting(model, request=None, site=None):
    """The ``BaseSiteSetting`` ``model`` of the request's site (else of ``site``, else of the
    default site), memoised on the request and cached for the generation. A site whose
    settings were never saved gets the defaults, unsaved: reading a page writes nothing (a
    write would also start a new generation)."""
    from wagtail.models import Site

    attr = f"_dangol_{model._meta.label_lower.replace('.', '_')}"
    if request is not None and attr in request.__dict__:
        return request.__dict__[attr]
    if site is None:
        if request is not None:
            site = Site.find_for_request(request)
        else:
            site = cached("default-site", lambda: Site.objects.filter(is_default_site=True).first())
    if site is None:
        result = model()
    else:
        found = cached(
            f"setting:{model._meta.label_lower}:{site.pk}",
            lambda: model.objects.filter(site_id=site.pk).first(),
        )
        result = found or model(site=site)
    if request is not None:
        request.__dict__[attr] = result
    return result


def _key(request, generation: int) -> str:
    url_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{generation}:{request.method}:{url_hash}"


def _is_cacheable_request(request) -> bool:
    return (
        settings.DANGOL_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES  # a message waits to be shown
        and not getattr(request, "is_preview", False)
    )


def _is_cacheable_response(request, response) -> bool:
    return (
        getattr(request, "_wagtail_route_for_request", None) is not None
        and not getattr(request, "is_preview", False)
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
        and not any(name != settings.CSRF_COOKIE_NAME for name in response.cookies)
    )


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous visitors' pages. Must come after ``CsrfViewMiddleware`` so
    that a visitor who receives a fresh token also receives its cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)

        generation = _generation()
        key = _key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = self._response(content, headers)
            if CSRF_MARKER.encode() in content:
                response.content = content.replace(
                    CSRF_MARKER.encode(), get_token(request).encode()
                )
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        # Something that changed while the page rendered may not show in it: don't keep it.
        if _is_cacheable_response(request, response) and _generation() == generation:
            content = CSRF_INPUT.sub(
                rf"\g<1>{CSRF_MARKER}\g<2>", response.content.decode(response.charset)
            ).encode(response.charset)
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() in {"content-type", "content-language", "vary", "link"}
            }
            cache.set(key, (content, headers), timeout=settings.DANGOL_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _response(content: bytes, headers: dict):
        from django.http import HttpResponse

        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response
