"""The test suite: fast hashing, local memory cache and mail, media in a throwaway folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="dangol-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
DANGOL_PAGE_CACHE_SECONDS = 0  # the page cache's own tests switch it on
DANGOL_DEMO_IMAGE_SCALE = 0.25  # small demo pictures: cheap renditions

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use an in-memory database; WAL does not apply there.
    DATABASES["default"]["OPTIONS"].pop("init_command", None)
