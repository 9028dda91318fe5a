"""The community's periodic jobs (see ``core.periodic``)."""

import datetime

from django.contrib.auth import get_user_model

from core.periodic import register

from . import policies, trust
from .models import TrustLevel


@register("trust-levels", every=datetime.timedelta(days=1), lease=datetime.timedelta(hours=2))
def recompute_trust_levels() -> str:
    """Levels that time alone changes: days since joining, warnings and suspensions that
    expired. Heroes keep their level (only moderators grant and take it)."""
    members = (
        get_user_model()
        .objects.filter(is_active=True, community_profile__isnull=False)
        .select_related("community_profile")
        .exclude(community_profile__level=TrustLevel.HERO)
        .order_by("pk")
    )
    settings_ = trust.trust_settings()
    changed = checked = 0
    for user in members.iterator(chunk_size=500):
        if policies.is_staff_member(user):
            continue
        before = user.community_profile.level
        checked += 1
        if trust.level_recompute(user=user, settings_=settings_) != before:
            changed += 1
    return f"{checked} members checked, {changed} levels changed"
