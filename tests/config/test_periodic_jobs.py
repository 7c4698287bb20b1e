"""Each periodic job's last successful run is a durable row, written when its task succeeds, so "a job has not run"
can be alerted on; failures and ordinary tasks write nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from config.celery import PERIODIC_JOBS, app
from config.models import PeriodicJobRun
from config.periodic_jobs import job_statuses

pytestmark = pytest.mark.django_db


def run(*jobs):
    args = [arg for job in jobs for arg in ("--job", job)]
    call_command("run_periodic_jobs", *args, stdout=StringIO(), stderr=StringIO())


def test_a_successful_run_records_when_the_job_last_succeeded():
    before = timezone.now()
    run("expired-drafts")
    row = PeriodicJobRun.objects.get()
    assert row.job == "expired-drafts"
    assert before <= row.last_success_at <= timezone.now()


def test_the_next_success_moves_the_same_row_forward():
    run("expired-drafts")
    PeriodicJobRun.objects.update(last_success_at=timezone.now() - timedelta(hours=5))
    run("expired-drafts")
    assert PeriodicJobRun.objects.count() == 1
    assert PeriodicJobRun.objects.get().last_success_at > timezone.now() - timedelta(minutes=1)


def test_a_failed_run_records_nothing(monkeypatch):
    from referrals import escalation

    def broken(now=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(escalation, "escalate_overdue", broken)
    with pytest.raises(CommandError):
        run("sla-escalation", "expired-drafts")
    assert list(PeriodicJobRun.objects.values_list("job", flat=True)) == ["expired-drafts"]


def test_a_task_that_is_not_a_periodic_job_records_nothing():
    app.loader.import_default_modules()
    app.tasks["messaging.deliver"].apply(args=[0])
    assert not PeriodicJobRun.objects.exists()


def test_every_scheduled_job_is_listed_with_its_interval_whether_it_has_run_or_not():
    run("outbox-sweep")
    statuses = {status.job: status for status in job_statuses()}
    assert set(statuses) == {*PERIODIC_JOBS, "database-backup"}  # scripts/backup records its own runs
    assert statuses["outbox-sweep"].last_success_at is not None
    assert statuses["sla-escalation"].last_success_at is None
    assert statuses["sla-escalation"].interval == timedelta(minutes=5)
    assert statuses["closed-case-anonymisation"].interval == timedelta(days=1)
    assert statuses["database-backup"].interval == timedelta(days=1)
