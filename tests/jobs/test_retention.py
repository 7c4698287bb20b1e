"""Retention: drafts purged after 24 hours, closed cases anonymised after the retention period, counts logged."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from intake.models import Intake, IntakeDraft
from intake.retention import anonymise_unlinked_intakes, purge_expired_drafts
from messaging.models import Message
from referrals.models import Case, CaseEvent, FollowUp, PurgeLog, Status
from referrals.retention import anonymise_closed_cases
from tests.factories import CaseFactory
from tests.jobs.support import FollowUpFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def draft(hours_idle):
    created = IntakeDraft.objects.create(questionnaire_version="1", answers={"uses": ["heroin"]})
    IntakeDraft.objects.filter(pk=created.pk).update(updated_at=NOW - timedelta(hours=hours_idle))
    return created


def test_drafts_idle_for_24_hours_are_purged_and_counted():
    kept = [draft(1), draft(23.9)]
    for hours in (24.1, 30, 24 * 7):
        draft(hours)
    assert purge_expired_drafts(NOW) == 3
    assert sorted(IntakeDraft.objects.values_list("pk", flat=True)) == sorted(d.pk for d in kept)
    log = PurgeLog.objects.get(kind="expired_drafts")
    assert (log.count, log.cutoff) == (3, NOW - timedelta(hours=24))


def test_a_run_with_nothing_to_purge_is_logged_too():
    draft(1)
    assert purge_expired_drafts(NOW) == 0
    assert PurgeLog.objects.get().count == 0


def test_the_draft_period_is_configurable(settings):
    settings.DRAFT_RETENTION_HOURS = 2
    draft(3)
    assert purge_expired_drafts(NOW) == 1


def closed_case(days_ago, status=Status.DECLINED, **kwargs):
    intake = Intake.objects.create(
        draft_key=uuid.uuid4(),
        questionnaire_version="1",
        rules_version="1",
        answers={"substances": ["heroin"], "pregnant": "yes"},
        result={"urgency": "urgent", "care_options": ["mat_methadone"], "flags": ["pregnant"]},
        consent_text_version="1",
        consent_share_signed_name="Sam Smith",
    )
    case = CaseFactory(
        source="intake",
        intake=intake,
        status=status,
        closed_at=NOW - timedelta(days=days_ago),
        email="sam@example.net",
        own_words="I have been using for years",
        flags=["pregnant", "withdrawal_risk"],
        preferred_method="text",
        text_safe=True,
        voicemail_safe=True,
        best_time="evening",
        **kwargs,
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, summary="Note added", body="Talked about dosing")
    return case


def test_cases_closed_longer_than_two_years_are_anonymised_and_the_counts_kept():
    old = closed_case(731, phone="(555) 867-5309")
    assert old.phone_e164 == "+15558675309"
    recent = closed_case(700)
    open_but_old = CaseFactory(status=Status.CONTACTING, created_at=NOW - timedelta(days=900))
    pending = FollowUpFactory(case=old, check_in_day=None, reason="Ask about the methadone dose")
    queued = Message.objects.create(key="x", kind="check_in", channel="sms", case=old, next_attempt_at=NOW)
    cases_before = Case.objects.count()

    assert anonymise_closed_cases(NOW) == 1

    old.refresh_from_db()
    assert (old.first_name, old.phone, old.email, old.own_words, old.flags) == ("", "", "", "", [])
    assert old.phone_e164 == "", "the search copy of the number goes too"
    assert (old.voicemail_safe, old.text_safe, old.best_time) == (False, False, "any")
    assert old.anonymised_at == NOW
    # What the metrics count stays.
    assert (old.urgency, old.source, old.status, old.preferred_method) == ("routine", "intake", "declined", "text")
    assert old.created_at and old.due_at and old.closed_at
    assert Case.objects.count() == cases_before

    intake = Intake.objects.get(pk=old.intake_id)
    assert intake.answers == {} and intake.result == {"urgency": "urgent"}
    assert intake.consent_share_signed_name == "" and intake.anonymised_at == NOW
    assert set(old.events.values_list("body", flat=True)) == {""}
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == (FollowUp.Status.CANCELLED, "(removed)")
    queued.refresh_from_db()
    assert queued.status == "cancelled"

    recent.refresh_from_db()
    open_but_old.refresh_from_db()
    assert recent.anonymised_at is None and recent.email == "sam@example.net"
    assert open_but_old.anonymised_at is None and open_but_old.first_name == "Sam"
    assert Intake.objects.get(pk=recent.intake_id).answers != {}

    log = PurgeLog.objects.get(kind="anonymised_cases")
    assert (log.count, log.cutoff) == (1, NOW - timedelta(days=730))


def test_anonymisation_runs_once_and_in_chunks(monkeypatch):
    from referrals import retention

    monkeypatch.setattr(retention, "CHUNK_SIZE", 2)
    for _ in range(5):
        closed_case(800, status=Status.UNREACHABLE)
    assert anonymise_closed_cases(NOW) == 5
    assert anonymise_closed_cases(NOW) == 0
    assert list(PurgeLog.objects.order_by("pk").values_list("count", flat=True)) == [5, 0]


def test_the_case_period_is_configurable(settings):
    settings.CLOSED_CASE_RETENTION_DAYS = 30
    closed_case(31)
    assert anonymise_closed_cases(NOW) == 1


def test_the_purge_log_holds_counts_only():
    assert {f.name for f in PurgeLog._meta.get_fields()} == {"id", "ran_at", "kind", "count", "cutoff"}


def unlinked_intake(days_ago):
    intake = Intake.objects.create(
        draft_key=uuid.uuid4(),
        questionnaire_version="1",
        rules_version="1",
        answers={"opioids_used": ["heroin"], "pregnant": "yes"},
        result={"urgency": "urgent", "care_options": [{"id": "mat_methadone"}], "flags": ["pregnancy"]},
        consent_text_version="1",
    )
    Intake.objects.filter(pk=intake.pk).update(submitted_at=NOW - timedelta(days=days_ago))
    return intake


def test_intakes_that_opened_no_case_are_anonymised_after_thirty_days():
    old, recent = unlinked_intake(31), unlinked_intake(29)
    with_case = closed_case(0)  # linked to a case: that case's own retention applies

    assert anonymise_unlinked_intakes(NOW) == 1
    assert anonymise_unlinked_intakes(NOW) == 0

    old.refresh_from_db()
    assert (old.answers, old.result, old.anonymised_at) == ({}, {"urgency": "urgent"}, NOW)
    recent.refresh_from_db()
    assert recent.answers != {} and recent.anonymised_at is None
    assert Intake.objects.get(pk=with_case.intake_id).anonymised_at is None
    counts = PurgeLog.objects.filter(kind="anonymised_unlinked_intakes").order_by("pk").values_list("count", flat=True)
    assert list(counts) == [1, 0]


def test_the_unlinked_intake_period_is_configurable(settings):
    settings.UNLINKED_INTAKE_RETENTION_DAYS = 7
    unlinked_intake(8)
    assert anonymise_unlinked_intakes(NOW) == 1
