"""Local development: debug on, an obvious fake key, mail written to files under var/mail."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
from .base import VAR_DIR, env  # noqa: E402

if not env.str("EMAIL_URL", default="") and not env.str("EMAIL_BACKEND", default=""):
    DANGOL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

INTERNAL_IPS = ["127.0.0.1"]
DANGOL_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)  # see edits at once

VAR_DIR.mkdir(parents=True, exist_ok=True)
