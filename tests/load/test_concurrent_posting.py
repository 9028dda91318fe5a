"""Fifty members post at the same moment, through real HTTP requests to a live server.

The same test runs on SQLite (the default) and on PostgreSQL (when DATABASE_URL names one):
every accepted post is stored exactly once, a refused one is a 4xx that says why, and nothing
answers 500 or "database is locked".
"""

import http.client
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread

from community.factories import MemberFactory
from community.models import Post
from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MEMBERS = 50
TIMEOUT = 120  # seconds per request: generous, the machine may be busy; never asserted on


class PostFormParser(HTMLParser):
    """The fields of the page's post form (hidden inputs, CSRF token included)."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "post-form" in (attrs.get("class") or ""):
            self.in_form = True
        elif tag == "input" and self.in_form and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


class RoomyWSGIServer(ThreadedWSGIServer):
    # Django's development server queues 10 connections; 50 at once would be reset by the
    # kernel before Django saw them. Production servers queue far more (gunicorn: 2048).
    request_queue_size = 2 * MEMBERS


class RoomyLiveServerThread(LiveServerThread):
    server_class = RoomyWSGIServer


@pytest.fixture
def roomy_live_server():
    """pytest-django's live server with a longer connection queue. Each request thread opens
    its own database connection, as in production (the test database is a file, not memory)."""
    for connection in connections.all():
        assert not (connection.vendor == "sqlite" and connection.is_in_memory_db()), (
            "an in-memory SQLite database is shared by all server threads: use a file"
        )
    thread = RoomyLiveServerThread("127.0.0.1", StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@dataclass
class Outcome:
    member_pk: int
    text: str
    status: int
    body: str
    retry_after: str | None


def request(host, port, method, path, cookies, body=None):
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_fifty_members_post_at_once(roomy_live_server, home, caplog):
    story = StoryPageFactory(title="동시에 쓰는 이야기")
    members = MemberFactory.create_batch(MEMBERS)
    sessions = {}
    for member in members:
        client = Client()
        client.force_login(member)
        sessions[member.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value

    address = urlsplit(roomy_live_server)
    thread_path = f"/ko/community/pages/{story.pk}/"
    start_together = threading.Barrier(MEMBERS, timeout=TIMEOUT)

    def member_posts(member_pk: int) -> Outcome:
        cookies = {settings.SESSION_COOKIE_NAME: sessions[member_pk]}
        response, html = request(address.hostname, address.port, "GET", thread_path, cookies)
        assert response.status == 200, html[:500]
        csrf_cookie = re.search(
            rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", response.getheader("Set-Cookie") or ""
        )
        cookies[settings.CSRF_COOKIE_NAME] = csrf_cookie.group(1)
        form = PostFormParser()
        form.feed(html)
        text = f"동시에 올리는 팁, 회원 {member_pk}번입니다."
        body = urlencode({**form.fields, "kind": "tip", "comment": text, "honeypot": ""})
        start_together.wait()
        response, html = request(
            address.hostname, address.port, "POST", "/ko/community/posts/", cookies, body
        )
        return Outcome(member_pk, text, response.status, html, response.getheader("Retry-After"))

    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(max_workers=MEMBERS) as pool:
        outcomes = list(pool.map(member_posts, sessions))

    assert len(outcomes) == MEMBERS
    for outcome in outcomes:
        assert outcome.status < 500, outcome.body[:2000]
        assert "database is locked" not in outcome.body
        stored = Post.objects.filter(user_id=outcome.member_pk, comment=outcome.text).count()
        if outcome.status < 400:
            assert stored == 1, f"member {outcome.member_pk}: accepted, stored {stored} times"
        else:
            # Refused only by a rate limit (none applies to one post each today), with the
            # wait in words and in Retry-After; a form error here would be a lost post.
            assert outcome.status == 429, outcome.body[:2000]
            assert outcome.retry_after and "후에 다시 해 주세요" in outcome.body
            assert stored == 0
    accepted = [outcome for outcome in outcomes if outcome.status < 400]
    assert accepted, "no post was accepted"
    assert Post.objects.filter(object_pk=str(story.pk)).count() == len(accepted)
    problems = [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR or "locked" in record.getMessage()
    ]
    assert problems == []
