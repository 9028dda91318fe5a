"""Who may do what in the community: one place for each rule the views and services share."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import PostKind, PostState, TrustLevel


def kinds_for_page(page) -> list[str]:
    """The kinds of top-level post a page's thread accepts, as its page type declares them
    (``allowed_post_kinds``: reviews on products only); none means the page has no thread."""
    return [PostKind(kind) for kind in getattr(page.specific_class, "allowed_post_kinds", ())]


def has_thread(page) -> bool:
    return bool(kinds_for_page(page))


def is_staff_member(user) -> bool:
    """Support, Moderators and Editors (see ``core/roles.py``) answer officially for the brand:
    their posts are official answers, they may reply in the brand-led phase and link FAQs."""
    if user is None or not user.is_authenticated:
        return False
    # Django's permission cache on the user serves later checks of the request too.
    return user.has_perm("community.answer_officially")


def member_level(user) -> str | None:
    """The member's trust level (``None`` for a guest); staff count as Trusted."""
    if user is None or not user.is_authenticated:
        return None
    if is_staff_member(user):
        return TrustLevel.TRUSTED
    profile = getattr(user, "community_profile", None)
    return profile.level if profile is not None else TrustLevel.NEW


def is_new_member(user) -> bool:
    """A member at the New level (not staff): their posts and edits wait for approval."""
    return member_level(user) == TrustLevel.NEW


def needs_premoderation(user) -> bool:
    """Whether a new post waits for a moderator: guests' and New members' posts do; Regulars
    and above publish at once (and are moderated afterwards)."""
    return user is None or not user.is_authenticated or is_new_member(user)


def posting_blocked_reason(user) -> str | None:
    """Why a member may not post at all right now (suspended or banned), or ``None``."""
    if user is None or not user.is_authenticated:
        return None
    profile = getattr(user, "community_profile", None)
    if profile is None:
        return None
    if profile.is_banned:
        return _("Your account is banned from posting in the community.")
    if profile.is_suspended:
        return _("Your account is suspended from posting until %(date)s.") % {
            "date": date_format(timezone.localtime(profile.suspended_until), "DATETIME_FORMAT")
        }
    return None


def max_level(page) -> int:
    """The deepest reply level allowed under this page: django-comments-xtd's
    ``COMMENTS_XTD_MAX_THREAD_LEVEL`` (or its per-model setting), read when asked."""
    content_type = ContentType.objects.get_for_model(page.specific_class)
    by_model = getattr(settings, "COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL", {})
    key = f"{content_type.app_label}.{content_type.model}"
    return by_model.get(key, settings.COMMENTS_XTD_MAX_THREAD_LEVEL)


def can_reply(*, user, parent, community_settings) -> bool:
    if parent.level >= max_level(parent.page):
        return False
    if community_settings.brand_led:
        return is_staff_member(user)
    return True


def can_edit(*, user, post) -> bool:
    return (
        user.is_authenticated
        and post.user_id == user.pk
        and not post.is_deleted
        and post.state not in (PostState.SPAM, PostState.REMOVED)
    )


def can_resolve(*, user, question) -> bool:
    if not user.is_authenticated or question.kind != PostKind.QUESTION:
        return False
    return question.user_id == user.pk or is_staff_member(user)


def post_length_limits() -> tuple[int, int]:
    return settings.COMMUNITY_POST_MIN_LENGTH, settings.COMMENT_MAX_LENGTH
