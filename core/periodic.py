"""Periodic work: one entry point (``manage.py periodic``) for cron or a systemd timer.

Apps register their jobs in ``AppConfig.ready()`` with :func:`register`; a job runs at most once
per its interval across every machine, because a run claims it in the database first (one
UPDATE that only one run can win). Two machines running the command at the same minute never
run the same job twice, and a job that fails is logged and tried again at the next interval.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import PeriodicJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    run: Callable[[], object]
    # How long a run may hold its claim before another machine may take the job over.
    lease: datetime.timedelta = datetime.timedelta(minutes=30)


JOBS: dict[str, Job] = {}


def register(name: str, *, every: datetime.timedelta, lease=None) -> Callable:
    """Decorator: ``function`` is the periodic job ``name``, run every ``every``."""

    def decorator(function):
        JOBS[name] = Job(
            name=name,
            every=every,
            run=function,
            lease=lease or datetime.timedelta(minutes=30),
        )
        return function

    return decorator


@dataclass
class Outcome:
    name: str
    ran: bool
    result: object = None
    error: str = ""


def run_due(*, names: list[str] | None = None, force: bool = False, now=None) -> list[Outcome]:
    """Run every registered job that is due (or ``names`` only); ``force`` ignores the
    intervals but never a claim another run holds."""
    outcomes = []
    for name, job in sorted(JOBS.items()):
        if names and name not in names:
            continue
        if not _claim(job, force=force, now=now or timezone.now()):
            outcomes.append(Outcome(name=name, ran=False))
            continue
        outcomes.append(_run(job))
    return outcomes


def _claim(job: Job, *, force: bool, now) -> bool:
    try:
        with transaction.atomic():
            PeriodicJob.objects.get_or_create(name=job.name)
    except IntegrityError:
        pass  # another run created it at the same moment
    due = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    if not force:
        due &= Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.every)
    return bool(
        PeriodicJob.objects.filter(due, name=job.name).update(
            locked_until=now + job.lease, last_started_at=now
        )
    )


def _run(job: Job) -> Outcome:
    try:
        result = job.run()
    except Exception as error:  # a failing job must not stop the others
        logger.exception("Periodic job %s failed.", job.name)
        outcome = Outcome(name=job.name, ran=True, error=f"{type(error).__name__}: {error}")
    else:
        outcome = Outcome(name=job.name, ran=True, result=result)
    PeriodicJob.objects.filter(name=job.name).update(
        locked_until=None,
        last_finished_at=timezone.now(),
        last_error=outcome.error[:2000],
    )
    return outcome
