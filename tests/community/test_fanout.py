"""Telling a thread's followers about a reply is the worker's job: approving costs the same
whatever the number of followers, and each follower gets one email, once."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from community import moderation_services
from community.factories import MemberFactory, PostFactory
from community.models import Follow, PostKind, PostState
from community.tasks import notify_new_reply
from core import roles
from core.models import OutgoingEmail
from home.factories import UserFactory
from stories.factories import ProductPageFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def thread(home):
    product = ProductPageFactory(title="망원 호지차")
    return PostFactory(page=product, kind=PostKind.QUESTION, comment="우리는 법이 궁금해요.")


@pytest.fixture
def moderator(home):
    return UserFactory(username="mod", groups=[roles.MODERATORS])


def followers(thread, count: int) -> None:
    Follow.objects.bulk_create(Follow(post=thread, user=MemberFactory()) for _ in range(count))


def approving_queries(thread, moderator, django_capture_on_commit_callbacks) -> int:
    reply = PostFactory(page=thread.page, parent=thread, state=PostState.PENDING)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        moderation_services.post_approve(post=reply, moderator=moderator)
    return len(queries)


def test_approving_a_reply_costs_the_same_with_3_or_60_followers(
    thread, moderator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS  # the worker is not running: tasks wait in the queue
    followers(thread, 3)
    approving_queries(thread, moderator, django_capture_on_commit_callbacks)  # warm caches
    few = approving_queries(thread, moderator, django_capture_on_commit_callbacks)
    followers(thread, 57)
    many = approving_queries(thread, moderator, django_capture_on_commit_callbacks)
    assert few == many
    assert not OutgoingEmail.objects.exists() and mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="community.tasks.notify_new_reply").count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_each_follower_one_email_through_one_delivery(thread, moderator, settings):
    """A real worker (``db_worker --batch``) on committed data, as in production."""
    settings.TASKS = DB_TASKS
    settings.DANGOL_EMAIL_BATCH_SIZE = 10
    followers(thread, 25)
    reply = PostFactory(page=thread.page, parent=thread, state=PostState.PENDING)
    moderation_services.post_approve(post=reply, moderator=moderator)
    assert mail.outbox == []  # nothing is sent before the worker runs

    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO())

    paths = [task.task_path for task in DBTaskResult.objects.all()]
    assert paths.count("community.tasks.notify_new_reply") == 1
    assert paths.count("core.tasks.deliver_email") == 1  # one delivery for every follower
    assert all(task.status == "SUCCESSFUL" for task in DBTaskResult.objects.all())
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert len(recipients) == 25 == len(set(recipients))
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == 25


def test_a_repeated_notification_task_sends_nothing_twice(thread):
    followers(thread, 4)
    reply = PostFactory(page=thread.page, parent=thread)
    assert notify_new_reply.call(post_id=reply.pk) is True
    assert notify_new_reply.call(post_id=reply.pk) is False
    assert len(mail.outbox) == 4


def test_a_reply_hidden_before_the_worker_came_tells_nobody(thread):
    followers(thread, 4)
    reply = PostFactory(page=thread.page, parent=thread, state=PostState.HIDDEN)
    assert notify_new_reply.call(post_id=reply.pk) is False
    assert mail.outbox == []
