"""The community's background work, run by the worker after the request's transaction commits.
Each task loads what it needs by id and does nothing when there is nothing (left) to do, so a
retry or a late run does no harm."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import notifications, trust
from .models import Post, PostState


@task()
def notify_new_reply(post_id: int) -> bool:
    """Tell the thread's followers (and the author of an answered post) about an approved
    reply: all their emails in one go, whatever their number. Once per reply."""
    with transaction.atomic():
        claimed = Post.objects.filter(
            pk=post_id, state=PostState.APPROVED, followers_notified_at__isnull=True
        ).update(followers_notified_at=timezone.now())
        if not claimed:
            return False
        notifications.send_new_reply(Post.objects.select_related("page").get(pk=post_id))
    return True


@task()
def recompute_level(user_id: int) -> str | None:
    """Bring a member's trust level up to date (an approved post or a helpful mark)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return trust.level_recompute(user=user)
