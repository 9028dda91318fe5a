"""Trust levels: New → Regular (단골) → Trusted → Hero.

``level_recompute`` is the one place a member's level changes by itself; it runs after an
approval, a helpful reaction or a warning (see ``signal_handlers.py``). New and Regular follow
the thresholds of :class:`TrustSettings`; Trusted follows them too when the settings say so, or
is granted; Hero is granted by moderators only. A level once earned is kept: only an active
warning, a suspension or a ban takes a member back to New.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_comments.models import CommentFlag
from wagtail.log_actions import log

from .models import (
    HELPFUL_FLAG,
    LEVEL_RANK,
    MemberProfile,
    Notice,
    NoticeKind,
    Post,
    PostState,
    TrustLevel,
    TrustSettings,
    Warning,
)


def trust_settings(request=None) -> TrustSettings:
    """The trust settings of the request's site (or the default site); unsaved defaults when
    never edited (see ``core.page_cache.site_setting``)."""
    from core.page_cache import site_setting

    return site_setting(TrustSettings, request)


@dataclass(frozen=True)
class MemberStats:
    approved_posts: int
    helpful_received: int
    days_since_joining: int
    active_warnings: int


def member_stats(user) -> MemberStats:
    """What the thresholds look at (three small queries)."""
    now = timezone.now()
    posts = Post.objects.filter(user=user, deleted_at__isnull=True).aggregate(
        approved=Count("pk", filter=Q(state=PostState.APPROVED)),
    )
    helpful = CommentFlag.objects.filter(
        comment__in=Post.objects.filter(user=user, state=PostState.APPROVED),
        flag=HELPFUL_FLAG,
    ).exclude(user=user)
    active = Warning.objects.filter(user=user, expires_at__gt=now)
    return MemberStats(
        approved_posts=posts["approved"],
        helpful_received=helpful.count(),
        days_since_joining=(now - user.date_joined).days,
        active_warnings=active.count(),
    )


def _meets(stats: MemberStats, *, posts: int, days: int, helpful: int) -> bool:
    return (
        stats.approved_posts >= posts
        and stats.days_since_joining >= days
        and stats.helpful_received >= helpful
    )


def level_for(*, profile: MemberProfile, stats: MemberStats, settings_: TrustSettings) -> str:
    """The level the member should have now."""
    if stats.active_warnings or profile.is_suspended or profile.is_banned:
        return TrustLevel.NEW
    if profile.granted_level == TrustLevel.HERO:
        return TrustLevel.HERO
    earned = profile.level
    if profile.granted_level == TrustLevel.TRUSTED or (
        settings_.trusted_automatic
        and _meets(
            stats,
            posts=settings_.trusted_min_posts,
            days=settings_.trusted_min_days,
            helpful=settings_.trusted_min_helpful,
        )
    ):
        computed = TrustLevel.TRUSTED
    elif _meets(
        stats,
        posts=settings_.regular_min_posts,
        days=settings_.regular_min_days,
        helpful=settings_.regular_min_helpful,
    ):
        computed = TrustLevel.REGULAR
    else:
        computed = TrustLevel.NEW
    # A level once earned is kept (Hero only while granted).
    if earned == TrustLevel.HERO:
        earned = TrustLevel.TRUSTED
    return computed if LEVEL_RANK[computed] >= LEVEL_RANK[earned] else earned


@transaction.atomic
def level_recompute(*, user, actor=None, settings_: TrustSettings | None = None) -> str:
    """Bring the member's level up to date; tell them when they reach a higher level."""
    profile, _created = MemberProfile.objects.select_for_update().get_or_create(user=user)
    settings_ = settings_ or trust_settings()
    new_level = level_for(profile=profile, stats=member_stats(user), settings_=settings_)
    if new_level != profile.level:
        _set_level(profile=profile, level=new_level, actor=actor)
    return new_level


def _set_level(*, profile: MemberProfile, level: str, actor=None) -> None:
    old_level = profile.level
    profile.level = level
    profile.level_changed_at = timezone.now()
    profile.save(update_fields=["level", "level_changed_at", "granted_level"])
    log(
        instance=profile,
        action="community.level",
        user=actor,
        data={"from": old_level, "to": level},
    )
    if LEVEL_RANK[level] > LEVEL_RANK[old_level]:
        Notice.objects.create(user=profile.user, kind=NoticeKind.LEVEL, level=level)
        from . import notifications

        user = profile.user
        transaction.on_commit(lambda: notifications.send_level_reached(user, level))


@transaction.atomic
def level_grant(*, profile: MemberProfile, level: str, moderator) -> MemberProfile:
    """A moderator grants Trusted or Hero, or takes a granted level back (``level=""``)."""
    if level not in ("", TrustLevel.TRUSTED, TrustLevel.HERO):
        raise ValueError(level)
    profile = MemberProfile.objects.select_for_update().get(pk=profile.pk)
    profile.granted_level = level
    if not level and profile.level in (TrustLevel.TRUSTED, TrustLevel.HERO):
        # Taking the grant back: the thresholds decide again, from Regular.
        profile.level = TrustLevel.REGULAR
    profile.save(update_fields=["granted_level", "level"])
    log(instance=profile, action="community.grant", user=moderator, data={"level": level})
    level_recompute(user=profile.user, actor=moderator)
    profile.refresh_from_db()
    return profile


def warning_expiry(settings_: TrustSettings) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings_.warning_days)
