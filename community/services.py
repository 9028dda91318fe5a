"""Every write of the community goes through these functions.

``post_create`` is the one door for new posts (members', staff's and confirmed guests'): it
checks the rules, decides once whether the post waits for approval (the author's level, then
the screening verdict), saves it with its thread data, and schedules the notifications. Errors are raised as
``ValidationError`` with messages keyed by form field, so a view can show them next to what
the visitor typed; nothing is saved when one is raised.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from wagtail.models import Page

from core import page_cache, roles
from core.converters import parse_id

from . import notifications, policies, screening, tasks, tokens, trust
from .models import (
    HELPFUL_FLAG,
    CommunitySettings,
    Follow,
    GuestSubmission,
    MemberProfile,
    Post,
    PostKind,
    PostState,
    Screening,
    display_name_for,
)

GUEST_EMAIL_INTERVAL = datetime.timedelta(hours=1)


def _check_text(text: str) -> str:
    text = (text or "").strip()
    minimum, maximum = policies.post_length_limits()
    if not text:
        raise ValidationError({"comment": _("Please write something before posting.")})
    if len(text) < minimum:
        raise ValidationError(
            {
                "comment": _("Your post is too short: at least %(min)d characters.")
                % {"min": minimum}
            }
        )
    if len(text) > maximum:
        raise ValidationError(
            {
                "comment": _(
                    "Your post is too long: at most %(limit)d characters (it has %(count)d)."
                )
                % {"limit": maximum, "count": len(text)}
            }
        )
    return text


def _check_rating(rating) -> int:
    if rating in (None, ""):
        raise ValidationError({"rating": _("A review needs a rating from 1 to 5 stars.")})
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5 stars.")})
    return value


def check_new_post(
    *,
    page: Page,
    kind: str,
    author,
    parent: Post | None,
    community_settings: CommunitySettings,
) -> None:
    """The rules a new post must follow, before anything is written."""
    is_member = author is not None and author.is_authenticated
    if not policies.has_thread(page) or not page.live:
        raise ValidationError(_("Posts are not possible on this page."))
    if not is_member and not community_settings.guests_may_post:
        raise ValidationError(_("Please log in to post."))
    blocked = policies.posting_blocked_reason(author)
    if blocked:
        raise ValidationError(blocked)
    restriction_types = {r.restriction_type for r in page.get_view_restrictions()}
    if restriction_types - {"login"} or (restriction_types and not is_member):
        raise ValidationError(_("Posts are not possible on this page."))
    if parent is not None:
        if parent.page_id != page.pk:
            raise ValidationError(_("You can only reply to a post on this page."))
        if parent.state != PostState.APPROVED or parent.is_deleted:
            raise ValidationError(_("This post can no longer be answered."))
        if parent.level >= policies.max_level(page):
            raise ValidationError(
                _("Replies cannot go deeper here: please answer the post above instead.")
            )
        if community_settings.brand_led and not policies.is_staff_member(author):
            raise ValidationError(
                _(
                    "For now only our staff reply in threads. You can start a new post with "
                    "your question or tip."
                )
            )
        if kind != PostKind.REPLY:
            raise ValidationError({"kind": _("This kind of post is not possible here.")})
        return
    if kind not in policies.kinds_for_page(page):
        if kind == PostKind.REVIEW:
            raise ValidationError({"kind": _("Reviews are only possible on products.")})
        raise ValidationError({"kind": _("This kind of post is not possible here.")})
    if kind == PostKind.REVIEW:
        if not is_member:
            raise ValidationError({"kind": _("Please log in to write a review.")})
        if (
            Post.objects.on_page(page)
            .filter(kind=PostKind.REVIEW, user=author, deleted_at__isnull=True)
            .exists()
        ):
            raise ValidationError(
                {"kind": _("You have already reviewed this product: you can edit your review.")}
            )


def _faqs_from_ids(faq_ids: Iterable[int]) -> list[Page]:
    from stories.models import FAQPage

    faq_ids = list(dict.fromkeys(faq_ids))
    ids = [pk for pk in faq_ids if parse_id(str(pk)) is not None]
    faqs = {faq.pk: faq for faq in FAQPage.objects.filter(pk__in=ids)}
    missing = [str(pk) for pk in faq_ids if pk not in faqs]
    if missing:
        raise ValidationError(
            {"faq_links": _("No FAQ has the number %(ids)s.") % {"ids": ", ".join(missing)}}
        )
    return [faqs[pk] for pk in faq_ids]


@transaction.atomic
def post_create(
    *,
    page: Page,
    text: str,
    kind: str,
    community_settings: CommunitySettings,
    author=None,
    guest_name: str = "",
    guest_email: str = "",
    rating: int | None = None,
    parent: Post | None = None,
    faq_ids: Iterable[int] = (),
    follow: bool | None = None,
    request=None,
    ip_address: str | None = None,
    notify: bool = True,
    honeypot: str = "",
    count_rate: bool = True,
) -> Post:
    """Create a post (or reply) on ``page`` by a member (``author``) or a confirmed guest.

    Every post passes the screening pipeline (``screening.py``): a rejected post raises
    ``ValidationError`` (or ``RateLimited`` when the author posts too often) and nothing is
    saved; a held post waits for a moderator. ``notify=False`` skips the emails (for imported
    or demo content)."""
    page = page.specific
    is_member = author is not None and author.is_authenticated
    text = _check_text(text)
    check_new_post(
        page=page, kind=kind, author=author, parent=parent, community_settings=community_settings
    )
    rating = _check_rating(rating) if kind == PostKind.REVIEW else None
    is_official = policies.is_staff_member(author)
    faqs = _faqs_from_ids(faq_ids) if is_official else []
    verdict = _screen(
        text=text,
        author=author if is_member else None,
        guest_email=guest_email,
        ip_address=ip_address,
        honeypot=honeypot,
        count_rate=count_rate,
        request=request,
    )

    post = Post(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        page=page,
        user=author if is_member else None,
        user_name=(display_name_for(author) if is_member else guest_name)[:50],
        user_email=(author.email if is_member else guest_email),
        comment=text,
        kind=kind,
        rating=rating,
        is_official=is_official,
        submit_date=timezone.now(),
        ip_address=ip_address,
        parent_id=parent.pk if parent else 0,
        followup=bool(follow),
        # Decided here, once: guests' and New members' posts wait for a moderator, and the
        # screening verdict may hold any post.
        state=(PostState.PENDING if policies.needs_premoderation(author) else PostState.APPROVED),
    )
    _apply_verdict(post, verdict)
    post.save()
    if faqs:
        post.linked_faqs.set(faqs)

    if is_member:
        profile = MemberProfile.objects.filter(user=author).first()
        wants_follow = (
            follow if follow is not None else bool(profile and profile.follow_own_threads)
        )
        if wants_follow:
            Follow.objects.get_or_create(user=author, post_id=post.thread_id)
    if post.state == PostState.APPROVED and notify:
        _after_approval(post)
    return post


def _screen(
    *,
    text: str,
    author,
    guest_email: str = "",
    ip_address: str | None = None,
    honeypot: str = "",
    count_rate: bool = True,
    editing: Post | None = None,
    request=None,
) -> screening.Verdict:
    """Run the screening pipeline; raise when the post is refused."""
    candidate = screening.Candidate(
        text=text,
        author=author,
        level=policies.member_level(author),
        is_staff=policies.is_staff_member(author),
        settings=trust.trust_settings(request),
        ip_address=ip_address,
        guest_email=guest_email,
        honeypot=honeypot,
        editing=editing,
        count_rate=count_rate,
    )
    verdict = screening.screen(candidate)
    if verdict.action == screening.Action.REJECT:
        if verdict.limited is not None:
            raise verdict.limited
        if verdict.field:
            raise ValidationError({verdict.field: verdict.reason})
        raise ValidationError(verdict.reason)
    return verdict


def _apply_verdict(post: Post, verdict: screening.Verdict) -> None:
    if verdict.action == screening.Action.HOLD:
        post.state = PostState.PENDING
        post.screening = Screening.HOLD
        post.screening_reason = verdict.reason
    elif verdict.action == screening.Action.FLAG:
        post.screening = Screening.FLAG
        post.screening_reason = verdict.reason
    else:
        post.screening = Screening.NONE
        post.screening_reason = ""


def _after_approval(post: Post) -> None:
    if post.level > 0:
        transaction.on_commit(lambda: tasks.notify_new_reply.enqueue(post_id=post.pk))


@transaction.atomic
def post_edit(
    *,
    post: Post,
    editor,
    text: str,
    rating: int | None = None,
    ip_address: str | None = None,
    request=None,
) -> Post:
    """The author edits their post; the edit is marked, and a new member's edit waits for
    approval again."""
    if not policies.can_edit(user=editor, post=post):
        raise ValidationError(_("You can only edit your own posts."))
    blocked = policies.posting_blocked_reason(editor)
    if blocked:
        raise ValidationError(blocked)
    if post.state == PostState.REJECTED and not post.resubmit_allowed:
        raise ValidationError(_("This post was not published and cannot be sent again."))
    text = _check_text(text)
    if post.kind == PostKind.REVIEW:
        rating = _check_rating(rating)
    verdict = _screen(
        text=text, author=editor, ip_address=ip_address, editing=post, request=request
    )
    post.comment = text
    if post.kind == PostKind.REVIEW:
        post.rating = rating
    post.edited_at = timezone.now()
    if post.state == PostState.REJECTED:
        # Edited after a rejection that allows it: back in the moderators' queue.
        post.state = PostState.PENDING
        post.rejection_code = ""
        post.rejection_note = ""
    if policies.is_new_member(editor) and post.state == PostState.APPROVED:
        post.state = PostState.PENDING
    _apply_verdict(post, verdict)
    post.save()
    return post


@transaction.atomic
def post_delete(*, post: Post, user) -> Post:
    """The author deletes their post: its text goes; with replies it stays as "deleted by the
    author" so the thread still reads."""
    if not policies.can_edit(user=user, post=post):
        raise ValidationError(_("You can only delete your own posts."))
    post.deleted_at = timezone.now()
    post.comment = ""
    post.save()
    post.linked_faqs.clear()
    Post.objects.filter(resolved_by=post).update(resolved_by=None, resolved_at=None)
    return post


@transaction.atomic
def helpful_mark(*, post: Post, user) -> None:
    """Mark a post helpful; marking it again changes nothing."""
    if not user.is_authenticated:
        raise ValidationError(_("Please log in to mark posts as helpful."))
    if post.user_id == user.pk:
        raise ValidationError(_("You cannot mark your own post as helpful."))
    if post.state != PostState.APPROVED or post.is_deleted:
        raise ValidationError(_("This post cannot be marked."))
    CommentFlag.objects.get_or_create(
        comment=post, user=user, flag=HELPFUL_FLAG, defaults={"flag_date": timezone.now()}
    )


@transaction.atomic
def helpful_unmark(*, post: Post, user) -> None:
    """Take back a helpful mark; taking it back again changes nothing."""
    if not user.is_authenticated:
        raise ValidationError(_("Please log in to mark posts as helpful."))
    CommentFlag.objects.filter(comment=post, user=user, flag=HELPFUL_FLAG).delete()


@transaction.atomic
def thread_follow(*, post: Post, user) -> Follow:
    if not user.is_authenticated:
        raise ValidationError(_("Please log in to follow a thread."))
    follow, _created = Follow.objects.get_or_create(user=user, post_id=post.thread_id)
    return follow


@transaction.atomic
def thread_unfollow(*, post: Post, user) -> None:
    Follow.objects.filter(user=user, post_id=post.thread_id).delete()


@transaction.atomic
def unsubscribe(*, token: str) -> Follow | None:
    """One-click unsubscribe from an email link; returns the follow that was removed (None when
    it was already gone). Raises ``ValidationError`` for a broken token."""
    try:
        payload = tokens.read_unsubscribe_token(token)
    except signing.BadSignature:
        raise ValidationError(_("This unsubscribe link is not valid.")) from None
    follow = (
        Follow.objects.filter(pk=payload["follow"], user_id=payload["user"])
        .select_related("post")
        .first()
    )
    if follow is not None:
        follow.delete()
    return follow


@transaction.atomic
def question_resolve(*, question: Post, answer: Post, user) -> Post:
    """The question's author or staff name the answer that resolved it."""
    if not policies.can_resolve(user=user, question=question):
        raise ValidationError(_("Only the person who asked, or our staff, can do this."))
    if (
        answer.thread_id != question.thread_id
        or answer.level == 0
        or answer.state != PostState.APPROVED
        or answer.is_deleted
    ):
        raise ValidationError(_("Choose an answer from this question's thread."))
    question.resolved_by = answer
    question.resolved_at = timezone.now()
    question.save(update_fields=["resolved_by", "resolved_at"])
    return question


@transaction.atomic
def question_unresolve(*, question: Post, user) -> Post:
    if not policies.can_resolve(user=user, question=question):
        raise ValidationError(_("Only the person who asked, or our staff, can do this."))
    question.resolved_by = None
    question.resolved_at = None
    question.save(update_fields=["resolved_by", "resolved_at"])
    return question


# Guests ------------------------------------------------------------------------------------


@transaction.atomic
def guest_submission_create(
    *,
    page: Page,
    name: str,
    email: str,
    text: str,
    kind: str,
    parent: Post | None,
    community_settings: CommunitySettings,
    language: str,
    ip_address: str | None = None,
    honeypot: str = "",
    request=None,
) -> GuestSubmission:
    """Keep a guest's post until they confirm their email; one email per address per hour.

    The post is screened now (and again, without counting the rate, when it is confirmed)."""
    text = _check_text(text)
    check_new_post(
        page=page.specific,
        kind=kind,
        author=None,
        parent=parent,
        community_settings=community_settings,
    )
    email = email.strip().lower()
    recent = GuestSubmission.objects.filter(
        email=email, created_at__gte=timezone.now() - GUEST_EMAIL_INTERVAL
    )
    if recent.exists():
        message = _(
            "We sent a confirmation to this address less than an hour ago. Please confirm "
            "that post first, or try again later."
        )
        raise ValidationError({"email": ValidationError(message, code="rate_limited")})
    _screen(
        text=text,
        author=None,
        guest_email=email,
        ip_address=ip_address,
        honeypot=honeypot,
        request=request,
    )
    submission = GuestSubmission.objects.create(
        email=email,
        name=name.strip(),
        page=page,
        language=language,
        data={"text": text, "kind": kind, "parent": parent.pk if parent else None},
    )
    transaction.on_commit(lambda: notifications.send_guest_confirmation(submission))
    return submission


def guest_submission_for_token(token: str) -> GuestSubmission:
    """The submission a token confirms; ``ValidationError`` when the token is broken, expired,
    or already used."""
    try:
        payload = tokens.read_guest_token(token)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This confirmation link has expired. Please write your post again.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid.")) from None
    submission = (
        GuestSubmission.objects.filter(pk=payload["id"], nonce=payload["nonce"])
        .select_related("page")
        .first()
    )
    if submission is None:
        raise ValidationError(_("This confirmation link is not valid."))
    if submission.confirmed_at is not None:
        raise ValidationError(_("This post has already been confirmed."))
    return submission


@transaction.atomic
def guest_submission_confirm(*, token: str, community_settings: CommunitySettings, request=None):
    submission = guest_submission_for_token(token)
    # Lock the row so that two clicks at once confirm it once.
    submission = GuestSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.confirmed_at is not None:
        raise ValidationError(_("This post has already been confirmed."))
    data = submission.data
    parent = Post.objects.filter(pk=data.get("parent")).first() if data.get("parent") else None
    post = post_create(
        page=submission.page,
        text=data.get("text", ""),
        kind=data.get("kind", ""),
        community_settings=community_settings,
        guest_name=submission.name,
        guest_email=submission.email,
        parent=parent,
        request=request,
        count_rate=False,
    )
    submission.confirmed_at = timezone.now()
    submission.post = post
    submission.save(update_fields=["confirmed_at", "post"])
    return post


# Members -----------------------------------------------------------------------------------


@transaction.atomic
def member_join(
    *, user, display_name: str, invited_by=None, language: str, needs_approval: bool
) -> MemberProfile:
    """A new member signed up: their profile, the Members group and the welcome to come."""
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    profile.display_name = display_name
    profile.referred_by = invited_by
    profile.language = language if language in dict(settings.LANGUAGES) else profile.language
    profile.awaiting_approval = needs_approval
    profile.welcome_pending = True
    profile.save()
    members = Group.objects.filter(name=roles.MEMBERS).first()
    if members is not None:
        user.groups.add(members)
    return profile


@transaction.atomic
def member_approve(*, profile: MemberProfile, moderator) -> MemberProfile:
    if not profile.awaiting_approval:
        return profile
    profile.awaiting_approval = False
    profile.approved_at = timezone.now()
    profile.approved_by = moderator
    profile.save(update_fields=["awaiting_approval", "approved_at", "approved_by"])
    transaction.on_commit(lambda: notifications.send_member_approved(profile.user))
    return profile


@transaction.atomic
def member_delete(*, user) -> None:
    """Delete a member's account; their posts stay, shown as from a deleted member."""
    Post.objects.filter(user=user).update(user_name="", user_email="", user_url="")
    Post.objects.filter(user=user).update(ip_address=None)
    user.delete()
    page_cache.invalidate()  # their posts now show as from a deleted member


def welcome_send_once(*, user, community_settings: CommunitySettings) -> bool:
    """Email the welcome message once, when the new member's address is confirmed."""
    updated = MemberProfile.objects.filter(user=user, welcome_email_sent_at__isnull=True).update(
        welcome_email_sent_at=timezone.now()
    )
    if not updated:
        return False
    profile = MemberProfile.objects.get(user=user)
    message = community_settings.welcome_message(profile.language)
    if not message:
        return False
    transaction.on_commit(lambda: notifications.send_welcome(user, message, profile.language))
    return True


def welcome_take(*, user) -> bool:
    """Whether the welcome message is still to be shown (and mark it shown)."""
    return bool(
        MemberProfile.objects.filter(user=user, welcome_pending=True).update(welcome_pending=False)
    )


def referral_count(*, user) -> int:
    return MemberProfile.objects.filter(referred_by=user).count()
