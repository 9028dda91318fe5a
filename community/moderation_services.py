"""Moderation writes: flags from members, moderators' actions on posts and members.

Every action is recorded with Wagtail's log entries (action types registered in
``wagtail_hooks.py``): on the post for post actions, on the member's profile for member
actions, so both histories show who did what, when and why.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import page_cache
from core.ratelimit import hit_all

from . import notifications, policies, search, trust
from .models import (
    Flag,
    FlagOutcome,
    FlagReason,
    MemberProfile,
    Notice,
    NoticeKind,
    Post,
    PostState,
    Screening,
    TrustSettings,
    Warning,
    rates_from_text,
)


class BanReason:
    SPAMMER = "spammer"
    IMPOSTOR = "impostor"
    OTHER = "other"
    REMOVES_POSTS = (SPAMMER, IMPOSTOR)


def ban_reason_choices():
    return [
        (BanReason.SPAMMER, _("Spammer: remove all their posts")),
        (BanReason.IMPOSTOR, _("Impostor: remove all their posts")),
        (BanReason.OTHER, _("Other: their posts stay")),
    ]


# Flags -------------------------------------------------------------------------------------


def open_flag_weight(post: Post) -> int:
    return (
        Flag.objects.filter(post=post, handled_at__isnull=True).aggregate(total=Sum("weight"))[
            "total"
        ]
        or 0
    )


@transaction.atomic
def flag_create(
    *, post: Post, user, reason: str, text: str = "", settings_: TrustSettings | None = None
) -> Flag:
    """A member flags a post. Raises ``ValidationError`` for a refused flag and ``RateLimited``
    when the member flags too often. Enough weight hides the post pending review."""
    if not user.is_authenticated:
        raise ValidationError(_("Please log in to flag a post."))
    if post.user_id == user.pk:
        raise ValidationError(_("You cannot flag your own post."))
    blocked = policies.posting_blocked_reason(user)
    if blocked:
        raise ValidationError(blocked)
    if post.state != PostState.APPROVED or post.is_deleted:
        raise ValidationError(_("This post cannot be flagged."))
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    text = " ".join((text or "").split())[:500]
    if reason == FlagReason.OTHER and not text:
        raise ValidationError({"text": _("Please say what is wrong with this post.")})
    if Flag.objects.filter(post=post, user=user).exists():
        raise ValidationError(_("You have already flagged this post: our moderators will look."))
    settings_ = settings_ or trust.trust_settings()
    hit_all("community-flag", [f"member:{user.pk}"], rates_from_text(settings_.rate_flags))
    level = policies.member_level(user)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                post=post, user=user, reason=reason, text=text, weight=settings_.flag_weight(level)
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already flagged this post: our moderators will look.")
        ) from None
    log(
        instance=post,
        action="community.flag",
        user=user,
        data={"reason": reason, "text": text, "weight": flag.weight},
    )
    if open_flag_weight(post) >= settings_.flag_hide_threshold:
        post = Post.objects.select_for_update(of=("self",)).get(pk=post.pk)
        if post.state == PostState.APPROVED:
            post.previous_state = post.state
            post.state = PostState.HIDDEN
            post.hidden_by_flags = True
            post.save(
                update_fields=[
                    "state",
                    "previous_state",
                    "hidden_by_flags",
                    "is_public",
                    "is_removed",
                ]
            )
            log(instance=post, action="community.hidden_by_flags", user=None)
    return flag


def _handle_flags(post: Post, outcome: str) -> None:
    """Close the post's open flags and tell each flagger."""
    now = timezone.now()
    flags = list(Flag.objects.filter(post=post, handled_at__isnull=True))
    if not flags:
        return
    Flag.objects.filter(pk__in=[f.pk for f in flags]).update(handled_at=now, outcome=outcome)
    Notice.objects.bulk_create(
        Notice(user_id=f.user_id, kind=NoticeKind.FLAG_HANDLED, post=post, note=outcome)
        for f in flags
    )


# Post actions ------------------------------------------------------------------------------


def _set_state(
    post: Post, state: str, *, moderator, action: str, data=None, notify: bool = True
) -> Post:
    from .services import _after_approval

    was_approved = post.state == PostState.APPROVED
    if state in (PostState.HIDDEN, PostState.REMOVED, PostState.SPAM) and post.state not in (
        PostState.HIDDEN,
        PostState.REMOVED,
        PostState.SPAM,
    ):
        post.previous_state = post.state
    post.state = state
    post.moderated_at = timezone.now()
    if state == PostState.APPROVED:
        post.hidden_by_flags = False
        if post.screening == Screening.HOLD:
            post.screening_reason = ""
            post.screening = Screening.NONE
    post.save()
    log(instance=post, action=action, user=moderator, data=data or {})
    if notify and state == PostState.APPROVED and not was_approved:
        _after_approval(post)
    return post


