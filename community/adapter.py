from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import render

from .models import MemberProfile


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with the community's signup modes.

    In "verified" mode a new account cannot log in until a Moderator approves it; the member
    sees a page saying so (only after giving the right password, so nothing is revealed about
    which addresses are registered)."""

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
