"""Receivers connected in ``CommunityConfig.ready()``."""

from django.contrib import messages

from . import services
from .models import MemberProfile
from .selectors import community_settings


def create_member_profile(sender, instance, created, raw=False, **kwargs) -> None:
    """Every account gets a community profile (display name, preferences, invitation code)."""
    if created and not raw:
        MemberProfile.objects.get_or_create(user=instance)


def member_signed_up(sender, request, user, **kwargs) -> None:
    """allauth's signup: a member who signed up without our form still joins the Members."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None or not profile.welcome_pending:
        services.member_join(
            user=user,
            display_name=profile.display_name if profile else "",
            language=getattr(request, "LANGUAGE_CODE", "ko"),
            needs_approval=community_settings(request).signup == "verified",
        )


def send_welcome_email(sender, request, email_address, **kwargs) -> None:
    services.welcome_send_once(
        user=email_address.user, community_settings=community_settings(request)
    )


def show_welcome_message(sender, request, user, **kwargs) -> None:
    """The welcome message, once, at the first login after signup."""
    if services.welcome_take(user=user):
        profile = MemberProfile.objects.get(user=user)
        language = getattr(request, "LANGUAGE_CODE", profile.language)
        text = community_settings(request).welcome_message(language)
        if text:
            messages.success(request, text, extra_tags="welcome")


def _recompute_level(user) -> None:
    from django.db import transaction

    from . import policies, tasks

    if user is None or not user.is_active or policies.is_staff_member(user):
        return
    transaction.on_commit(lambda: tasks.recompute_level.enqueue(user_id=user.pk))


def post_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """An approved post may take its author to the next trust level."""
    if not raw and instance.user_id and instance.state == "approved":
        _recompute_level(instance.user)


def helpful_changed(sender, instance, raw=False, **kwargs) -> None:
    """A helpful reaction counts towards the author's trust level."""
    from .models import HELPFUL_FLAG, Post

    if raw or instance.flag != HELPFUL_FLAG:
        return
    author = Post.objects.filter(pk=instance.comment_id).select_related("user").first()
    if author is not None and author.user is not None:
        _recompute_level(author.user)


def warning_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """An active warning takes the member back to New."""
    from . import trust

    if created and not raw:
        trust.level_recompute(user=instance.user, actor=instance.moderator)


def post_seen_saved(sender, instance, raw=False, **kwargs) -> None:
    """A post entering or leaving the approved state, or an approved post edited (its text,
    rating, official mark, resolution), shows on pages: start a new cache generation. Flags,
    helpful marks and moderation notes do not."""
    from core import page_cache

    if raw:
        return
    before = getattr(instance, "_seen_as_loaded", None)
    after = instance.seen_by_visitors()
    if before != after or after == ():
        page_cache.invalidate()
    instance._seen_as_loaded = after


def post_seen_deleted(sender, instance, **kwargs) -> None:
    from core import page_cache

    if instance.seen_by_visitors() is not None:
        page_cache.invalidate()


def moderation_queue_changed(sender, raw=False, **kwargs) -> None:
    """A post or a flag saved or deleted may change what the moderation queue counts."""
    from .selectors import moderation_queue_changed

    if not raw:
        moderation_queue_changed()
