"""Production: everything from the environment; refuses to start without SECRET_KEY,
ALLOWED_HOSTS, SITE_URL or a cache every process shares, and passes ``manage.py check
--deploy`` without warnings."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, MEDIA_STORAGE, MIDDLEWARE, env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # no default: refuse to start without it
SITE_URL = env.str("SITE_URL").rstrip("/")  # the public address, e.g. https://dangol.example
WAGTAILADMIN_BASE_URL = SITE_URL

# Rate limits, the page cache and the data cache must be the same for every process and
# machine: a cache in one process's memory would let each worker count and cache on its own.
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
if CACHES["default"]["BACKEND"] in PROCESS_LOCAL_CACHES:
    raise ImproperlyConfigured(
        "Production needs a cache that every process shares: set CACHE_URL (for example "
        "redis://127.0.0.1:6379/1) or REDIS_URL. The in-memory cache belongs to one process."
    )

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
