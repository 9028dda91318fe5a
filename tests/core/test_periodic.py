"""``manage.py periodic``: one entry point for cron, each job once per interval across machines."""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.users.models import UserProfile

from core import periodic, roles
from core.models import OutgoingEmail, PeriodicJob
from home.factories import UserFactory
from stories.factories import FAQPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_job(monkeypatch):
    """A job of our own that counts its runs."""
    runs = []
    monkeypatch.setattr(periodic, "JOBS", {})
    periodic.register("count", every=datetime.timedelta(hours=1))(lambda: runs.append(1) or "ok")
    return runs


def test_a_job_runs_once_per_interval(counted_job):
    now = timezone.now()
    assert [o.ran for o in periodic.run_due(now=now)] == [True]
    assert [o.ran for o in periodic.run_due(now=now + datetime.timedelta(minutes=59))] == [False]
    assert [o.ran for o in periodic.run_due(now=now + datetime.timedelta(minutes=61))] == [True]
    assert len(counted_job) == 2
    job = PeriodicJob.objects.get(name="count")
    assert job.locked_until is None and job.last_finished_at is not None


def test_a_job_another_machine_is_running_is_left_alone_even_when_forced(counted_job):
    now = timezone.now()
    # Another machine claimed it a minute ago and is still running it.
    PeriodicJob.objects.create(
        name="count",
        last_started_at=now - datetime.timedelta(minutes=1),
        locked_until=now + datetime.timedelta(minutes=29),
    )
    assert [o.ran for o in periodic.run_due(now=now, force=True)] == [False]
    assert counted_job == []
    # A claim that outlived its lease (the machine died) is taken over.
    later = now + datetime.timedelta(minutes=31)
    assert [o.ran for o in periodic.run_due(now=later, force=True)] == [True]


def test_two_runs_at_the_same_moment_run_the_job_once(counted_job):
    now = timezone.now()
    first = periodic._claim(periodic.JOBS["count"], force=False, now=now)
    second = periodic._claim(periodic.JOBS["count"], force=False, now=now)
    assert (first, second) == (True, False)


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    monkeypatch.setattr(periodic, "JOBS", {})
    ran = []

    def broken():
        raise RuntimeError("the disk is full")

    periodic.register("a-broken", every=datetime.timedelta(minutes=1))(broken)
    periodic.register("b-fine", every=datetime.timedelta(minutes=1))(lambda: ran.append(1))
    err = io.StringIO()
    with (
        caplog.at_level(logging.ERROR, logger="core.periodic"),
        pytest.raises(CommandError, match="1 job\\(s\\) failed: a-broken"),
    ):
        call_command("periodic", stdout=io.StringIO(), stderr=err)
    assert ran == [1]
    assert "the disk is full" in err.getvalue()
    assert "Periodic job a-broken failed." in caplog.text
    assert PeriodicJob.objects.get(name="a-broken").last_error == "RuntimeError: the disk is full"


def test_an_unknown_job_is_refused_with_the_known_ones_named():
    with pytest.raises(CommandError, match="Unknown job: nope. Known jobs: .*mail-retries"):
        call_command("periodic", "nope", stdout=io.StringIO())


def test_every_job_of_the_site_is_registered():
    assert {
        "mail-retries",
        "publish-scheduled",
        "prune",
        "trust-levels",
        "faq-review-reminders",
        "search-replay",
    } <= set(periodic.JOBS)


def test_mail_retries_send_what_is_due(settings):
    settings.DANGOL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A message the worker never reached (it was stopped).
    email = OutgoingEmail.objects.create(
        subject="제목", from_email="a@dangol.example", to=["b@dangol.example"], body="본문",
        next_attempt_at=timezone.now(),
    )  # fmt: skip
    out = io.StringIO()
    call_command("periodic", "mail-retries", stdout=out)
    assert "mail-retries: 1 sent" in out.getvalue()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [["b@dangol.example"]]


def test_prune_forgets_old_sent_mail_and_finished_task_results():
    long_ago = timezone.now() - datetime.timedelta(days=90)
    old = OutgoingEmail.objects.create(
        from_email="a@dangol.example", to=["b@dangol.example"], next_attempt_at=long_ago,
        status=OutgoingEmail.Status.SENT, sent_at=long_ago,
    )  # fmt: skip
    failed = OutgoingEmail.objects.create(
        from_email="a@dangol.example", to=["c@dangol.example"], next_attempt_at=long_ago,
        status=OutgoingEmail.Status.FAILED,
    )  # fmt: skip
    recent = OutgoingEmail.objects.create(
        from_email="a@dangol.example", to=["d@dangol.example"], next_attempt_at=timezone.now(),
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(),
    )  # fmt: skip
    finished = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="core.tasks.deliver_email",
        backend_name="default", status="SUCCESSFUL", finished_at=long_ago,
    )  # fmt: skip
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="core.tasks.deliver_email",
        backend_name="default",
    )  # fmt: skip
    out = io.StringIO()
    call_command("periodic", "prune", stdout=out)
    assert "prune: 1 sent emails and 1 task results removed" in out.getvalue()
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {failed.pk, recent.pk}
    assert old.pk not in OutgoingEmail.objects.values_list("pk", flat=True)
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not DBTaskResult.objects.filter(pk=finished.pk).exists()


def test_faq_review_reminders_tell_editors_in_their_language(home, settings):
    settings.DANGOL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    FAQPageFactory(title="배송은 며칠 걸리나요?", last_reviewed=datetime.date(2020, 1, 1))
    FAQPageFactory(title="최근에 확인한 질문", last_reviewed=timezone.localdate())
    UserFactory(username="editor", email="editor@dangol.example", groups=[roles.EDITORS])
    approver = UserFactory(
        username="approver", email="approver@dangol.example", groups=[roles.APPROVERS]
    )
    UserProfile.get_for_user(approver).__class__.objects.filter(user=approver).update(
        preferred_language="en"
    )
    UserFactory(username="member-only", email="m@dangol.example")
    call_command("periodic", "faq-review-reminders", stdout=io.StringIO())
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"editor@dangol.example", "approver@dangol.example"}
    korean = by_recipient["editor@dangol.example"]
    assert "검토" in korean.subject
    assert "배송은 며칠 걸리나요?" in korean.body and "최근에 확인한 질문" not in korean.body
    assert "http://" in korean.body and "/admin/pages/" in korean.body
    english = by_recipient["approver@dangol.example"]
    assert english.subject == "1 FAQ is due for review"
    assert "last reviewed 2020-01-01" in english.body


def test_faq_review_reminders_send_nothing_when_nothing_is_due(home, settings):
    FAQPageFactory(title="최근에 확인한 질문", last_reviewed=timezone.localdate())
    UserFactory(username="editor", email="editor@dangol.example", groups=[roles.EDITORS])
    out = io.StringIO()
    call_command("periodic", "faq-review-reminders", stdout=out)
    assert "no FAQ is due for review" in out.getvalue()
    assert mail.outbox == []


def test_queued_mail_is_not_lost_when_nothing_delivers_it(settings):
    """With the worker stopped, a message waits in the database: nothing is lost."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    EmailMessage("제목", "본문", to=["a@dangol.example"]).send()
    assert mail.outbox == []
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED
