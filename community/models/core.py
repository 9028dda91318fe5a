"""Community posts (reviews, tips, questions, replies), member profiles and the site's modes.

``Post`` is the project's django-comments-xtd comment model: the library keeps the thread
structure (``thread_id``, ``parent_id``, ``level``, ``order``) and the security-hashed form;
the moderation ``state`` decides what the public sees (``is_public`` mirrors it for the
library's own code).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment, XtdCommentManager
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from core.models import CachedSiteSetting

HELPFUL_FLAG = LIKEDIT_FLAG  # django-comments' CommentFlag, one per member and post


class PostKind(models.TextChoices):
    REVIEW = "review", _("Review")
    TIP = "tip", _("Tip")
    QUESTION = "question", _("Question")
    REPLY = "reply", _("Reply")


class PostState(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden")
    SPAM = "spam", _("Spam")
    REMOVED = "removed", _("Removed")


class TrustLevel(models.TextChoices):
    NEW = "new", _("New")
    REGULAR = "regular", _("Regular")
    TRUSTED = "trusted", _("Trusted")
    HERO = "hero", _("Hero")


LEVEL_RANK = {level: rank for rank, level in enumerate(TrustLevel.values)}


class Screening(models.TextChoices):
    NONE = "", _("Passed")
    HOLD = "hold", _("Held for review")
    FLAG = "flag", _("Flagged for review")


APPROVED_REVIEW = Q(kind=PostKind.REVIEW, state=PostState.APPROVED, deleted_at__isnull=True)


class PostQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=PostState.APPROVED)

    def approved_reviews(self):
        """Approved reviews not deleted by their author: what a product's rating counts (the
        ``post_approved_reviews`` index holds exactly these)."""
        return self.filter(APPROVED_REVIEW)

    def roots(self):
        return self.filter(level=0)

    def on_page(self, page):
        return self.filter(page_id=page.pk)

    def with_helpful_count(self):
        return self.annotate(
            helpful_count=Count("flags", filter=Q(flags__flag=HELPFUL_FLAG), distinct=True)
        )

    def with_official_answer(self):
        official_reply = Post.objects.filter(
            thread_id=OuterRef("thread_id"),
            level__gt=0,
            is_official=True,
            state=PostState.APPROVED,
            deleted_at__isnull=True,
        )
        return self.annotate(has_official_answer=Exists(official_reply))


class PostManager(XtdCommentManager.from_queryset(PostQuerySet)):
    pass


class Post(XtdComment):
    """A member's (or confirmed guest's) post in the thread under a story, product or FAQ."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="community_posts",
        verbose_name=_("page"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PostKind.choices, db_index=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=PostState.choices,
        default=PostState.PENDING,
        db_index=True,
    )
    is_official = models.BooleanField(
        _("official answer"), default=False, help_text=_("Written by the brand's staff.")
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted by the author"), null=True, blank=True)
    linked_faqs = models.ManyToManyField(
        "stories.FAQPage",
        blank=True,
        related_name="community_answers",
        verbose_name=_("linked FAQs"),
    )
    resolved_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolved_questions",
        verbose_name=_("resolved by"),
        help_text=_("The answer that resolved this question."),
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    screening = models.CharField(
        _("screening"), max_length=8, choices=Screening.choices, default="", blank=True
    )
    screening_reason = models.CharField(_("screening reason"), max_length=255, blank=True)
    hidden_by_flags = models.BooleanField(_("hidden by flags"), default=False)
    rejection_code = models.CharField(_("rejection reason"), max_length=40, blank=True)
    rejection_note = models.TextField(_("note to the author"), blank=True, max_length=1000)
    resubmit_allowed = models.BooleanField(_("the author may edit and resubmit"), default=False)
    previous_state = models.CharField(
        _("state before removal"), max_length=12, choices=PostState.choices, blank=True
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    # When the thread's followers were told about this reply (once, by the worker).
    followers_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PostManager()

    class Meta:
        verbose_name = _("community post")
        verbose_name_plural = _("community posts")
        ordering = ["thread_id", "order"]
        permissions = [
            ("answer_officially", "Can answer posts officially and link FAQs"),
            ("moderate_post", "Can moderate posts and members"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="rating_between_1_and_5",
            ),
        ]
        indexes = [
            # A product's rating: its approved reviews' count and average, from the index.
            models.Index(
                fields=["page", "rating"],
                condition=APPROVED_REVIEW,
                name="post_approved_reviews",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    # What visitors see of an approved post: a change to any of these shows on pages.
    SEEN_FIELDS = ("comment", "rating", "is_official", "edited_at", "deleted_at", "resolved_by_id")

    @classmethod
    def from_db(cls, db, field_names, values):
        post = super().from_db(db, field_names, values)
        post._seen_as_loaded = post.seen_by_visitors()
        return post

    def seen_by_visitors(self):
        """What a visitor sees of this post (``None`` when it is not public), to tell a change
        that shows on pages from one that does not (a flag, a moderation note)."""
        deferred = self.get_deferred_fields()
        if "state" in deferred:
            return ()  # unknown: assume visible
        if self.state != PostState.APPROVED:
            return None
        return tuple(
            getattr(self, name) if name not in deferred else deferred for name in self.SEEN_FIELDS
        )

    def save(self, *args, **kwargs):
        self.is_public = self.state == PostState.APPROVED
        self.is_removed = self.deleted_at is not None or self.state == PostState.REMOVED
        super().save(*args, **kwargs)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_by_id is not None

    @property
    def author_is_deleted_member(self) -> bool:
        """The author deleted their account (a guest always keeps a name)."""
        return self.user_id is None and not self.user_name

    @property
    def author_display_name(self) -> str:
        if self.user_id is not None:
            return display_name_for(self.user)
        return self.user_name

    def admin_excerpt(self) -> str:
        from ..markup import plain_excerpt

        if self.is_deleted:
            return str(_("(deleted by the author)"))
        return plain_excerpt(self.comment, 80)

    admin_excerpt.short_description = _("Text")

    def admin_author(self) -> str:
        if self.author_is_deleted_member:
            return str(_("Deleted member"))
        return self.author_display_name

    def get_absolute_url(self, anchor_pattern=None):
        from django.urls import reverse

        return reverse("community:discussion", args=[self.page_id]) + f"#post-{self.pk}"


def display_name_for(user) -> str:
    profile = getattr(user, "community_profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return full_name(user) or user.get_username()


def full_name(user) -> str:
    """The account's name in the order its script asks for: family name first and no space in
    Korean (한지우), given name first in English (Emma Brown)."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and all(_is_hangul(character) for character in first + last):
        return last + first
    return f"{first} {last}".strip()


def _is_hangul(character: str) -> bool:
    return "\uac00" <= character <= "\ud7a3"


def new_referral_code() -> str:
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y")[:8].upper()


class MemberProfile(models.Model):
    """What the community knows about a member beyond the login account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("display name"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    notify_followed_threads = models.BooleanField(
        _("Email me about new replies in threads I follow"), default=True
    )
    notify_staff_answers = models.BooleanField(
        _("Email me when the staff answer my post"), default=True
    )
    follow_own_threads = models.BooleanField(
        _("Follow the threads I start automatically"), default=True
    )
    referral_code = models.CharField(
        _("invitation code"), max_length=12, unique=True, default=new_referral_code
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("invited by"),
    )
    awaiting_approval = models.BooleanField(
        _("awaiting approval"),
        default=False,
        help_text=_("Signed up while new accounts needed a moderator's approval."),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    welcome_pending = models.BooleanField(default=False)
    welcome_email_sent_at = models.DateTimeField(null=True, blank=True)
    level = models.CharField(
        _("trust level"), max_length=10, choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    granted_level = models.CharField(
        _("level granted by a moderator"),
        max_length=10,
        choices=[
            (TrustLevel.TRUSTED, TrustLevel.TRUSTED.label),
            (TrustLevel.HERO, TrustLevel.HERO.label),
        ],
        blank=True,
    )
    level_changed_at = models.DateTimeField(_("level changed"), null=True, blank=True)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    banned_at = models.DateTimeField(_("banned"), null=True, blank=True)
    ban_reason = models.CharField(_("ban reason"), max_length=20, blank=True)
    suspensions = models.PositiveSmallIntegerField(_("suspensions so far"), default=0)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        permissions = [("approve_member", "Can approve new members")]

    def __str__(self) -> str:
        return display_name_for(self.user)

    @property
    def initials(self) -> str:
        name = display_name_for(self.user).strip()
        if not name:
            return "?"
        if name.isascii():
            parts = name.split()
            return "".join(part[0] for part in parts[:2]).upper()
        return name[0]

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def is_banned(self) -> bool:
        return self.banned_at is not None


class Follow(models.Model):
    """A member follows a thread (a top-level post and its replies) for email notifications."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed thread")
        verbose_name_plural = _("followed threads")
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_follow_per_member_and_post")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


def new_nonce() -> str:
    return secrets.token_hex(16)


class GuestSubmission(models.Model):
    """A guest's post waiting for the guest to confirm their email address.

    The post itself is created only on confirmation, through the same service as a member's;
    until then its fields are kept here as JSON (never pickled)."""

    email = models.EmailField(_("email"), db_index=True)
    name = models.CharField(_("name"), max_length=50)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    nonce = models.CharField(max_length=32, default=new_nonce)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    post = models.OneToOneField(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("guest post awaiting confirmation")
        verbose_name_plural = _("guest posts awaiting confirmation")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ReadingMode(models.TextChoices):
    OPEN = "open", _("Open to everyone")
    MEMBERS = "members", _("Members only")


class ParticipationMode(models.TextChoices):
    MEMBERS = "members", _("Members only")
    GUESTS = "guests", _("Members and guests with a confirmed email")


class SignupMode(models.TextChoices):
    FREE = "free", _("Free: anyone can join")
    INVITATION = "invitation", _("By invitation: a member's invitation code is required")
    VERIFIED = "verified", _("Verified: a moderator approves each new account")


class CommunityPhase(models.TextChoices):
    BRAND_LED = "brand_led", _("Brand-led: customers post, only staff reply")
    OPEN = "open", _("Open conversation: members also reply to each other")


@register_setting(icon="group")
class CommunitySettings(CachedSiteSetting):
    """How open the community is, and the welcome message new members get."""

    reading = models.CharField(
        _("reading"),
        max_length=12,
        choices=ReadingMode.choices,
        default=ReadingMode.OPEN,
        help_text=_(
            "Members only: stories, products, FAQs and threads need a login; the home page "
            "and the signup page stay open."
        ),
    )
    participation = models.CharField(
        _("who can post"),
        max_length=12,
        choices=ParticipationMode.choices,
        default=ParticipationMode.MEMBERS,
    )
    signup = models.CharField(
        _("signup"), max_length=12, choices=SignupMode.choices, default=SignupMode.FREE
    )
    phase = models.CharField(
        _("community phase"),
        max_length=12,
        choices=CommunityPhase.choices,
        default=CommunityPhase.BRAND_LED,
        help_text=_("Switching keeps every existing thread."),
    )
    threads_per_page = models.PositiveSmallIntegerField(
        _("posts per page"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    welcome_message_ko = models.TextField(
        _("welcome message (Korean)"),
        blank=True,
        max_length=1000,
        help_text=_("Shown once after signup and sent by email."),
    )
    welcome_message_en = models.TextField(
        _("welcome message (English)"), blank=True, max_length=1000
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("reading"),
                FieldPanel("participation"),
                FieldPanel("signup"),
                FieldPanel("phase"),
                FieldPanel("threads_per_page"),
            ],
            heading=_("Operating modes"),
        ),
        MultiFieldPanel(
            [FieldPanel("welcome_message_ko"), FieldPanel("welcome_message_en")],
            heading=_("Welcome message"),
        ),
    ]

    class Meta:
        verbose_name = _("community settings")

    def welcome_message(self, language: str) -> str:
        return self.welcome_message_en if language == "en" else self.welcome_message_ko

    @property
    def members_only_reading(self) -> bool:
        return self.reading == ReadingMode.MEMBERS

    @property
    def guests_may_post(self) -> bool:
        return self.participation == ParticipationMode.GUESTS

    @property
    def brand_led(self) -> bool:
        return self.phase == CommunityPhase.BRAND_LED
