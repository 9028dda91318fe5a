import math
import time
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render

from core.ratelimit import RateLimited

from .models import MemberProfile


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with the community's signup modes.

    In "verified" mode a new account cannot log in until a Moderator approves it; the member
    sees a page saying so (only after giving the right password, so nothing is revealed about
    which addresses are registered)."""

    def pre_authenticate(self, request, **credentials):
        """allauth refuses a login after too many failures (``ACCOUNT_RATE_LIMITS
        ["login_failed"]``) with a form error saying only "later": say how long, and carry the
        wait (``retry_after``, seconds) so the answer is a 429 with ``Retry-After``
        (``core.middleware.RefusedAccountFormMiddleware``)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) != "too_many_login_attempts":
                raise
            limited = RateLimited(self._login_failed_wait(request, **credentials))
            raise ValidationError(
                limited.message, code=error.code, params={"retry_after": limited.retry_after}
            ) from None

    def _login_failed_wait(self, request, **credentials) -> int:
        """Seconds until every login-failure rate that is full lets one more attempt in."""
        key = self._get_login_attempts_cache_key(request, **credentials)
        now = time.time()
        wait = 0.0
        for rate in allauth_ratelimit.get_rates(app="allauth.account", action="login_failed"):
            cache_key = allauth_ratelimit.get_cache_key(
                request, app="allauth.account", action="login_failed", rate=rate, key=key
            )
            _allowed, history = allauth_ratelimit.apply_rate(
                cache.get(cache_key, []), now, rate, dry_run=True
            )
            if len(history) >= rate.amount:  # newest first: the amount-th newest must expire
                wait = max(wait, history[rate.amount - 1] + rate.duration - now)
        return math.ceil(wait) if wait > 0 else settings.DANGOL_RATE_LIMIT_RETRY_AFTER

    def pre_login(self, request, user, **kwargs):
        response = super().pre_login(request, user, **kwargs)
        if response is not None:
            return response
        profile = MemberProfile.objects.filter(user=user).first()
        if profile is not None and profile.awaiting_approval:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return render(request, "community/awaiting_approval.html", status=200)
        return None

    # Links in account emails start with the site's one address, as every other email does.

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return _on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return _on_site(super().get_reset_password_from_key_url(key))


def _on_site(url: str) -> str:
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")
