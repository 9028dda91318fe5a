"""The production topology end to end, with the processes a deployment runs: gunicorn (two
workers, production settings), the task worker (``manage.py db_worker``), ``manage.py periodic``,
PostgreSQL, Redis and a real SMTP server on 127.0.0.1 (aiosmtpd).

A moderator approves a reply in a thread with 500 followers through the admin over HTTP: the
request only queues work; the worker then sends each follower one email, 100 to a connection;
with the mail server down nothing is lost (each email waits for its retry, listed for
superusers), and ``manage.py periodic`` delivers them once the server is back.

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and Redis at 127.0.0.1:6379: skipped,
with the reason, when either does not answer. The test works in a database of its own,
``dangol_topology_<pid>``, dropped at the end, and in Redis database 15, emptied before and
after. ``make test`` runs it; ``pytest -m production`` runs it alone.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import math
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = Path(sys.executable).with_name("gunicorn")
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/15"
FOLLOWERS = 500

pytestmark = pytest.mark.production


# Services ----------------------------------------------------------------------------------


def _postgres_problem() -> str | None:
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except Exception as error:  # any failure means: no PostgreSQL to run against
        return f"PostgreSQL does not answer at 127.0.0.1:5432 ({type(error).__name__})"
    return None


def _redis_problem() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as error:  # any failure means: no Redis to run against
        return f"Redis does not answer at 127.0.0.1:6379 ({type(error).__name__})"
    return None


@pytest.fixture(scope="module")
def services():
    problems = [p for p in (_postgres_problem(), _redis_problem()) if p]
    if problems:
        pytest.skip("; ".join(problems) + ": the production topology test needs both")
    if not GUNICORN.exists():
        pytest.skip(f"gunicorn is not installed in the virtualenv ({GUNICORN})")


@pytest.fixture(scope="module")
def database(services):
    import psycopg

    name = f"dangol_topology_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def cache(services):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


def sql(database_url: str, query: str, *params):
    """Rows of ``query`` in the site's database (as the test sees it from outside)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A mail server -----------------------------------------------------------------------------


@dataclass
class Mailbox:
    """What a local SMTP server received: messages and connections, counted per phase."""

    messages: list[EmailMessage] = field(default_factory=list)
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> tuple[list[EmailMessage], int]:
        """The messages and connections since the last call."""
        with self.lock:
            taken = (self.messages, self.connections)
            self.messages, self.connections = [], 0
        return taken

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        message["X-Test-Rcpt-To"] = ",".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


