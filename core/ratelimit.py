"""Rate limits for flood-prone actions (posting, flagging, votes, search), on the default cache.

A rate is written ``"<count>/<period>"`` where the period is ``s``, ``m``, ``h``, ``d`` or a
number of seconds with an ``s`` (``"1/30s"``, ``"10/d"``). Windows are fixed: a visitor who used
up the allowance waits until the current window ends, and :class:`RateLimited` says how long.

django-allauth limits login, signup and password reset itself (``ACCOUNT_RATE_LIMITS``); this
module covers the site's own actions.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        match = _RATE_PATTERN.match(text)
        if not match:
            raise ValueError(f"Not a rate: {text!r} (expected e.g. '5/m', '1/30s', '10/d')")
        count, multiplier, unit = match.groups()
        seconds = int(multiplier or 1) * _UNIT_SECONDS[unit]
        if int(count) < 1 or seconds < 1:
            raise ValueError(f"Not a rate: {text!r} (count and period must be positive)")
        return cls(count=int(count), seconds=seconds)


class RateLimited(Exception):
    """Raised when an action went over its rate; ``retry_after`` is in whole seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"Rate limited; retry after {retry_after} s")
        self.retry_after = max(1, retry_after)

    @property
    def message(self) -> str:
        """What to tell the visitor, in the active language."""
        if self.retry_after < 120:
            wait = ngettext("%(count)d second", "%(count)d seconds", self.retry_after) % {
                "count": self.retry_after
            }
        elif self.retry_after < 2 * 3600:
            minutes = math.ceil(self.retry_after / 60)
            wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        else:
            hours = math.ceil(self.retry_after / 3600)
            wait = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
        return _("You are doing this too often. Please try again in %(wait)s.") % {"wait": wait}


def _now() -> float:
    return time.time()


def hit(scope: str, key: str, rate: Rate | str) -> None:
    """Count one action of ``key`` (a member, an IP address…) in ``scope``.

    Raises :class:`RateLimited` when this action goes over the rate; the refused action is not
    counted, so the allowance comes back when the window ends.
    """
    if isinstance(rate, str):
        rate = Rate.parse(rate)
    now = _now()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{rate.count}/{rate.seconds}:{window}:{digest}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    if count > rate.count:
        cache.decr(cache_key)
        raise RateLimited(retry_after=math.ceil((window + 1) * rate.seconds - now))


def hit_all(scope: str, keys: list[str], rates: list[Rate | str]) -> None:
    """Check every key against every rate; the longest wait wins when several are over."""
    longest: RateLimited | None = None
    for key in keys:
        for rate in rates:
            try:
                hit(scope, key, rate)
            except RateLimited as limited:
                if longest is None or limited.retry_after > longest.retry_after:
                    longest = limited
    if longest is not None:
        raise longest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address. Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's
    ``--forwarded-allow-ips``); a client-supplied X-Forwarded-For is never trusted here."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def rate_limited_response(
    request: HttpRequest, limited: RateLimited, template: str = "429.html", context=None
) -> HttpResponse:
    """HTTP 429 with ``Retry-After`` and the wait in words; views that keep a form pass their
    own template and context so the visitor's text stays in the form."""
    context = {**(context or {}), "rate_limit_message": limited.message}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response
