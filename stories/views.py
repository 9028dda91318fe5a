from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.selectors import community_settings
from core import ratelimit

from . import services
from .forms import FAQFeedbackForm
from .models import FAQPage
from .short_links import faq_for_short_id

VISITOR_COOKIE = "dangol_visitor"
VISITOR_COOKIE_SALT = "stories.faq-feedback.visitor"
VISITOR_COOKIE_AGE = 60 * 60 * 24 * 365 * 2


@require_GET
def faq_short_link(request, pk: int):
    """``/faq/<id>/`` → the FAQ in the visitor's language (language cookie, then
    ``Accept-Language``), or in the other language when it is not translated."""
    faq = faq_for_short_id(pk)
    if faq is None:
        raise Http404(_("There is no published FAQ with this number."))
    response = HttpResponseRedirect(faq.get_url(request))
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    patch_cache_control(response, private=True)
    return response


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def faq_feedback(request, pk: int):
    """ "Was this helpful?" on a FAQ: one vote per visitor, changed by voting again."""
    faq = get_object_or_404(FAQPage.objects.live().public(), pk=pk)
    if not request.user.is_authenticated and community_settings(request).members_only_reading:
        return redirect_to_login(faq.get_url(request))  # as reading the FAQ itself would
    try:
        ratelimit.hit("faq-feedback", ratelimit.client_ip(request), settings.DANGOL_FAQ_VOTE_RATE)
    except ratelimit.RateLimited as limited:
        if _wants_json(request):
            response = JsonResponse({"error": limited.message}, status=429)
            response["Retry-After"] = str(limited.retry_after)
            return response
        return ratelimit.rate_limited_response(request, limited)

    form = FAQFeedbackForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            return JsonResponse({"error": " ".join(errors)}, status=400)
        context = faq.get_context(request)
        context["feedback_form"] = form
        return TemplateResponse(request, faq.get_template(request), context, status=400)

    visitor_id = request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_COOKIE_SALT)
    vote = services.faq_feedback_record(
        faq=faq,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
        visitor_id=visitor_id,
    )
    if vote.helpful:
        message = _("Thank you! We are glad this answer helped.")
    elif vote.comment:
        message = _("Thank you! We will use your comment to improve this answer.")
    else:
        message = _("Thank you for telling us. We will work on this answer.")
    if _wants_json(request):
        response = JsonResponse({"message": message, "helpful": vote.helpful})
    else:
        messages.success(request, message)
        response = HttpResponseRedirect(faq.get_url(request) + "#faq-feedback")
    if vote.visitor_id != visitor_id:
        response.set_signed_cookie(
            VISITOR_COOKIE,
            vote.visitor_id,
            salt=VISITOR_COOKIE_SALT,
            max_age=VISITOR_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
