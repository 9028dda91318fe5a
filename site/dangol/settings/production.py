"""Production: everything from the environment; refuses to start without SECRET_KEY and
ALLOWED_HOSTS, and passes ``manage.py check --deploy`` without warnings."""

from .base import *  # noqa: F403
from .base import MEDIA_STORAGE, MIDDLEWARE, env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # no default: refuse to start without it

# Static files served by the application itself, compressed, with far-future cache headers.
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[2:],
]
STORAGES = {
    "default": MEDIA_STORAGE,  # local disk, or the S3 bucket named by MEDIA_S3_BUCKET
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365  # hashed file names: cache for a year

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
DANGOL_DEMO_ALLOWED = env.bool("DANGOL_DEMO_ALLOWED", default=False)

# Mail the server cannot take now is kept and retried by `manage.py deliver_queued_email`
# (DANGOL_EMAIL_DELIVERY_BACKEND, from EMAIL_URL, does the sending).
EMAIL_BACKEND = "home.mail.QueuedEmailBackend"
