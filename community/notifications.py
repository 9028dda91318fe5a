"""Emails the community sends, each in its recipient's language, as plain text. They are
stored and delivered by the worker (``core.mail``)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import tokens
from .markup import plain_excerpt
from .models import Follow, MemberProfile, Post, display_name_for


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _language_of(user) -> str:
    profile = MemberProfile.objects.filter(user=user).first()
    return profile.language if profile else settings.LANGUAGE_CODE


def _message(*, to: str, language: str, template: str, context: dict, headers=None) -> EmailMessage:
    with translation.override(language):
        subject = render_to_string(f"community/email/{template}_subject.txt", context)
        body = render_to_string(f"community/email/{template}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to],
        headers=headers or {},
    )


def _send(**kwargs) -> None:
    _message(**kwargs).send()


EXCERPT_LENGTH = 300


def _about(post: Post) -> dict:
    """What an email about ``post`` quotes: its page's title and the start of its text."""
    return {
        "page_title": post.page.specific.title,
        "excerpt": plain_excerpt(post.comment, EXCERPT_LENGTH),
    }


def _post_url(post: Post, language: str) -> str:
    with translation.override(language):
        return _absolute(post.get_absolute_url())


def send_guest_confirmation(submission) -> None:
    with translation.override(submission.language):
        path = reverse("community:guest_confirm", args=[tokens.guest_token(submission)])
    _send(
        to=submission.email,
        language=submission.language,
        template="guest_confirmation",
        context={
            "name": submission.name,
            "page_title": submission.page.specific.title,
            "excerpt": plain_excerpt(submission.data.get("text", ""), EXCERPT_LENGTH),
            "url": _absolute(path),
            "hours": settings.COMMUNITY_GUEST_CONFIRMATION_HOURS,
        },
    )


def send_new_reply(reply: Post) -> None:
    """Tell the followers of the thread about a newly approved reply; when staff answered, tell
    the author of the post they answered (once, even if they also follow the thread)."""
    parent = Post.objects.select_related("user").get(pk=reply.parent_id)
    messages: list[EmailMessage] = []
    told: set[int] = set()
    if reply.user_id is not None:
        told.add(reply.user_id)
    if reply.is_official and parent.user_id and parent.user_id not in told:
        profile = MemberProfile.objects.filter(user_id=parent.user_id).first()
        if profile is None or profile.notify_staff_answers:
            language = _language_of(parent.user)
            message = _message(
                to=parent.user.email,
                language=language,
                template="staff_answer",
                context={
                    "name": display_name_for(parent.user),
                    **_about(reply),
                    "url": _post_url(reply, language),
                },
            )
            messages.append(message)
        told.add(parent.user_id)

    follows = (
        Follow.objects.filter(post_id=reply.thread_id)
        .exclude(user_id__in=told)
        .select_related("user__community_profile")
    )
    for follow in follows:
        profile = getattr(follow.user, "community_profile", None)
        if profile is not None and not profile.notify_followed_threads:
            continue
        if not follow.user.is_active or not follow.user.email:
            continue
        language = profile.language if profile else settings.LANGUAGE_CODE
        with translation.override(language):
            unsubscribe = _absolute(
                reverse("community:unsubscribe", args=[tokens.unsubscribe_token(follow)])
            )
        message = _message(
            to=follow.user.email,
            language=language,
            template="new_reply",
            context={
                "name": display_name_for(follow.user),
                "author": reply.author_display_name,
                **_about(reply),
                "url": _post_url(reply, language),
                "unsubscribe_url": unsubscribe,
            },
            headers={"List-Unsubscribe": f"<{unsubscribe}>"},
        )
        messages.append(message)
    # One connection for every message: the mail backend stores them all and enqueues one
    # delivery, which sends them in batches.
    get_connection().send_messages(messages)


def send_welcome(user, message: str, language: str) -> None:
    _send(
        to=user.email,
        language=language,
        template="welcome",
        context={"name": display_name_for(user), "message": message},
    )


def send_member_approved(user) -> None:
    language = _language_of(user)
    with translation.override(language):
        login = _absolute(reverse("account_login"))
    _send(
        to=user.email,
        language=language,
        template="member_approved",
        context={"name": display_name_for(user), "url": login},
    )


def _guideline(code: str, language: str) -> dict | None:
    from .guidelines import rule_for

    return rule_for(code, language) if code else None


def send_level_reached(user, level: str) -> None:
    """A member reached a higher trust level."""
    from .models import TrustLevel

    if not user.email:
        return
    language = _language_of(user)
    with translation.override(language):
        level_label = str(TrustLevel(level).label)
        url = _absolute(reverse("community:profile", args=[user.pk]))
    _send(
        to=user.email,
        language=language,
        template="level_reached",
        context={
            "name": display_name_for(user),
            "level": level,
            "level_label": level_label,
            "url": url,
        },
    )


def send_post_rejected(post: Post) -> None:
    if not post.user_id or not post.user.email:
        return
    language = _language_of(post.user)
    with translation.override(language):
        edit_url = _absolute(reverse("community:post_edit", args=[post.pk]))
    _send(
        to=post.user.email,
        language=language,
        template="post_rejected",
        context={
            "name": display_name_for(post.user),
            **_about(post),
            "rule": _guideline(post.rejection_code, language),
            "note": post.rejection_note,
            "edit_url": edit_url if post.resubmit_allowed else "",
        },
    )


def send_warning(warning) -> None:
    user = warning.user
    if not user.email:
        return
    language = _language_of(user)
    _send(
        to=user.email,
        language=language,
        template="warning",
        context={
            "name": display_name_for(user),
            "rule": _guideline(warning.reason_code, language),
            "note": warning.note,
            "until": warning.expires_at,
        },
    )


def send_suspension(profile) -> None:
    user = profile.user
    if not user.email:
        return
    language = _language_of(user)
    _send(
        to=user.email,
        language=language,
        template="suspension",
        context={"name": display_name_for(user), "until": profile.suspended_until},
    )
