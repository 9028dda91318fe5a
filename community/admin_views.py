"""Wagtail admin views: moderate a post, turn a post into a draft page, approve new members."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages

from core.converters import parse_id

from . import drafts, guidelines, moderation_services, selectors, services, trust
from .models import MemberProfile, Post, TrustLevel


def can_make_draft(*, user, post: Post) -> bool:
    return any(drafts.parent_for(post=post, target=t, user=user) for t in drafts.TARGETS)


@require_http_methods(["GET", "POST"])
def make_draft(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("page", "user"), pk=pk)
    targets = {
        target: parent
        for target in drafts.TARGETS
        if (parent := drafts.parent_for(post=post, target=target, user=request.user))
    }
    if not targets:
        raise PermissionDenied
    if request.method == "POST":
        target = request.POST.get("target", "")
        if target not in targets:
            messages.error(request, _("Choose a FAQ or a story."))
        else:
            page = drafts.draft_from_post(
                post=post, target=target, parent=targets[target], editor=request.user
            )
            messages.success(
                request, _("A draft is ready: check it, edit it and publish it when it reads well.")
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "community/admin/make_draft.html",
        {"post": post, "targets": list(targets), "header_icon": "doc-empty-inverse"},
    )


@permission_required("community.approve_member", raise_exception=True)
def members_awaiting_approval(request):
    profiles = (
        MemberProfile.objects.filter(awaiting_approval=True)
        .select_related("user")
        .order_by("user__date_joined")
    )
    return TemplateResponse(
        request,
        "community/admin/members.html",
        {"profiles": profiles, "header_icon": "user"},
    )


@permission_required("community.approve_member", raise_exception=True)
@require_POST
def member_approve(request, pk: int):
    profile = get_object_or_404(MemberProfile, pk=pk)
    services.member_approve(profile=profile, moderator=request.user)
    messages.success(request, _("%(name)s can log in now.") % {"name": profile})
    return redirect(reverse("community_admin:members"))


# Moderation queue ---------------------------------------------------------------------------

QUEUE_PER_PAGE = 50


def _tab_labels() -> list[tuple[str, str]]:
    return [
        ("pending", _("Awaiting approval")),
        ("flagged", _("Flagged")),
        ("held", _("Held by screening")),
        ("spam", _("Spam")),
        ("recent", _("Recently published")),
    ]


class ModerationForm(forms.Form):
    """The reason a moderator gives when rejecting (shared by single and bulk actions)."""

    reason_code = forms.ChoiceField(
        label=gettext_lazy("Reason (from the guidelines)"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the author"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    allow_resubmit = forms.BooleanField(
        label=gettext_lazy("The author may edit the post and send it again"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = [("", "—"), *guidelines.rule_choices()]


@permission_required("community.moderate_post", raise_exception=True)
@require_http_methods(["GET"])
def moderation_queue(request):
    tab = request.GET.get("tab", "pending")
    if tab not in selectors.QUEUE_TABS:
        tab = "pending"
    paginator = Paginator(selectors.queue_posts(tab), QUEUE_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "community/admin/queue.html",
        {
            "tab": tab,
            "tabs": _tab_labels(),
            "counts": selectors.queue_counts(request),
            "page_obj": page_obj,
            "posts": list(page_obj.object_list),
            "form": ModerationForm(),
            "header_icon": "warning",
        },
    )


@permission_required("community.moderate_post", raise_exception=True)
@require_POST
def moderation_action(request):
    """Approve, reject, mark as spam, hide or restore one post (``single="<action>:<id>"``) or
    the ticked ones (``action`` and ``post`` ids)."""
    tab = request.POST.get("tab", "pending")
    back = (
        reverse("community_admin:queue")
        + f"?tab={tab if tab in selectors.QUEUE_TABS else 'pending'}"
    )
    single = request.POST.get("single", "")
    if single:
        action, _sep, pk = single.partition(":")
        ids = [pk]
    else:
        action = request.POST.get("action", "")
        ids = request.POST.getlist("post")
    ids = [parse_id(pk) for pk in ids]
    ids = [] if None in ids else ids
    if action not in (*moderation_services.POST_ACTIONS, "reject"):
        messages.error(request, _("Choose an action."))
        return redirect(back)
    if not ids:
        messages.error(request, _("Tick at least one post."))
        return redirect(back)
    form = ModerationForm(request.POST)
    form.is_valid()
    reason_code = form.cleaned_data.get("reason_code", "")
    if action == "reject" and not reason_code:
        messages.error(request, _("Choose the reason for the rejection from the guidelines."))
        return redirect(back)
    posts = Post.objects.filter(pk__in=ids).select_related("page", "user")
    done = 0
    for post in posts:
        if action == "reject":
            moderation_services.post_reject(
                post=post,
                moderator=request.user,
                reason_code=reason_code,
                note=form.cleaned_data.get("note", ""),
                allow_resubmit=form.cleaned_data.get("allow_resubmit", False),
            )
        else:
            moderation_services.POST_ACTIONS[action](post=post, moderator=request.user)
        done += 1
    messages.success(
        request,
        ngettext("%(count)d post updated.", "%(count)d posts updated.", done) % {"count": done},
    )
    return redirect(back)


class MemberActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("warn", "warn"),
            ("suspend", "suspend"),
            ("unsuspend", "unsuspend"),
            ("ban", "ban"),
            ("unban", "unban"),
            ("grant", "grant"),
        ]
    )
    reason_code = forms.ChoiceField(
        label=gettext_lazy("Reason (from the guidelines)"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the member"), required=False, max_length=1000
    )
    days = forms.IntegerField(
        label=gettext_lazy("Days"), required=False, min_value=1, max_value=3650, initial=7
    )
    ban_reason = forms.ChoiceField(label=gettext_lazy("Why"), required=False)
    level = forms.ChoiceField(label=gettext_lazy("Granted level"), required=False)
    post = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = [("", "—"), *guidelines.rule_choices()]
        self.fields["ban_reason"].choices = moderation_services.ban_reason_choices()
        self.fields["level"].choices = [
            ("", _("None: the thresholds decide")),
            (TrustLevel.TRUSTED, TrustLevel.TRUSTED.label),
            (TrustLevel.HERO, TrustLevel.HERO.label),
        ]


def _member_history(profile: MemberProfile):
    """Log entries about the member and about their posts, newest first."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    profile_type = ContentType.objects.get_for_model(MemberProfile)
    post_type = ContentType.objects.get_for_model(Post)
    post_ids = [
        str(pk) for pk in Post.objects.filter(user=profile.user).values_list("pk", flat=True)
    ]
    return (
        ModelLogEntry.objects.filter(
            Q(content_type=profile_type, object_id=str(profile.pk))
            | Q(content_type=post_type, object_id__in=post_ids)
        )
        .select_related("user")
        .order_by("-timestamp")[:50]
    )


