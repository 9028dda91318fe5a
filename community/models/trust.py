"""Trust and moderation: the trust settings, flags, warnings, notices and the blocklist."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from core.models import CachedSiteSetting
from core.ratelimit import Rate

from .core import Post, TrustLevel


def validate_rates(value: str) -> None:
    """A comma-separated list of rates such as ``1/30s, 10/d``."""
    for part in rates_from_text(value):
        try:
            Rate.parse(part)
        except ValueError:
            raise ValidationError(
                _("%(rate)s is not a rate: write it like 1/30s, 5/m or 10/d.") % {"rate": part}
            ) from None


def rates_from_text(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _rates_field(label, default):
    return models.CharField(
        label,
        max_length=100,
        default=default,
        validators=[validate_rates],
        help_text=_("Comma-separated, e.g. 1/30s, 10/d (s, m, h, d)."),
    )


def _count(label, default, help_text=""):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MaxValueValidator(10000)], help_text=help_text
    )


@register_setting(icon="shield")
class TrustSettings(CachedSiteSetting):
    """Trust level thresholds, flag weights, the warning policy and posting limits."""

    regular_min_posts = _count(_("Regular: approved posts"), 3)
    regular_min_days = _count(_("Regular: days since joining"), 7)
    regular_min_helpful = _count(_("Regular: helpful reactions received"), 0)
    trusted_automatic = models.BooleanField(
        _("Trusted is reached automatically"),
        default=True,
        help_text=_("Otherwise only moderators grant it."),
    )
    trusted_min_posts = _count(_("Trusted: approved posts"), 20)
    trusted_min_days = _count(_("Trusted: days since joining"), 60)
    trusted_min_helpful = _count(_("Trusted: helpful reactions received"), 10)

    flag_weight_new = _count(_("Flag weight of a New member"), 1)
    flag_weight_regular = _count(_("Flag weight of a Regular"), 2)
    flag_hide_threshold = models.PositiveSmallIntegerField(
        _("Flag weight that hides a post"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Flags by Trusted members and Heroes hide a post at once."),
    )

    warning_days = models.PositiveSmallIntegerField(
        _("A warning stays active for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    warnings_before_suspension = _count(
        _("Active warnings that lead to a suspension"), 2, _("0: never automatically.")
    )
    suspension_days = models.PositiveSmallIntegerField(
        _("Suspension length (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    suspensions_before_ban = _count(
        _("Suspensions that lead to a ban"), 2, _("0: never automatically.")
    )

    new_link_limit = _count(_("Links allowed in a New member's post"), 2)
    duplicate_minutes = _count(_("Same text refused again within (minutes)"), 10)
    rate_new = _rates_field(_("Posting rate of New members"), "1/30s, 10/d")
    rate_regular = _rates_field(_("Posting rate of Regulars"), "1/10s, 60/d")
    rate_trusted = _rates_field(_("Posting rate of Trusted members and Heroes"), "1/5s, 200/d")
    rate_guest = _rates_field(_("Posting rate of guests"), "1/m, 5/d")
    rate_ip = _rates_field(_("Posting rate per IP address"), "10/m, 300/d")
    rate_flags = _rates_field(_("Flags per member"), "10/h, 30/d")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("regular_min_posts"),
                FieldPanel("regular_min_days"),
                FieldPanel("regular_min_helpful"),
                FieldPanel("trusted_automatic"),
                FieldPanel("trusted_min_posts"),
                FieldPanel("trusted_min_days"),
                FieldPanel("trusted_min_helpful"),
            ],
            heading=_("Trust levels"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("flag_weight_new"),
                FieldPanel("flag_weight_regular"),
                FieldPanel("flag_hide_threshold"),
            ],
            heading=_("Flags"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("warning_days"),
                FieldPanel("warnings_before_suspension"),
                FieldPanel("suspension_days"),
                FieldPanel("suspensions_before_ban"),
            ],
            heading=_("Warnings, suspensions and bans"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("new_link_limit"),
                FieldPanel("duplicate_minutes"),
                FieldPanel("rate_new"),
                FieldPanel("rate_regular"),
                FieldPanel("rate_trusted"),
                FieldPanel("rate_guest"),
                FieldPanel("rate_ip"),
                FieldPanel("rate_flags"),
            ],
            heading=_("Screening and posting limits"),
        ),
    ]

    class Meta:
        verbose_name = _("trust and moderation settings")

    def rates_for(self, level: str | None) -> list[str]:
        """The posting rates of a member at ``level`` (``None`` for a guest)."""
        if level is None:
            text = self.rate_guest
        elif level == TrustLevel.NEW:
            text = self.rate_new
        elif level == TrustLevel.REGULAR:
            text = self.rate_regular
        else:
            text = self.rate_trusted
        return rates_from_text(text)

    def flag_weight(self, level: str) -> int:
        """A flag's weight: Trusted and Hero flags weigh the whole threshold."""
        if level in (TrustLevel.TRUSTED, TrustLevel.HERO):
            return self.flag_hide_threshold
        if level == TrustLevel.REGULAR:
            return self.flag_weight_regular
        return self.flag_weight_new


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFF_TOPIC = "off_topic", _("Off-topic")
    ABUSIVE = "abusive", _("Abusive")
    FAKE_REVIEW = "fake_review", _("Fake or misleading review")
    IMPERSONATION = "impersonation", _("Impersonation")
    OTHER = "other", _("Other")


class FlagOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the post was taken down")
    DISMISSED = "dismissed", _("Dismissed: the post stays")


class Flag(models.Model):
    """A member's report of a post; its weight comes from the flagger's level at the time."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="member_flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_flags"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=FlagOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_flag_per_member_and_post"),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(text=""), name="other_flag_needs_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} → {self.post}"


class Warning(models.Model):
    """A moderator's warning to a member, with a reason from the community guidelines."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_warnings"
    )
    reason_code = models.CharField(_("guideline"), max_length=40)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("warned"), default=timezone.now)
    expires_at = models.DateTimeField(_("active until"))

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.reason_code}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()


class NoticeKind(models.TextChoices):
    LEVEL = "level", _("New level")
    WARNING = "warning", _("Warning")
    SUSPENSION = "suspension", _("Suspension")
    REJECTION = "rejection", _("Post not published")
    FLAG_HANDLED = "flag_handled", _("Your flag was handled")


class Notice(models.Model):
    """Something the member is told on their next visit, until they dismiss it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notices"
    )
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(max_length=10, choices=TrustLevel.choices, blank=True)
    reason_code = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice to a member")
        verbose_name_plural = _("notices to members")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.user}"


class BlocklistKind(models.TextChoices):
    WORD = "word", _("Word or phrase")
    DOMAIN = "domain", _("Link domain")


class BlocklistAction(models.TextChoices):
    REJECT = "reject", _("Reject the post")
    HOLD = "hold", _("Hold it for review")
    FLAG = "flag", _("Publish it, flagged for review")


class BlocklistEntry(models.Model):
    """A word or link domain the screening acts on."""

    kind = models.CharField(_("kind"), max_length=8, choices=BlocklistKind.choices)
    value = models.CharField(
        _("word or domain"),
        max_length=100,
        help_text=_("Matched without regard to case; a domain also matches its subdomains."),
    )
    action = models.CharField(
        _("action"), max_length=8, choices=BlocklistAction.choices, default=BlocklistAction.HOLD
    )
    note = models.CharField(_("note for moderators"), max_length=200, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("action"), FieldPanel("note")]

    class Meta:
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="one_blocklist_entry_per_value")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        value = " ".join((self.value or "").split()).lower()
        if self.kind == BlocklistKind.DOMAIN:
            value = value.removeprefix("https://").removeprefix("http://").strip("/")
            if not value or " " in value or "." not in value:
                raise ValidationError({"value": _("Enter a domain such as spam.example.")})
        if not value:
            raise ValidationError({"value": _("Enter a word or phrase.")})
        self.value = value
