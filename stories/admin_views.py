"""Admin reports on the FAQ knowledge base: helpfulness votes and FAQs due for review."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from . import selectors
from .models import FAQPage


class FAQReportView(PageReportView):
    any_permission_required = ["add", "change", "publish"]

    def editable_faqs(self):
        pages = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return FAQPage.objects.filter(pk__in=pages.values("pk")).select_related("locale")


class FAQHelpfulnessView(FAQReportView):
    """Yes and no votes per FAQ, the least helpful first."""

    page_title = _("FAQ helpfulness")
    header_icon = "help"
    results_template_name = "stories/admin/faq_helpfulness_results.html"
    index_url_name = "stories_reports:faq_helpfulness"
    index_results_url_name = "stories_reports:faq_helpfulness_results"
    list_export = ["title", "locale", "helpful_yes", "helpful_no", "helpful_percent"]
    export_headings = {
        "title": _("Question"),
        "locale": _("Language"),
        "helpful_yes": _("Yes"),
        "helpful_no": _("No"),
        "helpful_percent": _("Helpful (%)"),
    }

    def get_filename(self):
        return f"faq-helpfulness-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = selectors.with_helpfulness(self.editable_faqs()).order_by(
            "-helpful_no", "title", "pk"
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        for faq in object_list:
            faq.helpful_percent = (
                round(100 * faq.helpful_yes / faq.helpful_total) if faq.helpful_total else None
            )
        return object_list


class FAQReviewReminderView(FAQReportView):
    """FAQs nobody has checked for ``DANGOL_FAQ_REVIEW_DAYS`` days, the oldest first."""

    page_title = _("FAQs due for review")
    header_icon = "time"
    results_template_name = "stories/admin/faq_review_results.html"
    index_url_name = "stories_reports:faq_review"
    index_results_url_name = "stories_reports:faq_review_results"
    list_export = ["title", "locale", "last_reviewed", "status_string"]
    export_headings = {
        "title": _("Question"),
        "locale": _("Language"),
        "last_reviewed": _("Last reviewed"),
        "status_string": _("Status"),
    }

    def get_filename(self):
        return f"faqs-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        due = selectors.faqs_due_for_review()
        self.queryset = self.editable_faqs().filter(pk__in=due.values("pk"))
        self.queryset = self.queryset.order_by("last_reviewed", "pk")
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review_days"] = settings.DANGOL_FAQ_REVIEW_DAYS
        return context
