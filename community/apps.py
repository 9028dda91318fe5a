from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed, user_logged_in, user_signed_up
        from django.db.models.signals import post_delete, post_save, pre_save
        from django_comments.models import CommentFlag
        from django_comments.moderation import moderator
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save
        from wagtail.models import get_page_models

        from . import jobs, signal_handlers  # noqa: F401 (jobs registers the periodic jobs)
        from .models import Post, Warning
        from .moderation import PostModerator

        # django-comments-xtd copies a post's is_public onto all its replies whenever the post
        # is saved; here every post has its own moderation state, so that copy is switched off.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=Post._meta.label)

        # Every page type whose thread accepts posts (``allowed_post_kinds``) is moderated.
        moderator.register(
            [model for model in get_page_models() if getattr(model, "allowed_post_kinds", ())],
            PostModerator,
        )

        post_save.connect(
            signal_handlers.create_member_profile,
            sender="auth.User",
            dispatch_uid="community_create_member_profile",
        )
        post_save.connect(
            signal_handlers.post_saved, sender=Post, dispatch_uid="community_post_level"
        )
        post_save.connect(
            signal_handlers.post_seen_saved, sender=Post, dispatch_uid="community_post_seen"
        )
        post_delete.connect(
            signal_handlers.post_seen_deleted, sender=Post, dispatch_uid="community_post_gone"
        )
        post_save.connect(
            signal_handlers.helpful_changed,
            sender=CommentFlag,
            dispatch_uid="community_helpful_level",
        )
        post_delete.connect(
            signal_handlers.helpful_changed,
            sender=CommentFlag,
            dispatch_uid="community_helpful_level_removed",
        )
        post_save.connect(
            signal_handlers.warning_saved, sender=Warning, dispatch_uid="community_warning_level"
        )
        user_signed_up.connect(signal_handlers.member_signed_up)
        email_confirmed.connect(signal_handlers.send_welcome_email)
        user_logged_in.connect(signal_handlers.show_welcome_message)

        from search.registry import registry

        from . import search

        search.connect(registry)
