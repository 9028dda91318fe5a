"""Moderation of new posts through django-comments' moderator (registered in ``apps.py``).

The posting service sends django-comments' ``comment_will_be_posted`` signal, so the registered
``CommentModerator`` decides for every new post whether it is allowed at all (``allow``) and
whether it waits for approval (``moderate``): guests' and New members' posts do (see
``policies.needs_premoderation``). The screening pipeline (``screening.py``) runs before, in the
posting service, and may hold a post even when the level would publish it.
"""

from django_comments_xtd.moderation import XtdCommentModerator

from . import policies


class PostModerator(XtdCommentModerator):
    email_notification = False

    def allow(self, comment, content_object, request) -> bool:
        return bool(content_object.live) and super().allow(comment, content_object, request)

    def moderate(self, comment, content_object, request) -> bool:
        if policies.needs_premoderation(comment.user):
            return True
        return super().moderate(comment, content_object, request)
