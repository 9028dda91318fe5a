from urllib.parse import urlencode

from django.conf import settings
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, selectors
from .choosers import approved_post_chooser_viewset
from .models import Author, FAQFeedback, FAQPage, StoryCategory, StoryPage
from .selectors import Restrictions
from .short_links import faq_short_link


class StoryCategoryViewSet(SnippetViewSet):
    model = StoryCategory
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "locale"]
    search_fields = ["name"]


register_snippet(StoryCategoryViewSet)


# FAQ feedback: what visitors answered to "Was this helpful?" -------------------------------


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Visitors write feedback; in the admin it is only read, even by superusers."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_any_permission(user, ["view"])


register_permission_policy(FAQFeedback, ReadOnlyPermissionPolicy(FAQFeedback))


class FAQFeedbackViewSet(ModelViewSet):
    model = FAQFeedback
    icon = "help"
    menu_label = _("FAQ feedback")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["helpful"]
    search_fields = ["comment"]
    list_per_page = 50
    list_display = [
        Column("faq", label=_("FAQ"), accessor="faq"),
        BooleanColumn("helpful", label=_("Helpful")),
        Column("comment", label=_("Comment")),
        DateColumn("updated_at", label=_("Date")),
    ]
    inspect_view_fields = ["faq", "helpful", "comment", "created_at", "updated_at"]
    form_fields = ["helpful", "comment"]  # never offered: the permission policy is read-only

    def get_queryset(self, request):
        return FAQFeedback.objects.select_related("faq")


@hooks.register("register_admin_viewset")
def register_faq_feedback_viewset():
    return FAQFeedbackViewSet("faq_feedback")


# Reports: helpfulness per FAQ and FAQs due for review ---------------------------------------


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/faqs/",
            (
                [
                    path(
                        "helpfulness/",
                        admin_views.FAQHelpfulnessView.as_view(),
                        name="faq_helpfulness",
                    ),
                    path(
                        "helpfulness/results/",
                        admin_views.FAQHelpfulnessView.as_view(results_only=True),
                        name="faq_helpfulness_results",
                    ),
                    path("review/", admin_views.FAQReviewReminderView.as_view(), name="faq_review"),
                    path(
                        "review/results/",
                        admin_views.FAQReviewReminderView.as_view(results_only=True),
                        name="faq_review_results",
                    ),
                ],
                "stories_reports",
                "stories_reports",
            ),
        )
    ]


def _can_edit_pages(user) -> bool:
    return page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return _can_edit_pages(request.user)


@hooks.register("register_reports_menu_item")
def faq_helpfulness_menu_item():
    return PageEditorsMenuItem(
        _("FAQ helpfulness"),
        reverse("stories_reports:faq_helpfulness"),
        icon_name="help",
        order=910,
    )


@hooks.register("register_reports_menu_item")
def faq_review_menu_item():
    return PageEditorsMenuItem(
        _("FAQs due for review"),
        reverse("stories_reports:faq_review"),
        icon_name="time",
        order=920,
    )


class FAQReviewPanel(Component):
    name = "faqs_due_for_review"
    template_name = "stories/admin/faq_review_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["due_count"] = selectors.faqs_due_for_review().count()
        context["days"] = settings.DANGOL_FAQ_REVIEW_DAYS
        return context


@hooks.register("construct_homepage_panels")
def add_faq_review_panel(request, panels):
    if _can_edit_pages(request.user):
        panels.append(FAQReviewPanel())


# "Copy link": the FAQ's short link, for support staff to paste to customers ----------------


def _copy_link_button(page, *, priority: int) -> Button | None:
    if page.specific_class is not FAQPage or not page.live:
        return None
    # get_url_parts reads Wagtail's cached site root paths: no query per listed page.
    root_url = (page.get_url_parts() or (None, None, None))[1] or settings.WAGTAILADMIN_BASE_URL
    link = root_url.rstrip("/") + faq_short_link(page)
    return Button(
        _("Copy link"),
        url=link,
        icon_name="link",
        attrs={
            "data-dangol-copy-link": link,
            "data-dangol-copy-link-done": _("Link copied: %(link)s") % {"link": link},
            "data-dangol-copy-link-prompt": _("Copy this link:"),
        },
        priority=priority,
    )


@hooks.register("register_page_listing_more_buttons")
def faq_copy_link_listing_button(page, user, next_url=None):
    button = _copy_link_button(page, priority=7)
    if button is not None:
        yield button


@hooks.register("register_page_header_buttons")
def faq_copy_link_header_button(page, user, view_name, next_url=None):
    button = _copy_link_button(page, priority=12)
    if button is not None:
        yield button


@hooks.register("insert_global_admin_js")
def copy_link_js():
    return format_html('<script src="{}" defer></script>', static("stories/admin-copy-link.js"))


register_snippet(AuthorViewSet)


@hooks.register("register_admin_viewset")
def register_approved_post_chooser():
    return approved_post_chooser_viewset


@hooks.register("before_serve_page", order=-10)
def members_only_story_teaser(page, request, serve_args, serve_kwargs):
    """A story restricted to logged-in users shows visitors its title, its introduction and
    an invitation to log in or join, instead of Wagtail's redirect to the login form. The
    body is never rendered for them. Members pass on to the story (and to Wagtail's own check,
    which lets them in)."""
    if not isinstance(page, StoryPage) or request.user.is_authenticated:
        return None
    restrictions = Restrictions.for_request(request)
    if not restrictions.is_members_only(page) or restrictions.is_hidden(page):
        return None  # public, or a password or group restriction: Wagtail decides
    from community.selectors import community_settings

    if community_settings(request).members_only_reading:
        return None  # the whole site asks for a login first
    next_query = urlencode({"next": page.url})
    return TemplateResponse(
        request,
        "stories/story_members_only.html",
        {
            "page": page,
            "self": page,
            "login_url": f"{reverse('account_login')}?{next_query}",
            "signup_url": f"{reverse('account_signup')}?{next_query}",
        },
    )
