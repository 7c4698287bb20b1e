"""Each periodic job's last successful run, recorded when its task succeeds (in the worker, or in-process with
``manage.py run_periodic_jobs``), and how often it is meant to run, for the "job has not run" alert.

The nightly database backup runs outside Celery (``scripts/backup``, the compose ``backup`` service) and records
its success in the same table, so it is watched the same way."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from celery.schedules import crontab, maybe_schedule
from django.utils import timezone

from config.celery import PERIODIC_JOBS, app
from config.models import PeriodicJobRun

JOB_BY_TASK = {job["task"]: name for name, job in PERIODIC_JOBS.items()}
JOBS_OUTSIDE_CELERY = {"database-backup": timedelta(days=1)}


def record_success(sender=None, **kwargs) -> None:
    """Celery ``task_success`` handler: one upsert for a periodic job's task, nothing for any other task."""
    job = JOB_BY_TASK.get(getattr(sender, "name", None))
    if job is None:
        return
    PeriodicJobRun.objects.bulk_create(
        [PeriodicJobRun(job=job, last_success_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["job"],
        update_fields=["last_success_at"],
    )


def expected_interval(schedule) -> timedelta:
    """The gap between the next two runs of a schedule (a number of seconds or a crontab), to whole seconds."""
    schedule = maybe_schedule(schedule, app=app)
    if not isinstance(schedule, crontab):
        return schedule.run_every
    now = schedule.now()
    first = now + schedule.remaining_estimate(now)
    # A crontab counts a run anywhere in its minute, so the run after ``first`` is found from the minute after.
    second = now + schedule.remaining_estimate(first + timedelta(minutes=1))
    return timedelta(seconds=round((second - first).total_seconds()))


@dataclass(frozen=True)
class JobStatus:
    job: str
    interval: timedelta
    last_success_at: datetime | None


def job_statuses() -> list[JobStatus]:
    """Every scheduled job, run or not (one query)."""
    last = dict(PeriodicJobRun.objects.values_list("job", "last_success_at"))
    intervals = {name: expected_interval(job["schedule"]) for name, job in PERIODIC_JOBS.items()}
    intervals.update(JOBS_OUTSIDE_CELERY)
    return [JobStatus(name, interval, last.get(name)) for name, interval in intervals.items()]