@transaction.atomic
def post_approve(*, post: Post, moderator) -> Post:
    post = _set_state(post, PostState.APPROVED, moderator=moderator, action="community.approve")
    if post.screening == Screening.FLAG:
        post.screening = Screening.NONE
        post.save(update_fields=["screening"])
    _handle_flags(post, FlagOutcome.DISMISSED)
    return post


@transaction.atomic
def post_reject(
    *, post: Post, moderator, reason_code: str, note: str = "", allow_resubmit: bool = True
) -> Post:
    """Reject a post with a reason from the guidelines; the author is told (notice and email)
    and, when ``allow_resubmit``, can edit the post and send it again."""
    if not reason_code:
        raise ValidationError({"reason_code": _("Choose a reason from the guidelines.")})
    post.rejection_code = reason_code
    post.rejection_note = note
    post.resubmit_allowed = allow_resubmit
    post = _set_state(
        post,
        PostState.REJECTED,
        moderator=moderator,
        action="community.reject",
        data={"reason": reason_code, "note": note, "resubmit": allow_resubmit},
    )
    _handle_flags(post, FlagOutcome.UPHELD)
    if post.user_id:
        Notice.objects.create(
            user_id=post.user_id,
            kind=NoticeKind.REJECTION,
            post=post,
            reason_code=reason_code,
            note=note,
        )
        transaction.on_commit(lambda: notifications.send_post_rejected(post))
    return post


@transaction.atomic
def post_mark_spam(*, post: Post, moderator) -> Post:
    post = _set_state(post, PostState.SPAM, moderator=moderator, action="community.spam")
    _handle_flags(post, FlagOutcome.UPHELD)
    return post


@transaction.atomic
def post_hide(*, post: Post, moderator, note: str = "") -> Post:
    post = _set_state(
        post, PostState.HIDDEN, moderator=moderator, action="community.hide", data={"note": note}
    )
    _handle_flags(post, FlagOutcome.UPHELD)
    return post


@transaction.atomic
def post_restore(*, post: Post, moderator) -> Post:
    """Back to the state before it was hidden, removed or marked spam (approved by default)."""
    state = post.previous_state or PostState.APPROVED
    if state in (PostState.HIDDEN, PostState.REMOVED, PostState.SPAM):
        state = PostState.APPROVED
    post.previous_state = ""
    # Followers heard of the reply when it was first approved: not again on its way back.
    post = _set_state(post, state, moderator=moderator, action="community.restore", notify=False)
    _handle_flags(post, FlagOutcome.DISMISSED)
    return post


POST_ACTIONS = {
    "approve": post_approve,
    "spam": post_mark_spam,
    "hide": post_hide,
    "restore": post_restore,
}


# Member actions ----------------------------------------------------------------------------


def _profile(user) -> MemberProfile:
    return MemberProfile.objects.select_for_update().get_or_create(user=user)[0]


@transaction.atomic
def member_warn(
    *,
    member,
    moderator,
    reason_code: str,
    note: str = "",
    post: Post | None = None,
    notify: bool = True,
) -> Warning:
    """Warn a member with a reason from the guidelines. They see it at their next visit and by
    email; enough active warnings suspend them (the policy in the trust settings)."""
    if not reason_code:
        raise ValidationError({"reason_code": _("Choose a reason from the guidelines.")})
    settings_ = trust.trust_settings()
    profile = _profile(member)
    warning = Warning.objects.create(
        user=member,
        reason_code=reason_code,
        note=note,
        post=post,
        moderator=moderator,
        expires_at=trust.warning_expiry(settings_),
    )
    log(
        instance=profile,
        action="community.warn",
        user=moderator,
        data={"reason": reason_code, "note": note, "post": post.pk if post else None},
    )
    Notice.objects.create(
        user=member, kind=NoticeKind.WARNING, post=post, reason_code=reason_code, note=note
    )
    if notify:
        transaction.on_commit(lambda: notifications.send_warning(warning))
    active = Warning.objects.filter(user=member, expires_at__gt=timezone.now()).count()
    if (
        settings_.warnings_before_suspension
        and active >= settings_.warnings_before_suspension
        and not profile.is_suspended
        and not profile.is_banned
    ):
        member_suspend(
            member=member,
            moderator=moderator,
            days=settings_.suspension_days,
            reason_code=reason_code,
            note=_("%(count)d active warnings") % {"count": active},
        )
    return warning


