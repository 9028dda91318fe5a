import django_filters
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, moderation_services, selectors
from .models import BlocklistEntry, Post, PostKind, PostState
from .selectors import community_settings


class PostFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PostKind.choices)
    state = django_filters.ChoiceFilter(label=_("State"), choices=PostState.choices)
    page = django_filters.ModelChoiceFilter(
        label=_("Page"),
        queryset=Page.objects.filter(community_posts__isnull=False).distinct().order_by("title"),
    )
    user = django_filters.ModelChoiceFilter(
        label=_("Member"),
        queryset=get_user_model()
        .objects.filter(comment_comments__isnull=False)
        .distinct()
        .order_by("username"),
    )
    submit_date = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    unanswered = django_filters.BooleanFilter(
        label=_("Questions without an official answer"),
        method="filter_unanswered",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Post
        fields = ["kind", "state", "page", "user", "submit_date"]

    def filter_unanswered(self, queryset, name, value):
        if value is None:
            return queryset
        queryset = queryset.with_official_answer().filter(
            kind=PostKind.QUESTION, state=PostState.APPROVED, deleted_at__isnull=True
        )
        if value:
            return queryset.filter(has_official_answer=False).order_by("submit_date")
        return queryset.filter(has_official_answer=True)


class PostIndexView(IndexView):
    default_ordering = "-submit_date"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "user")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        if admin_views.can_make_draft(user=user, post=instance):
            buttons.append(
                ListingButton(
                    _("Turn into a draft page"),
                    url=reverse("community_admin:draft", args=[instance.pk]),
                    icon_name="doc-empty-inverse",
                    priority=6,
                )
            )
        return buttons


# The states the post form offers, each set through its moderation action. A rejection needs
# its guideline reason and is made from the moderation queue.
STATE_ACTIONS = {
    PostState.APPROVED: "approve",
    PostState.HIDDEN: "hide",
    PostState.SPAM: "spam",
}


