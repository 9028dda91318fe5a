from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OutgoingEmail


class OutgoingEmailViewSet(ModelViewSet):
    """Every email the site sends: waiting to be sent or for a retry, sent, or given up."""

    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_filter = ["status"]
    search_fields = ["subject"]
    search_backend_name = None  # not an indexed model: filter in the database
    list_display = [
        "subject",
        Column("recipients", label=_("to")),
        StatusTagColumn(
            "status",
            label=_("status"),
            accessor="get_status_display",
            primary=lambda email: email.status == OutgoingEmail.Status.SENT,
        ),
        Column("attempts", label=_("failed attempts")),
        DateColumn("next_attempt_at", label=_("next attempt")),
        DateColumn("created_at", label=_("queued at")),
    ]
    inspect_view_fields = [
        "subject",
        "from_email",
        "to",
        "cc",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "body",
    ]

    form_fields = []  # no add or edit views: see get_urlpatterns

    def get_urlpatterns(self):
        read_only = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in read_only]


@hooks.register("register_admin_viewset")
def register_outgoing_email_viewset():
    return OutgoingEmailViewSet("outgoing_email")


class UndeliveredMailPanel(Component):
    """Superusers see on the dashboard when the mail server keeps refusing."""

    template_name = "core/admin/undelivered_mail_panel.html"
    order = 50

    def __init__(self, *, given_up: int, retrying: int):
        self.given_up = given_up
        self.retrying = retrying

    def get_context_data(self, parent_context):
        return {"given_up": self.given_up, "retrying": self.retrying}


@hooks.register("construct_homepage_panels")
def add_undelivered_mail_panel(request, panels):
    if not request.user.is_superuser:
        return
    counts = OutgoingEmail.objects.aggregate(
        given_up=Count("pk", filter=Q(status=OutgoingEmail.Status.FAILED)),
        retrying=Count("pk", filter=Q(status=OutgoingEmail.Status.QUEUED, attempts__gt=0)),
    )
    if counts["given_up"] or counts["retrying"]:
        panels.append(UndeliveredMailPanel(**counts))
