from allauth.account.adapter import DefaultAccountAdapter
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