class PostStateForm(WagtailAdminModelForm):
    class Meta:
        model = Post
        fields = ["state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = {*STATE_ACTIONS, self.instance.state}
        self.fields["state"].choices = [
            choice for choice in PostState.choices if choice[0] in offered
        ]


class PostEditView(EditView):
    """Moderators change a post's state through the same moderation actions as the queue, so
    followers hear about an approved reply, flags are closed and the history is logged."""

    def save_instance(self):
        post = Post.objects.get(pk=self.object.pk)
        state = self.form.cleaned_data["state"]
        if state == post.state:
            return post
        action = moderation_services.POST_ACTIONS[STATE_ACTIONS[state]]
        return action(post=post, moderator=self.request.user)


class PostViewSet(ModelViewSet):
    model = Post
    icon = "comment"
    menu_label = _("Community posts")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = PostIndexView
    edit_view_class = PostEditView
    filterset_class = PostFilterSet
    search_fields = ["comment", "user_name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # A post's id is its parent comment's, which the database's overflow guard for integer
    # lookups does not cover: ids longer than the site's rule are not admin URLs (404).
    pk_path_converter = "id"
    list_per_page = 30
    list_display = [
        "admin_excerpt",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        StatusTagColumn(
            "state",
            label=_("State"),
            accessor="get_state_display",
            primary=lambda post: post.state == PostState.APPROVED,
        ),
        Column("page", label=_("Page"), accessor="page"),
        Column("author", label=_("Member"), accessor="admin_author"),
        DateColumn("submit_date", label=_("Date")),
    ]
    inspect_view_fields = [
        "kind",
        "state",
        "page",
        "user",
        "user_name",
        "comment",
        "rating",
        "is_official",
        "submit_date",
        "edited_at",
        "deleted_at",
        "resolved_by",
        "linked_faqs",
    ]

    def get_form_class(self, for_update=False):
        return PostStateForm


@hooks.register("register_admin_viewset")
def register_post_viewset():
    return PostViewSet("community_posts")


@hooks.register("register_admin_urls")
def register_community_admin_urls():
    return [
        path(
            "community/",
            (
                [
                    path("posts/<id:pk>/draft/", admin_views.make_draft, name="draft"),
                    path("members/", admin_views.members_awaiting_approval, name="members"),
                    path(
                        "members/<id:pk>/approve/",
                        admin_views.member_approve,
                        name="member_approve",
                    ),
                    path("moderation/", admin_views.moderation_queue, name="queue"),
                    path("moderation/action/", admin_views.moderation_action, name="queue_action"),
                    path(
                        "moderation/members/<id:user_id>/",
                        admin_views.member_detail,
                        name="member",
                    ),
                    path(
                        "moderation/members/<id:user_id>/action/",
                        admin_views.member_action,
                        name="member_action",
                    ),
                ],
                "community_admin",
                "community_admin",
            ),
        )
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def unanswered_questions_menu_item():
    return PermissionMenuItem(
        _("Unanswered questions"),
        reverse("community_posts:index") + "?unanswered=true",
        icon_name="help",
        order=251,
        permission="community.view_post",
    )


@hooks.register("register_admin_menu_item")
def members_awaiting_approval_menu_item():
    return PermissionMenuItem(
        _("New members to approve"),
        reverse("community_admin:members"),
        icon_name="user",
        order=252,
        permission="community.approve_member",
    )


@hooks.register("before_serve_page")
def members_only_reading(page, request, serve_args, serve_kwargs):
    """In members-only reading mode every page but the home pages needs a login."""
    from django.contrib.auth.views import redirect_to_login

    from home.models import HomePage

    if request.user.is_authenticated or page.specific_class is HomePage:
        return None
    if community_settings(request).members_only_reading:
        return redirect_to_login(request.get_full_path())
    return None


class ModerationMenuItem(PermissionMenuItem):
    """The moderation queue, its label carrying the number of posts waiting."""

    def render_component(self, request):
        from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

        waiting = selectors.waiting_count(request)
        label = f"{self.label} ({waiting})" if waiting else str(self.label)
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname
        )


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _("Moderation"),
        reverse("community_admin:queue"),
        name="moderation",
        icon_name="warning",
        order=249,
        permission="community.moderate_post",
    )


class ModerationPanel(Component):
    name = "community_moderation"
    template_name = "community/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        request = (parent_context or {}).get("request")
        return {"waiting": selectors.waiting_count(request), "oldest": selectors.oldest_waiting()}


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if request.user.has_perm("community.moderate_post"):
        panels.append(ModerationPanel())


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label, message in [
        ("community.approve", _("Approve post"), _("Approved")),
        ("community.reject", _("Reject post"), _("Rejected")),
        ("community.spam", _("Mark post as spam"), _("Marked as spam")),
        ("community.hide", _("Hide post"), _("Hidden")),
        ("community.restore", _("Restore post"), _("Restored")),
        ("community.flag", _("Flag post"), _("Flagged by a member")),
        ("community.hidden_by_flags", _("Hide post by flags"), _("Hidden by members' flags")),
        ("community.warn", _("Warn member"), _("Warned")),
        ("community.suspend", _("Suspend member"), _("Suspended")),
        ("community.unsuspend", _("Lift suspension"), _("Suspension lifted")),
        ("community.ban", _("Ban member"), _("Banned")),
        ("community.unban", _("Lift ban"), _("Ban lifted")),
        ("community.level", _("Change level"), _("Trust level changed")),
        ("community.grant", _("Grant level"), _("Level granted by a moderator")),
    ]:
        actions.register_action(action, label, message)


class BlocklistViewSet(SnippetViewSet):
    model = BlocklistEntry
    icon = "cross"
    menu_label = _("Blocklist")
    menu_order = 253
    add_to_admin_menu = True
    list_display = ["value", "kind", "action", "note"]
    list_filter = ["kind", "action"]
    search_fields = ["value", "note"]


register_snippet(BlocklistViewSet)
