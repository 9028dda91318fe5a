"""Settings shared by every environment.

Secure by default: ``DEBUG`` is off and ``SECRET_KEY`` must come from the environment.
Every deployment value is read from the environment through one typed reader (django-environ);
``dev``, ``test`` and ``production`` adjust these defaults.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # the repository root

env = environ.Env()

# Runtime state (SQLite database, uploaded media, mail files) lives in one git-ignored folder.
VAR_DIR = Path(env.str("DANGOL_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "home",
    "stories",
    "search",
    "community",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django.contrib.sites",
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
]

MIDDLEWARE = [
    # Outermost, so that a page cache inside never stores a visitor's language cookie.
    "core.middleware.RememberLanguageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.RefusedAccountFormMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.SecurityHeadersMiddleware",
    # Inside the middleware that add headers and the CSRF cookie, so cached pages get them too.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.MediaStorageUnavailableMiddleware",
]

ROOT_URLCONF = "dangol.urls"
WSGI_APPLICATION = "dangol.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://user@host:port/name).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE transactions take the write lock
    # up front, so concurrent writers queue for the busy timeout instead of failing with
    # "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Keep connections open between requests (SQLite too: opening one costs a few milliseconds).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: CACHE_URL (any django-environ cache URL) or REDIS_URL; local memory otherwise.
if env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache_url("CACHE_URL")}
elif env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sites that share one cache server (production and staging) keep apart by a prefix.
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")

# Anonymous visitors' pages are cached this long (0 turns the page cache off).
DANGOL_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Saving or deleting one of these starts a new page-cache generation: whatever is saved shows
# on pages. Pages, site settings and community posts have rules of their own
# (core.signal_handlers, community.signal_handlers); nothing else empties the caches.
DANGOL_PAGE_CACHE_MODELS = {
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    # Privacy: who may see a page (its groups are a many-to-many: see core.signal_handlers).
    "wagtailcore.PageViewRestriction",
    "stories.StoryCategory",
    "stories.Author",
    "taggit.Tag",
}
# Data that every page reads (site settings, privacy, the header's pages) is cached for the
# current page-cache generation (``core.page_cache.cached``), at most this long.
DANGOL_DATA_CACHE_SECONDS = env.int("DATA_CACHE_SECONDS", default=3600)

# Email: EMAIL_URL (smtp://user:password@host:587, consolemail://, filemail:///path) or the
# usual Django EMAIL_* variables; printed to the console when nothing is configured.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))  # django-environ's documented pattern
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
    )
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Requests never talk to the mail server: every message is stored (core.mail.QueuedEmailBackend)
# and the worker delivers it through DANGOL_EMAIL_DELIVERY_BACKEND, the backend configured above.
DANGOL_EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
DANGOL_EMAIL_BATCH_SIZE = 100  # messages sent through one connection to the mail server
DANGOL_EMAIL_KEEP_SENT_DAYS = env.int("EMAIL_KEEP_SENT_DAYS", default=30)
DANGOL_EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=10)
DANGOL_EMAIL_RETRY_BASE_SECONDS = 60  # then 2, 4, 8… minutes
DANGOL_EMAIL_RETRY_MAX_SECONDS = 6 * 3600
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Dangol <hello@dangol.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = 10

# Members sign up and log in with django-allauth (by email); staff use the Wagtail admin login.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL  # private pages send visitors to the member login
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Seconds a rate-limited visitor is told to wait when the limit itself does not say.
DANGOL_RATE_LIMIT_RETRY_AFTER = 60
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Signup modes (free, invitation, approval), the Members group and the welcome message.
ACCOUNT_ADAPTER = "community.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "community.forms.SignupForm"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Korean first, English second. Every public URL carries its language prefix.
LANGUAGE_CODE = "ko"
LANGUAGES = [
    ("ko", "한국어"),
    ("en", "English"),
]
LANGUAGE_COOKIE_NAME = "dangol_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Serve uploaded media from the application itself, for a single machine without a web server
# or object storage in front (the benchmark and the audit use it).
DANGOL_SERVE_MEDIA = env.bool("DANGOL_SERVE_MEDIA", default=False)

# Uploaded media (images, renditions, documents): on local disk under MEDIA_ROOT, or in an
# S3-compatible bucket when MEDIA_S3_BUCKET (or AWS_STORAGE_BUCKET_NAME) is set.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="") or env.str(
    "AWS_STORAGE_BUCKET_NAME", default=""
)
if MEDIA_S3_BUCKET:
    _media_acl = env.str("MEDIA_S3_ACL", default="")
    if _media_acl not in ("", "private", "public-read"):
        raise ImproperlyConfigured(
            f"MEDIA_S3_ACL must be empty (no ACLs), 'private' or 'public-read', not {_media_acl!r}."
        )
    # A public address in front of the bucket (a CDN): "media.example.com" (HTTPS) or a full
    # "http(s)://host[/path]".
    _media_protocol, _, _media_domain = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="").rpartition(
        "//"
    )
    MEDIA_STORAGE = {
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "location": env.str("MEDIA_S3_PREFIX", default=""),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            # Without keys boto3 looks for credentials itself (AWS_* variables, an instance role).
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "addressing_style": env.str("MEDIA_S3_ADDRESSING_STYLE", default="") or None,
            "custom_domain": _media_domain.rstrip("/") or None,
            "url_protocol": _media_protocol or "https:",
            "default_acl": _media_acl or None,
            # Addresses are signed and expire unless the files are public behind their own domain.
            "querystring_auth": env.bool("MEDIA_S3_SIGNED_URLS", default=not _media_domain),
            "querystring_expire": env.int("MEDIA_S3_URL_EXPIRY", default=3600),
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor can post many fields at once.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Dangol"
# The site's one public address: the Wagtail site record, Django's sites entry, canonical and
# sitemap URLs, links in emails and the admin all follow it (synced after every `migrate`).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are served by the application (permission checks, a "default-src 'none'" CSP and
# nosniff on every download) and always as attachments, PDFs included: never shown inline.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Raster formats only: an SVG upload could carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no external avatar requests from the admin

X_FRAME_OPTIONS = "DENY"
DANGOL_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
DANGOL_ADMIN_PATH_PREFIXES = ("/admin/",)
DANGOL_ADMIN_CSP = {
    **DANGOL_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
DANGOL_PERMISSIONS_POLICY_DENY = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},  # one line per task run is noise
    },
}

# Search: Elasticsearch when ELASTICSEARCH_URL is set, the embedded (database) backend otherwise.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="dangol")
ELASTICSEARCH_TIMEOUT = min(env.float("ELASTICSEARCH_TIMEOUT", default=2.0), 2.0)
# A cluster: ELASTICSEARCH_URL may name several nodes, comma-separated; credentials are a user
# name and password or an API key; a private certificate authority is named by its file.
ELASTICSEARCH_USERNAME = env.str("ELASTICSEARCH_USERNAME", default="")
ELASTICSEARCH_PASSWORD = env.str("ELASTICSEARCH_PASSWORD", default="")
ELASTICSEARCH_API_KEY = env.str("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_CA_CERTS = env.str("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_VERIFY_CERTS = env.bool("ELASTICSEARCH_VERIFY_CERTS", default=True)
# Shards and replicas of each index the backend creates (a rebuild applies a change).
ELASTICSEARCH_SHARDS = env.int("ELASTICSEARCH_SHARDS", default=1)
ELASTICSEARCH_REPLICAS = env.int("ELASTICSEARCH_REPLICAS", default=0)
# Searches per visitor's address (the search page and GET /api/search/ together), and
# autocompletions, which come as the visitor types.
DANGOL_SEARCH_RATE_LIMIT = env.str("SEARCH_RATE_LIMIT", default="60/m")
DANGOL_SEARCH_SUGGEST_RATE_LIMIT = env.str("SEARCH_SUGGEST_RATE_LIMIT", default="240/m")
# Background work (mail, notifications, search indexing) runs on a worker: by default a queue
# in the site's own database (django-tasks-db; `manage.py db_worker`). The test suite runs
# tasks at once in-process (django_tasks.backends.immediate.ImmediateBackend).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND.startswith("django_tasks_db."):
    INSTALLED_APPS.append("django_tasks_db")
# Finished task results are pruned after this many days (`manage.py periodic`).
DANGOL_TASK_RESULTS_KEEP_DAYS = env.int("TASK_RESULTS_KEEP_DAYS", default=7)
# Community threads: django-comments-xtd with the project's own comment model and form.
# django_comments needs django.contrib.sites; Wagtail's own Site model is separate.
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "community.models.Post"
COMMENTS_XTD_FORM_CLASS = "community.forms.PostForm"
COMMENTS_XTD_CONFIRM_EMAIL = False  # guests confirm through community's own signed tokens
# Deepest reply level: 0 is a post, 1 a reply to it, 2 a reply to a reply.
COMMENTS_XTD_MAX_THREAD_LEVEL = env.int("COMMUNITY_MAX_THREAD_LEVEL", default=2)
COMMENT_MAX_LENGTH = env.int("COMMUNITY_POST_MAX_LENGTH", default=3000)
COMMUNITY_POST_MIN_LENGTH = 2
COMMUNITY_GUEST_CONFIRMATION_HOURS = 48

# FAQ knowledge base: "Was this helpful?" votes per address, and when a FAQ is due for review.
DANGOL_FAQ_VOTE_RATE = env.str("DANGOL_FAQ_VOTE_RATE", default="20/h")
DANGOL_FAQ_REVIEW_DAYS = env.int("DANGOL_FAQ_REVIEW_DAYS", default=180)

# `load_demo` creates accounts with a published password: allowed unless switched off.
DANGOL_DEMO_ALLOWED = env.bool("DANGOL_DEMO_ALLOWED", default=True)
DANGOL_DEMO_IMAGE_SCALE = 1.0
