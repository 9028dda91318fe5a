"""The test suite: fast hashing, local memory cache and mail, media in a throwaway folder."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Mail takes the production path (stored, then delivered by a task) into Django's test outbox.
DANGOL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's own process and transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="dangol-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
DANGOL_PAGE_CACHE_SECONDS = 0  # the page cache's own tests switch it on
# The suite searches often from one address; the rate limits' own tests set real rates.
DANGOL_SEARCH_RATE_LIMIT = DANGOL_SEARCH_SUGGEST_RATE_LIMIT = "100000/m"
DANGOL_DEMO_IMAGE_SCALE = 0.25  # small demo pictures: cheap renditions

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than memory: with an in-memory database a live server's threads all share
    # the test's one connection, so concurrent requests would not be concurrent at all. With a
    # file each thread has its own connection, and WAL and the busy timeout apply as they do in
    # production.
    # One file per test process, removed by the test run when it ends.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"dangol-test-{os.getpid()}.sqlite3")
    }
