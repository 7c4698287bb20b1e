"""One schedule for beat and for the embedded default's management command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from config.celery import PERIODIC_JOBS, app
from messaging.models import Message
from referrals.models import PurgeLog
from tests.jobs.support import FollowUpFactory


def test_beat_reads_the_one_schedule():
    assert app.conf.beat_schedule is PERIODIC_JOBS


def test_every_job_is_scheduled_and_registered():
    app.loader.import_default_modules()
    tasks = {job["task"] for job in PERIODIC_JOBS.values()}
    assert tasks == {
        "messaging.sweep_outbox",
        "referrals.escalate_overdue",
        "referrals.dispatch_check_ins",
        "intake.purge_expired_drafts",
        "referrals.anonymise_closed_cases",
        "intake.anonymise_unlinked_intakes",
        "content.send_review_reminders",
    }
    assert tasks <= set(app.tasks)


@pytest.mark.django_db
def test_run_periodic_jobs_runs_every_job_once_in_process(sms_outbox, committed):
    FollowUpFactory()
    out = StringIO()
    committed(call_command, "run_periodic_jobs", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == list(PERIODIC_JOBS)
    assert "follow-up-check-ins: 1" in lines
    assert Message.objects.get().status == "sent" and len(sms_outbox) == 1  # delivered in-process
    assert set(PurgeLog.objects.values_list("kind", flat=True)) == {
        "expired_drafts",
        "anonymised_cases",
        "anonymised_unlinked_intakes",
    }


@pytest.mark.django_db
def test_run_periodic_jobs_can_run_one_job():
    out = StringIO()
    call_command("run_periodic_jobs", "--job", "expired-drafts", stdout=out)
    assert out.getvalue() == "expired-drafts: 0\n"


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run(monkeypatch):
    from referrals import escalation

    def broken(now=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(escalation, "escalate_overdue", broken)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 job"):
        call_command("run_periodic_jobs", stdout=out, stderr=err)
    assert "sla-escalation: failed (RuntimeError)" in err.getvalue()
    assert "closed-case-anonymisation: 0" in out.getvalue()
