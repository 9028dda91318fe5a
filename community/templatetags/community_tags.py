"""Threads, review summaries and resolved questions, for page templates to include:

{% load community_tags %}
{% review_summary page %}          on a product page
{% faq_resolved_questions page %}  on a FAQ page
{% community_thread page %}        under a story, product or FAQ
"""

import hashlib

from django import template

from .. import markup, policies, selectors
from ..forms import FlagForm, PostForm
from ..models import PostKind, full_name

register = template.Library()

AVATAR_COLOURS = 6  # .avatar--0 … .avatar--5 in the theme


@register.filter
def post_body(text: str):
    """A member's text as sanitised HTML (Markdown subset, nh3)."""
    return markup.render(text)


register.filter("full_name", full_name)


@register.simple_tag
def avatar_colour(key) -> int:
    """A stable colour for a member's initials avatar (drawn locally, no image service)."""
    digest = hashlib.sha256(str(key).encode()).digest()
    return digest[0] % AVATAR_COLOURS


@register.inclusion_tag("community/includes/thread.html", takes_context=True)
def community_thread(context, page):
    request = context["request"]
    user = request.user
    community_settings = selectors.community_settings(request)
    thread = selectors.thread_for_page(
        page=page,
        user=user,
        ordering=request.GET.get("order", ""),
        page_number=request.GET.get("posts", 1),
        per_page=community_settings.threads_per_page,
        request=request,
    )
    own_review = selectors.page_stats(page=page, user=user, request=request).own_review_id
    can_post = user.is_authenticated or community_settings.guests_may_post
    form = PostForm(page, user=user) if can_post else None
    if form is not None and own_review is not None:
        form.fields["kind"].choices = [
            choice for choice in form.fields["kind"].choices if choice[0] != PostKind.REVIEW
        ]
        form.fields["kind"].initial = form.fields["kind"].choices[0][0]
        form.fields.pop("rating", None)
    return {
        "request": request,
        "user": user,
        "thread_page": page,
        "thread": thread,
        "form": form,
        "own_review": own_review,
        "community_settings": community_settings,
        "is_staff_member": policies.is_staff_member(user),
        "max_level": policies.max_level(page),
        "brand_led": community_settings.brand_led,
        "flag_form": FlagForm() if user.is_authenticated else None,
    }


@register.inclusion_tag("community/includes/review_summary.html", takes_context=True)
def review_summary(context, page):
    summary = selectors.review_summary(page=page, request=context.get("request"))
    return {"summary": summary, "thread_page": page}


@register.inclusion_tag("community/includes/faq_resolved.html")
def faq_resolved_questions(page):
    return {"resolved": selectors.faq_resolved_questions(faq=page), "faq": page}


@register.filter
def stars(rating) -> str:
    rating = int(rating or 0)
    return "★" * rating + "☆" * (5 - rating)


@register.filter
def post_excerpt(text: str, length: int = 120) -> str:
    """A member's text as a short plain excerpt (escaped by the template like any text)."""
    return markup.plain_excerpt(text, int(length))


@register.simple_tag(takes_context=True)
def guidelines_url(context) -> str:
    """The address of the community guidelines in the active language ("" when none)."""
    from ..guidelines import guidelines_page

    request = context.get("request")
    cache = request.__dict__ if request is not None else {}
    if "_community_guidelines_url" not in cache:
        page = guidelines_page()
        cache["_community_guidelines_url"] = page.url if page is not None else ""
    return cache["_community_guidelines_url"]


@register.simple_tag(takes_context=True)
def guideline_rule(context, code: str):
    """The guidelines rule with this code in the active language (``None`` when none)."""
    from ..guidelines import rule_for

    if not code:
        return None
    request = context.get("request")
    cache = request.__dict__.setdefault("_community_rules", {}) if request is not None else {}
    if code not in cache:
        cache[code] = rule_for(code)
    return cache[code]


@register.inclusion_tag("community/includes/notices.html", takes_context=True)
def member_notices(context):
    """What the signed-in member is told until they dismiss it: warnings, suspensions, a new
    level, a rejected post, a flag that was handled (one query; none for visitors)."""
    from ..models import Notice

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notices": []}
    notices = list(
        Notice.objects.filter(user=user, seen_at__isnull=True)
        .select_related("post__page")
        .order_by("-created_at")[:5]
    )
    return {"notices": notices, "request": request}


@register.simple_tag
def get_item(mapping, key):
    return mapping.get(key, "")
