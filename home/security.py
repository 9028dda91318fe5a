"""Security headers that Django does not set itself: Content-Security-Policy and
Permissions-Policy.

Public pages get a strict policy (no inline script or style, nothing from other origins).
The Wagtail admin ships a few inline scripts of its own, so paths under ``/admin/`` get
``DANGOL_ADMIN_CSP``, which allows inline script and style there only.
"""

from django.conf import settings


def serialise_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = serialise_policy(settings.DANGOL_CSP)
        self.admin_policy = serialise_policy(settings.DANGOL_ADMIN_CSP)
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