@transaction.atomic
def member_suspend(
    *, member, moderator, days: int, reason_code: str = "", note: str = ""
) -> MemberProfile:
    if days < 1:
        raise ValidationError({"days": _("A suspension lasts at least one day.")})
    settings_ = trust.trust_settings()
    profile = _profile(member)
    profile.suspended_until = timezone.now() + datetime.timedelta(days=days)
    profile.suspensions += 1
    profile.save(update_fields=["suspended_until", "suspensions"])
    log(
        instance=profile,
        action="community.suspend",
        user=moderator,
        data={"days": days, "reason": reason_code, "note": note},
    )
    Notice.objects.create(
        user=member,
        kind=NoticeKind.SUSPENSION,
        reason_code=reason_code,
        note=note,
        until=profile.suspended_until,
    )
    transaction.on_commit(lambda: notifications.send_suspension(profile))
    if settings_.suspensions_before_ban and profile.suspensions >= settings_.suspensions_before_ban:
        member_ban(member=member, moderator=moderator, reason=BanReason.OTHER, note=note)
    trust.level_recompute(user=member, actor=moderator, settings_=settings_)
    return profile


@transaction.atomic
def member_ban(*, member, moderator, reason: str, note: str = "") -> MemberProfile:
    """Ban a member from posting. As a spammer or impostor, all their posts leave the site
    at once (state "removed", kept in the database; ``member_unban`` brings them back)."""
    if reason not in dict(ban_reason_choices()):
        raise ValidationError({"reason": _("Choose why this member is banned.")})
    profile = _profile(member)
    profile.banned_at = timezone.now()
    profile.ban_reason = reason
    profile.save(update_fields=["banned_at", "ban_reason"])
    removed = 0
    if reason in BanReason.REMOVES_POSTS:
        posts = list(Post.objects.filter(user=member).exclude(state=PostState.REMOVED))
        for post in posts:
            post.previous_state = post.state
            post.state = PostState.REMOVED
            post.moderated_at = profile.banned_at
        _save_all(posts)
        removed = len(posts)
    log(
        instance=profile,
        action="community.ban",
        user=moderator,
        data={"reason": reason, "note": note, "posts_removed": removed},
    )
    trust.level_recompute(user=member, actor=moderator)
    return profile


def _save_all(posts: list[Post]) -> None:
    for post in posts:
        post.is_public = False
        post.is_removed = True
    Post.objects.bulk_update(
        posts, ["previous_state", "state", "moderated_at", "is_public", "is_removed"]
    )
    search.posts_changed(posts)
    if posts:
        page_cache.invalidate()


@transaction.atomic
def member_unban(*, member, moderator) -> MemberProfile:
    """Lift a ban; the posts the ban removed come back in their earlier state."""
    profile = _profile(member)
    profile.banned_at = None
    profile.ban_reason = ""
    profile.save(update_fields=["banned_at", "ban_reason"])
    posts = list(Post.objects.filter(user=member, state=PostState.REMOVED))
    for post in posts:
        post.state = post.previous_state or PostState.APPROVED
        post.previous_state = ""
        post.is_public = post.state == PostState.APPROVED
        post.is_removed = post.deleted_at is not None
    Post.objects.bulk_update(posts, ["state", "previous_state", "is_public", "is_removed"])
    search.posts_changed(posts)
    if posts:
        page_cache.invalidate()
    log(
        instance=profile,
        action="community.unban",
        user=moderator,
        data={"posts_restored": len(posts)},
    )
    trust.level_recompute(user=member, actor=moderator)
    return profile


@transaction.atomic
def member_unsuspend(*, member, moderator) -> MemberProfile:
    profile = _profile(member)
    profile.suspended_until = None
    profile.save(update_fields=["suspended_until"])
    log(instance=profile, action="community.unsuspend", user=moderator)
    trust.level_recompute(user=member, actor=moderator)
    return profile


@transaction.atomic
def notice_dismiss(*, user, notice_id: int) -> bool:
    return bool(
        Notice.objects.filter(pk=notice_id, user=user, seen_at__isnull=True).update(
            seen_at=timezone.now()
        )
    )
