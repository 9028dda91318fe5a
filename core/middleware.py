import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from core.storage import MediaStorageUnavailable

logger = logging.getLogger(__name__)


class RememberLanguageMiddleware:
    """Remembers the language of the last page visited under ``/ko/`` or ``/en/``.

    ``LocaleMiddleware`` reads the language cookie when a visitor arrives at ``/``; this keeps
    the cookie in step with the language the visitor last chose through the switcher or a link.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if (
            language
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class RefusedAccountFormMiddleware(MiddlewareMixin):
    """Answers 400 when a django-allauth form (sign up, log in, password…) refuses what was
    sent, as the site's own forms do; allauth, like Django's ``FormView``, answers 200. The
    form is shown again with its messages and what the visitor typed either way.

    A refusal that is a rate limit (an error carrying ``retry_after`` seconds, as the account
    adapter gives the failed-login lockout) answers 429 with ``Retry-After`` instead."""

    def process_template_response(self, request, response):
        form = (response.context_data or {}).get("form")
        match = request.resolver_match
        if (
            request.method == "POST"
            and response.status_code == 200
            and match is not None
            and match.func.__module__.startswith("allauth.")
            and form is not None
            and form.is_bound
            and form.errors
        ):
            retry_after = _retry_after(form)
            if retry_after is None:
                response.status_code = 400
            else:
                response.status_code = 429
                response["Retry-After"] = str(retry_after)
        return response


class MediaStorageUnavailableMiddleware(MiddlewareMixin):
    """A media store that cannot be reached (an S3 bucket that is missing, an endpoint that
    refuses) answers 503 with a message in the visitor's language, and the operator finds the
    store's own reason in the log; never a generic error page nor a silent success."""

    def process_exception(self, request, exception):
        if not isinstance(exception, MediaStorageUnavailable):
            return None
        logger.error("%s (%s %s)", exception, request.method, request.path, exc_info=exception)
        message = _(
            "The file could not be stored or read: the media storage is not answering. "
            "Please try again later, and tell the site's administrator if this goes on."
        )
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")


def _retry_after(form) -> int | None:
    """The longest wait a rate-limit error of ``form`` asks for, in seconds."""
    waits = [
        error.params["retry_after"]
        for errors in form.errors.as_data().values()
        for error in errors
        if isinstance(error.params, dict) and "retry_after" in error.params
    ]
    return max(waits, default=None)
