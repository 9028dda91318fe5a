from typing import Any

from anyascii import anyascii
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField


class BasePage(Page):
    """Fields and translation rules shared by every public page type."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social image"),
        help_text=_("Shown when the page is shared; the page's main image is used otherwise."),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("social_image"),
    ]

    # Loaded with the page when a request is routed to it (``HomePage.route``).
    route_select_related: tuple[str, ...] = ("social_image",)

    # What link previews call the page (OpenGraph's ``og:type``, see ``core.seo``).
    og_type = "website"

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        SynchronizedField("social_image"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page and its ancestors, answered from the cached
        snapshot of the site's privacy settings (``core.privacy``) instead of two queries a
        request. Still a queryset of ``PageViewRestriction``: iterating it gives the snapshot,
        refining it (the admin orders it) asks the database. Aliases (whose source page's
        restrictions apply) take Wagtail's way."""
        from wagtail.models import PageViewRestriction

        from .privacy import alias_paths, restrictions_for_path

        if any(self.path.startswith(path) for path in alias_paths()):
            return super().get_view_restrictions()
        found = restrictions_for_path(self.path)
        queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in found])
        queryset._result_cache = found
        queryset._prefetch_done = True
        return queryset

    def ld_entity(self, request, *, seo, context) -> list[dict[str, Any]]:
        """The page type's own schema.org JSON-LD (a ``WebSite``, an ``Article``, a
        ``Product``…) for ``{% seo_head %}``. ``seo`` is what ``core.seo`` already made of the
        page (``core.seo.Seo``: canonical URL, description, image); ``context`` is the page's
        template context, whose lists a page type may reuse. None by default."""
        return []

    def full_clean(self, *args, **kwargs):
        # Slugs are ASCII so that both languages share them; a Korean title without a slug
        # gets its romanisation ("목요일은 로스팅 데이" → "mogyoileun-loseuting-dei"). The admin
        # fills the slug from the title by dropping what is not ASCII, which leaves only
        # dashes ("--") for a Korean title: that is no slug either.
        if self.title and not any(character.isalnum() for character in self.slug or ""):
            self.slug = slugify(anyascii(self.title))[:255]
        super().full_clean(*args, **kwargs)


class CachedSiteSetting(BaseSiteSetting):
    """Site settings read through ``core.page_cache.site_setting`` (also by templates'
    ``{{ settings.app.Model }}``): cached until the content changes, never written by a read."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        from .page_cache import site_setting

        return site_setting(cls, request)


@register_setting(icon="site")
class BrandSettings(CachedSiteSetting):
    """Contact details and links shown in the footer of every page."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    kakao_channel_url = models.URLField(_("KakaoTalk channel"), blank=True)

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("instagram_url"),
        FieldPanel("kakao_channel_url"),
    ]

    class Meta:
        verbose_name = _("brand settings")
        db_table = "home_brandsettings"  # made by the home app, before the foundation had its own


class OutgoingEmail(models.Model):
    """An email the site sends, kept as JSON (never pickled) until the worker delivers it or
    the attempts run out. ``core.mail`` writes and delivers these."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    subject = models.TextField(_("subject"), blank=True)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    body = models.TextField(_("text"), blank=True)
    # [[content, mimetype], …], e.g. the HTML version of the message.
    alternatives = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    # [{"filename", "mimetype", "content" (base64)}, …]
    attachments = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        db_table = "home_outgoingemail"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def recipients(self) -> str:
        return ", ".join([*self.to, *self.cc, *self.bcc])


class PeriodicJob(models.Model):
    """When a periodic job (``core.periodic``) last ran, and which run holds it now."""

    name = models.CharField(_("job"), max_length=64, primary_key=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    locked_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")
        ordering = ["name"]
        db_table = "home_periodicjob"

    def __str__(self) -> str:
        return self.name
