import io
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.models import BrandSettings
from home.factories import HomePageFactory

ARTIFACTS_DIR = Path(__file__).resolve().parent.parent / "var" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _new_cache_generation():
    """What ``core.page_cache`` keeps for a generation outlives a test's rolled-back database:
    every test starts with a new generation, as a real site does after any change."""
    from core import page_cache

    page_cache.invalidate()


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    """Django's test set-up swaps ``EMAIL_BACKEND`` for its outbox; put the site's own back, so
    every email takes the production path (stored, then delivered by a task) into the outbox
    (``DANGOL_EMAIL_DELIVERY_BACKEND`` in the test settings)."""
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def _no_buffered_search_analytics():
    """Search analytics wait in the process until written in a batch: what a test leaves there
    must not be written in another test's database, or at exit, after the test database."""
    from search import analytics

    yield
    analytics.buffer.take()


@pytest.fixture
def korean(db) -> Locale:
    return Locale.objects.get(language_code="ko")


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home(db, korean):
    """A Korean home page serving the default site, in place of Wagtail's welcome page."""
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = HomePageFactory(locale=korean)
    site, _ = Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    BrandSettings.for_site(site)  # as on a real site, the settings row exists
    return home


@pytest.fixture
def english_home(home, english):
    translation = home.copy_for_translation(english)
    translation.save_revision().publish()
    return translation.specific


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The bilingual demo, loaded once for a test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", seed=7, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


# Browser tests -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: `make test` installs it when run as root")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by tests
    # while it runs are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections
    from playwright.sync_api import sync_playwright

    wrappers_before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # While Playwright's event loop runs, Django hands this thread new connection
        # wrappers; give them the snapshot that serialized rollback restores between tests.
        for alias, wrapper in wrappers_before.items():
            if hasattr(wrapper, "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = wrapper._test_serialized_contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, request):
    """A fresh browser tab; on failure its screenshot is kept under var/test-artifacts/."""
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS_DIR / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_sessionfinish(session, exitstatus):
    from django.conf import settings

    media_root = str(getattr(settings, "MEDIA_ROOT", ""))
    if "dangol-test-media-" in media_root:
        shutil.rmtree(media_root, ignore_errors=True)
    test_database = str(settings.DATABASES["default"].get("TEST", {}).get("NAME") or "")
    if "dangol-test-" in test_database:  # WAL files a crashed connection may have left
        for suffix in ("-wal", "-shm"):
            Path(test_database + suffix).unlink(missing_ok=True)