@permission_required("community.moderate_post", raise_exception=True)
@require_http_methods(["GET"])
def member_detail(request, user_id: int):
    profile = get_object_or_404(MemberProfile.objects.select_related("user"), user_id=user_id)
    warnings = list(profile.user.community_warnings.select_related("moderator"))
    return TemplateResponse(
        request,
        "community/admin/member.html",
        {
            "profile": profile,
            "member": profile.user,
            "stats": trust.member_stats(profile.user),
            "warnings": warnings,
            "posts": Post.objects.filter(user=profile.user)
            .select_related("page")
            .order_by("-submit_date")[:20],
            "history": _member_history(profile),
            "form": MemberActionForm(
                initial={"days": trust.trust_settings(request).suspension_days}
            ),
            "header_icon": "user",
        },
    )


@permission_required("community.moderate_post", raise_exception=True)
@require_POST
def member_action(request, user_id: int):
    profile = get_object_or_404(MemberProfile.objects.select_related("user"), user_id=user_id)
    member = profile.user
    back = reverse("community_admin:member", args=[user_id])
    form = MemberActionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Please check the form: %(errors)s")
            % {
                "errors": "; ".join(
                    str(error) for errors in form.errors.values() for error in errors
                )
            },
        )
        return redirect(back)
    data = form.cleaned_data
    action = data["action"]
    post = (
        Post.objects.filter(pk=data.get("post"), user=member).first() if data.get("post") else None
    )
    try:
        if action == "warn":
            if not data["reason_code"]:
                raise ValidationError(_("Choose the reason for the warning from the guidelines."))
            moderation_services.member_warn(
                member=member,
                moderator=request.user,
                reason_code=data["reason_code"],
                note=data["note"],
                post=post,
            )
            messages.success(request, _("%(name)s is warned.") % {"name": profile})
        elif action == "suspend":
            moderation_services.member_suspend(
                member=member,
                moderator=request.user,
                days=data.get("days") or trust.trust_settings(request).suspension_days,
                reason_code=data["reason_code"],
                note=data["note"],
            )
            messages.success(request, _("%(name)s is suspended.") % {"name": profile})
        elif action == "unsuspend":
            moderation_services.member_unsuspend(member=member, moderator=request.user)
            messages.success(
                request, _("The suspension of %(name)s is lifted.") % {"name": profile}
            )
        elif action == "ban":
            moderation_services.member_ban(
                member=member, moderator=request.user, reason=data["ban_reason"], note=data["note"]
            )
            messages.success(request, _("%(name)s is banned.") % {"name": profile})
        elif action == "unban":
            moderation_services.member_unban(member=member, moderator=request.user)
            messages.success(request, _("The ban of %(name)s is lifted.") % {"name": profile})
        elif action == "grant":
            trust.level_grant(profile=profile, level=data["level"], moderator=request.user)
            messages.success(request, _("The level of %(name)s is updated.") % {"name": profile})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(back)
