"""When the mail server is unreachable, signup and posting still succeed; the mail waits in the
database (JSON) and ``deliver_queued_email`` sends it once the server answers."""

import datetime
import io
import json
import logging
import socket

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from community.factories import MemberFactory, PostFactory
from community.forms import PostForm
from community.models import PostKind
from core import roles
from core.mail import deliver_queued_email, retry_delay
from core.models import OutgoingEmail
from home.factories import UserFactory
from stories.factories import FAQPageFactory

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth keeps its rate limits and email cooldowns in the cache: leave none behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def closed_port() -> int:
    """A local port where nothing listens: connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings, closed_port):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DANGOL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def smtp_comes_back(settings):
    settings.DANGOL_EMAIL_DELIVERY_BACKEND = LOCMEM


def later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_signup_succeeds_and_its_email_is_queued_then_delivered(
    client, home, smtp_down, caplog, django_capture_on_commit_callbacks
):
    signup = {
        "email": "hana@dangol.example",
        "display_name": "하나",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    with (
        caplog.at_level(logging.WARNING, logger="core.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/ko/accounts/signup/", signup)
    assert response.status_code == 302
    assert response["Location"] == "/ko/accounts/confirm-email/"
    queued = OutgoingEmail.objects.get()
    assert queued.to == ["hana@dangol.example"]
    assert queued.status == OutgoingEmail.Status.QUEUED and queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error
    assert "/ko/accounts/confirm-email/" in queued.body
    assert mail.outbox == []
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert f"Email {queued.pk} to hana@dangol.example not sent" in record.getMessage()

    smtp_comes_back(smtp_down)
    assert deliver_queued_email().sent == 0  # not due yet
    report = deliver_queued_email(now=later(2))
    assert (report.sent, report.retry_later, report.given_up) == (1, 0, 0)
    [delivered] = mail.outbox
    assert delivered.to == ["hana@dangol.example"]
    assert delivered.subject == queued.subject and delivered.body == queued.body
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENT and queued.sent_at is not None
    assert deliver_queued_email(now=later(60)).sent == 0  # delivered once
    assert len(mail.outbox) == 1


def test_a_staff_answer_is_posted_while_the_mail_server_is_down(
    client, home, smtp_down, caplog, django_capture_on_commit_callbacks
):
    faq = FAQPageFactory(title="배송은 며칠 걸리나요?", short_answer="이틀 걸립니다.")
    member = MemberFactory(username="jiwoo", display_name="지우")
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    client.force_login(UserFactory(username="support-staff", groups=[roles.SUPPORT]))
    form = PostForm(faq)
    data = {
        name: form.initial[name]
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update(reply_to=question.pk, kind="reply", honeypot="", comment="주문 다음 날 출발합니다.")
    with (
        caplog.at_level(logging.WARNING, logger="core.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/ko/community/posts/", data)
    assert response.status_code == 302
    assert "#post-" in response["Location"]
    queued = OutgoingEmail.objects.get()
    assert queued.to == [member.email]
    assert "주문 다음 날 출발합니다." in queued.body
    assert any("not sent" in record.getMessage() for record in caplog.records)

    smtp_comes_back(smtp_down)
    call_command("deliver_queued_email", stdout=io.StringIO())  # not due yet
    assert mail.outbox == []
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    out = io.StringIO()
    call_command("deliver_queued_email", stdout=out)
    assert out.getvalue().strip() == "1 sent, 0 to retry later, 0 given up."
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_retries_back_off_exponentially_then_give_up_with_an_error(smtp_down, caplog, settings):
    settings.DANGOL_EMAIL_MAX_ATTEMPTS = 4
    EmailMultiAlternatives("제목", "본문", to=["a@dangol.example"]).send()
    email = OutgoingEmail.objects.get()
    first_due = email.next_attempt_at
    assert first_due - email.created_at >= retry_delay(1) - datetime.timedelta(seconds=1)

    now = first_due
    delays = []
    with caplog.at_level(logging.WARNING, logger="core.mail"):
        for _ in range(2):
            report = deliver_queued_email(now=now)
            assert report.retry_later == 1
            email.refresh_from_db()
            delays.append(email.next_attempt_at - now)
            now = email.next_attempt_at
        assert [delay.total_seconds() for delay in delays] == [120, 240]  # 2, then 4 minutes
        report = deliver_queued_email(now=now)
    assert report.given_up == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 4)
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1
    assert f"Email {email.pk} to a@dangol.example given up after 4 attempts" in (
        errors[0].getMessage()
    )
    smtp_comes_back(settings)
    assert deliver_queued_email(now=now + datetime.timedelta(days=1)).sent == 0
    assert mail.outbox == []


def test_a_message_no_server_can_take_is_given_up_and_the_rest_still_go(smtp_down, settings):
    EmailMultiAlternatives("제목", "본문", to=["good@dangol.example"]).send()
    EmailMultiAlternatives("제목", "본문", to=["bad@dangol.example"]).send()
    # A header with a line break: Django refuses to build it (BadHeaderError, a ValueError).
    bad = OutgoingEmail.objects.get(to=["bad@dangol.example"])
    OutgoingEmail.objects.filter(pk=bad.pk).update(subject="a\nBcc: x@y")
    smtp_comes_back(settings)
    report = deliver_queued_email(now=later(60))
    assert (report.sent, report.given_up) == (1, 1)
    assert [message.to for message in mail.outbox] == [["good@dangol.example"]]
    bad.refresh_from_db()
    assert bad.status == OutgoingEmail.Status.FAILED and "BadHeaderError" in bad.last_error


@pytest.mark.parametrize("limit", ["0", "-1", "many"])
def test_the_command_refuses_a_limit_that_is_no_positive_number(limit):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a whole number of at least 1"):
        call_command("deliver_queued_email", "--limit", limit, stdout=io.StringIO())


def test_a_message_is_kept_as_json_with_html_headers_and_attachments(smtp_down):
    message = EmailMultiAlternatives(
        "새 답글", "텍스트 본문", "Dangol <hello@dangol.example>", ["to@dangol.example"],
        cc=["cc@dangol.example"], bcc=["bcc@dangol.example"], reply_to=["reply@dangol.example"],
        headers={"List-Unsubscribe": "<https://dangol.example/u/abc/>"},
    )  # fmt: skip
    message.attach_alternative("<p>HTML 본문</p>", "text/html")
    message.attach("notes.txt", "메모", "text/plain")
    message.attach("pixel.png", b"\x89PNG\r\n\x1a\n", "image/png")
    assert message.send() == 1

    email = OutgoingEmail.objects.get()
    json.dumps(model_to_dict(email, exclude=["id", "created_at", "next_attempt_at"]))
    smtp_comes_back(smtp_down)
    deliver_queued_email(now=later(5))
    [delivered] = mail.outbox
    assert delivered.subject == "새 답글" and delivered.body == "텍스트 본문"
    assert delivered.from_email == "Dangol <hello@dangol.example>"
    assert (delivered.to, delivered.cc, delivered.bcc, delivered.reply_to) == (
        ["to@dangol.example"],
        ["cc@dangol.example"],
        ["bcc@dangol.example"],
        ["reply@dangol.example"],
    )
    assert delivered.extra_headers["List-Unsubscribe"] == "<https://dangol.example/u/abc/>"
    assert [tuple(alternative) for alternative in delivered.alternatives] == [
        ("<p>HTML 본문</p>", "text/html")
    ]
    assert [tuple(attachment) for attachment in delivered.attachments] == [
        ("notes.txt", "메모", "text/plain"),
        ("pixel.png", b"\x89PNG\r\n\x1a\n", "image/png"),
    ]


def test_a_working_server_gets_the_mail_from_the_task_and_the_row_says_sent(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DANGOL_EMAIL_DELIVERY_BACKEND = LOCMEM
    assert EmailMultiAlternatives("제목", "본문", to=["a@dangol.example"]).send() == 1
    assert len(mail.outbox) == 1  # the test suite runs tasks at once
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 0


def test_the_queue_cannot_deliver_through_itself(settings):
    from django.core.checks import run_checks

    settings.EMAIL_BACKEND = settings.DANGOL_EMAIL_DELIVERY_BACKEND = "core.mail.QueuedEmailBackend"
    errors = [message for message in run_checks() if message.id == "dangol.E001"]
    assert len(errors) == 1
    assert "DANGOL_EMAIL_DELIVERY_BACKEND" in errors[0].msg


def test_superusers_see_the_queue_read_only_in_the_admin(client, smtp_down):
    EmailMultiAlternatives("확인 메일", "본문", to=["a@dangol.example"]).send()
    email = OutgoingEmail.objects.get()

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    listing = client.get(reverse("outgoing_email:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "확인 메일" in html and "a@dangol.example" in html
    assert reverse("outgoing_email:inspect", args=[email.pk]) in html
    inspect = client.get(reverse("outgoing_email:inspect", args=[email.pk]))
    assert "ConnectionRefusedError" in inspect.content.decode()
    for name in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"outgoing_email:{name}", args=[] if name == "add" else [email.pk])

    client.force_login(UserFactory(username="editor", groups=[roles.EDITORS]))
    assert client.get(reverse("outgoing_email:index")).status_code in (302, 403)
    assert client.get(reverse("outgoing_email:inspect", args=[email.pk])).status_code in (
        302,
        403,
    )


def test_queueing_an_email_leaves_cached_pages_alone(smtp_down):
    from core import page_cache

    generation = page_cache._generation()
    EmailMultiAlternatives("제목", "본문", to=["a@dangol.example"]).send()
    deliver_queued_email(now=later(5))
    assert OutgoingEmail.objects.get().attempts == 2
    assert page_cache._generation() == generation


@pytest.mark.parametrize(
    ("language", "given_up", "retrying"),
    [
        ("ko", "이메일 1통을 끝내 보내지 못했어요.", "이메일 2통이 다시 보내기를 기다리고 있어요."),
        ("en", "1 email could not be delivered and was given up.", "2 emails are waiting"),
    ],
)
def test_superusers_see_undelivered_mail_on_the_dashboard(client, language, given_up, retrying):
    from wagtail.users.models import UserProfile

    now = timezone.now()
    common = {"from_email": "a@dangol.example", "to": ["b@dangol.example"], "next_attempt_at": now}
    OutgoingEmail.objects.create(**common, status=OutgoingEmail.Status.FAILED, attempts=10)
    OutgoingEmail.objects.create(**common, attempts=1)
    OutgoingEmail.objects.create(**common, attempts=3)
    OutgoingEmail.objects.create(**common, status=OutgoingEmail.Status.SENT)
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    UserProfile.get_for_user(root).__class__.objects.filter(user=root).update(
        preferred_language=language
    )
    client.force_login(root)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert given_up in html and retrying in html
    assert reverse("outgoing_email:index") + "?status=failed" in html

    client.force_login(UserFactory(username="editor", groups=[roles.EDITORS]))
    assert given_up not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_dashboard_stays_quiet_when_mail_flows(client):
    OutgoingEmail.objects.create(
        from_email="a@dangol.example", to=["b@dangol.example"], next_attempt_at=timezone.now(),
        status=OutgoingEmail.Status.SENT,
    )  # fmt: skip
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert 'id="undelivered-mail"' not in client.get(reverse("wagtailadmin_home")).content.decode()
