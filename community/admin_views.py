"""Wagtail admin views: moderate a post, turn a post into a draft page, approve new members."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages

from . import drafts, services
from .models import MemberProfile, Post


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