class MailServer:
    """aiosmtpd on a fixed port, which can be shut (connections refused) and opened again."""

    def __init__(self, mailbox: Mailbox, port: int):
        self.mailbox, self.port, self.controller = mailbox, port, None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        mailbox = self.mailbox

        class CountingController(Controller):
            def factory(self):  # one call per connection
                with mailbox.lock:
                    mailbox.connections += 1
                return super().factory()

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command
        self.controller = CountingController(mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        mailbox.take()  # the controller's own check that it is up is not a delivery

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


# An HTTP client that keeps cookies, Secure ones too (production marks them so) --------------


class Browser:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict):
        return self.request("POST", path, data)

    @staticmethod
    def csrf_token(html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "the page has no CSRF token"
        return match.group(1)

    def log_in(self, username: str, password: str) -> None:
        """Through the admin's login form, with its CSRF token."""
        status, _headers, html = self.get("/admin/login/")
        assert status == 200
        status, headers, _html = self.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": self.csrf_token(html),
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        assert (status, headers["Location"]) == (302, "/admin/"), f"{username} cannot log in"


# Processes ---------------------------------------------------------------------------------


SEARCH_LIMIT = 20  # searches a minute per address, for the shared-limit check


def environment(*, database_url: str, cache_url: str, site_port: int, smtp_port: int, var_dir):
    """What every process of the deployment gets: production settings from the environment."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
    return {
        **{name: os.environ[name] for name in keep if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "dangol.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{site_port}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DANGOL_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "SEARCH_RATE_LIMIT": f"{SEARCH_LIMIT}/m",
    }


def run(env: dict, *args: str, timeout: float = 300) -> str:
    result = subprocess.run(  # our own interpreter and scripts
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    return run(env, "manage.py", *args, timeout=timeout)


def run_worker(env: dict) -> None:
    """The task worker until the queue is empty (as ``db_worker`` does, then it stops)."""
    manage(env, "db_worker", "--batch", "--no-startup-delay", "--verbosity", "0")


@contextlib.contextmanager
def gunicorn(env: dict, port: int, log_path: Path):
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn
            [
                str(GUNICORN),
                "--chdir",
                "site",
                "dangol.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(process, port, log_path)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_healthy(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log_path.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            status, _headers, _body = Browser(port).get("/healthz")
            if status == 200:
                return
        time.sleep(0.3)
    pytest.fail(f"gunicorn did not answer /healthz within 60 s:\n{log_path.read_text()[-3000:]}")


# Checks ------------------------------------------------------------------------------------


def approve(browser: Browser, post_id: int) -> int:
    """Approve a post from the moderation queue, as a moderator's click does."""
    return moderate(browser, post_id, action="approve", tab="pending")


def moderate(browser: Browser, post_id: int, *, action: str, tab: str) -> int:
    status, _headers, html = browser.get(f"/admin/community/moderation/?tab={tab}")
    assert status == 200
    assert f"{action}:{post_id}" in html, f"the post cannot be given '{action}' from {tab}"
    status, headers, _html = browser.post(
        "/admin/community/moderation/action/",
        {
            "csrfmiddlewaretoken": Browser.csrf_token(html),
            "tab": tab,
            "single": f"{action}:{post_id}",
        },
    )
    return status


def new_reply_emails(messages: list[EmailMessage], *, site_url: str, reply_text: str):
    """The messages that are the new-reply email about this reply, by recipient."""
    recipients = Counter()
    for message in messages:
        body = message.get_body(preferencelist=("plain",)).get_content()
        if (
            "망원 호지차" in message["Subject"]
            and message["List-Unsubscribe"]
            and reply_text in body
            and f"{site_url}/ko/community/" in body
        ):
            recipients[message["X-Test-Rcpt-To"]] += 1
    return recipients


def outgoing(database_url: str) -> dict[tuple[str, int, bool], int]:
    """OutgoingEmail rows counted by (status, failed attempts, has an error)."""
    rows = sql(
        database_url,
        "SELECT status, attempts, last_error <> '', count(*) FROM home_outgoingemail "
        "GROUP BY 1, 2, 3",
    )
    return {(status, attempts, error): count for status, attempts, error, count in rows}


def test_production_topology(database, cache, tmp_path):
    started = time.monotonic()
    timings: dict[str, float] = {}
    site_port, smtp_port = free_port(), free_port()
    site_url = f"http://127.0.0.1:{site_port}"
    env = environment(
        database_url=database,
        cache_url=cache,
        site_port=site_port,
        smtp_port=smtp_port,
        var_dir=tmp_path,
    )
    batch = settings.DANGOL_EMAIL_BATCH_SIZE
    most_connections = math.ceil(FOLLOWERS / batch) + 1

    # The deployment's preparation: migrate, static files, content; then the queue the content
    # left behind (search indexing) is worked off.
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    data = json.loads(run(env, "tests/production/prepare.py", str(FOLLOWERS)))
    followers, (first_reply, second_reply) = set(data["followers"]), data["replies"]
    assert len(followers) == FOLLOWERS
    mailbox = Mailbox()
    mail_server = MailServer(mailbox, smtp_port)
    mail_server.start()
    try:
        run_worker(env)
        assert mailbox.take() == ([], 0), "preparing the content sent mail"
        timings["preparation"] = time.monotonic() - started

        with gunicorn(env, site_port, tmp_path / "gunicorn.log"):
            moderator = Browser(site_port)
            moderator.log_in("moderator", data["password"])

            # 1. The worker is stopped: approving answers at once and sends nothing yet.
            mark = time.monotonic()
            assert approve(moderator, first_reply) == 302
            timings["approval request"] = time.monotonic() - mark
            assert sql(
                database,
                "SELECT state FROM community_post WHERE xtdcomment_ptr_id = %s",
                first_reply,
            ) == [("approved",)]
            assert sql(
                database,
                "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE task_path = 'community.tasks.notify_new_reply' AND status = 'READY'",
            ) == [(1,)]
            assert mailbox.take() == ([], 0), "the request talked to the mail server"

            # 2. The worker runs: every follower gets the email once, 100 to a connection.
            mark = time.monotonic()
            run_worker(env)
            timings["worker, first reply"] = time.monotonic() - mark
            messages, connections = mailbox.take()
            received = new_reply_emails(messages, site_url=site_url, reply_text="90도 물로 1분이면")
            assert set(received) == followers
            assert set(received.values()) == {1}, "a follower got the email more than once"
            assert len(messages) == FOLLOWERS, "mail other than the new-reply emails was sent"
            assert 1 <= connections <= most_connections
            observed = {"first": (len(messages), connections)}
            assert outgoing(database) == {("sent", 0, False): FOLLOWERS}

            # Shared state: both gunicorn workers count one rate limit and keep one page cache,
            # so a post a moderator hides is gone for every visitor at once.
            search = "/ko/search/?q=" + quote("호지차")
            answers = [Browser(site_port).get(search) for _ in range(30)]
            statuses = [status for status, _headers, _html in answers]
            assert statuses.count(200) == SEARCH_LIMIT and statuses.count(429) == 10
            assert all(headers["Retry-After"] for status, headers, _ in answers if status == 429)
            product = data["product_path"]
            before = [Browser(site_port).get(product) for _ in range(6)]
            assert all(s == 200 and "90도 물로 1분이면" in html for s, _h, html in before), (
                product,
                [s for s, _h, _html in before],
                before[0][2][-3000:],
            )
            assert moderate(moderator, first_reply, action="hide", tab="recent") == 302
            after = [Browser(site_port).get(product) for _ in range(6)]
            assert all(s == 200 and "90도 물로 1분이면" not in html for s, _h, html in after)

            # 3. The mail server is down (its port closed): nothing is lost. Each email waits
            # for its retry after one failed attempt, and a superuser sees them in the admin.
            mail_server.stop()
            assert approve(moderator, second_reply) == 302
            mark = time.monotonic()
            run_worker(env)
            timings["worker, mail server down"] = time.monotonic() - mark
            assert outgoing(database) == {
                ("sent", 0, False): FOLLOWERS,
                ("queued", 1, True): FOLLOWERS,
            }
            errors = sql(
                database,
                "SELECT DISTINCT split_part(last_error, ':', 1) FROM home_outgoingemail "
                "WHERE status = 'queued'",
            )
            assert errors == [("ConnectionRefusedError",)]

            admin = Browser(site_port)
            admin.log_in("admin", data["password"])
            status, _headers, html = admin.get("/admin/outgoing_email/?status=queued")
            assert status == 200
            listed = set(re.findall(r"follower\d{3}@dangol\.example", html))
            assert len(listed) == 50, "the listing does not show a page of waiting emails"
            assert listed <= followers
            # Fifty to a page: ten pages.
            assert "?status=queued&amp;p=10" in html and "p=11" not in html
            (waiting_id,) = sql(
                database, "SELECT min(id) FROM home_outgoingemail WHERE status = 'queued'"
            )[0]
            status, _headers, html = admin.get(f"/admin/outgoing_email/inspect/{waiting_id}/")
            assert status == 200
            assert "ConnectionRefusedError" in html

        # 4. The mail server is back. A retry is due a minute after the failure
        # (DANGOL_EMAIL_RETRY_BASE_SECONDS): the test moves the clock of the waiting emails on
        # rather than wait that minute. Then `manage.py periodic` sends each of them once.
        mail_server.start()
        sql(
            database,
            "UPDATE home_outgoingemail SET next_attempt_at = now() - interval '1 second' "
            "WHERE status = 'queued'",
        )
        mark = time.monotonic()
        output = manage(env, "periodic", "mail-retries", "--force")
        timings["periodic mail-retries"] = time.monotonic() - mark
        assert f"mail-retries: {FOLLOWERS} sent, 0 to retry later, 0 given up" in output
        messages, connections = mailbox.take()
        received = new_reply_emails(
            messages, site_url=site_url, reply_text="두 번째 우릴 때는 30초"
        )
        assert set(received) == followers
        assert set(received.values()) == {1}, "a follower got the email more than once"
        assert len(messages) == FOLLOWERS
        assert 1 <= connections <= most_connections
        observed["retried"] = (len(messages), connections)
        assert outgoing(database) == {("sent", 0, False): FOLLOWERS, ("sent", 1, False): FOLLOWERS}
    finally:
        mail_server.stop()

    timings["total"] = time.monotonic() - started
    print(
        f"\nProduction topology: {FOLLOWERS} followers, {batch} emails a connection; "
        f"first reply {observed['first'][0]} emails over {observed['first'][1]} connections, "
        f"second after the outage {observed['retried'][0]} over {observed['retried'][1]}; "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    )
