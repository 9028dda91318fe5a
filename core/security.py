"""Security headers that Django does not set itself: Content-Security-Policy and
Permissions-Policy.

Public pages get a strict policy (no inline script or style, nothing from other origins but
the media store's, when uploads live in an object store with its own address).
The Wagtail admin ships a few inline scripts of its own, so paths under ``/admin/`` get
``DANGOL_ADMIN_CSP``, which allows inline script and style there only.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage


def media_origin() -> str | None:
    """The origin media files are served from, when it is not the site's own (an S3 bucket
    or its CDN); ``None`` for local media under ``MEDIA_URL``."""
    address = urlsplit(default_storage.url("csp-origin"))
    if address.scheme and address.netloc:
        return f"{address.scheme}://{address.netloc}"
    return None


def with_media(directives: dict[str, list[str]], origin: str | None) -> dict[str, list[str]]:
    if origin is None:
        return directives
    return {**directives, "img-src": [*directives.get("img-src", []), origin]}


def serialise_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        origin = media_origin()
        self.public_policy = serialise_policy(with_media(settings.DANGOL_CSP, origin))
        self.admin_policy = serialise_policy(with_media(settings.DANGOL_ADMIN_CSP, origin))
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.DANGOL_PERMISSIONS_POLICY_DENY
        )

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response  # Django's debug pages use inline script and style
        is_admin = request.path_info.startswith(settings.DANGOL_ADMIN_PATH_PREFIXES)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin_policy if is_admin else self.public_policy
        )
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
