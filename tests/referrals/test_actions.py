"""Case actions as plain functions: what they change, what they refuse, what they record."""

from datetime import timedelta

import pytest
from django.utils import timezone

from referrals import actions
from referrals.actions import ActionRefused, StaleCase
from referrals.followups import schedule_check_ins
from referrals.models import AuditEvent, CaseEvent, FollowUp, Referral
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def refresh(case):
    case.refresh_from_db()
    return case


def test_claim_assigns_and_records(counsellor):
    case = CaseFactory()
    actions.claim(case.reference, counsellor, version=case.version)
    case = refresh(case)
    assert case.assigned_to == counsellor
    assert case.version == 2
    assert case.events.filter(kind=CaseEvent.Kind.ASSIGNED, actor=counsellor).exists()
    assert AuditEvent.objects.filter(action="claimed", case_reference=case.reference, actor=counsellor).exists()


def test_a_case_cannot_be_claimed_twice(counsellor, supervisor):
    case = CaseFactory()
    actions.claim(case.reference, counsellor, version=1)
    with pytest.raises(ActionRefused, match="already has this case"):
        actions.claim(case.reference, supervisor, version=2)
    assert refresh(case).assigned_to == counsellor


def test_a_stale_version_is_refused_and_changes_nothing(counsellor):
    case = CaseFactory()
    actions.add_note(case.reference, counsellor, "Called the pharmacy")  # bumps the version to 2
    with pytest.raises(StaleCase):
        actions.claim(case.reference, counsellor, version=1)
    assert refresh(case).assigned_to is None


def test_only_supervisors_assign_to_someone_else(counsellor, supervisor):
    case = CaseFactory()
    with pytest.raises(ActionRefused, match="Only a supervisor"):
        actions.assign(case.reference, counsellor, supervisor, version=1)
    actions.assign(case.reference, supervisor, counsellor, version=1)
    assert refresh(case).assigned_to == counsellor


def test_unassigning_someone_elses_case_needs_a_supervisor(counsellor, supervisor):
    case = CaseFactory(assigned_to=supervisor)
    with pytest.raises(ActionRefused, match="Only a supervisor"):
        actions.unassign(case.reference, counsellor, version=1)
    actions.unassign(case.reference, supervisor, version=1)
    assert refresh(case).assigned_to is None


def test_first_attempt_sets_first_contact_and_moves_to_contacting(counsellor):
    case = CaseFactory()
    before = timezone.now()
    actions.log_contact(case.reference, counsellor, "no_answer")
    case = refresh(case)
    first = case.first_contact_at
    assert first >= before
    assert case.status == "contacting"
    assert case.contact_attempts == 1
    actions.log_contact(case.reference, counsellor, "wrong_number")
    case = refresh(case)
    assert case.first_contact_at == first  # the first attempt stays the first
    assert case.contact_attempts == 2
    summaries = list(case.events.filter(kind="contact_attempt").values_list("summary", flat=True))
    assert summaries == ["Contact attempt 1: called, no answer", "Contact attempt 2: wrong number"]


def test_reaching_the_person_moves_to_reached_without_counting_an_attempt(counsellor):
    case = CaseFactory()
    actions.log_contact(case.reference, counsellor, "reached", note="Wants methadone")
    case = refresh(case)
    assert (case.status, case.contact_attempts) == ("reached", 0)
    assert case.first_contact_at is not None
    assert case.events.filter(kind="contact_attempt", body="Wants methadone").exists()


def test_voicemail_refused_when_not_safe(counsellor):
    case = CaseFactory(voicemail_safe=False)
    with pytest.raises(ActionRefused, match="Voicemail isn't safe"):
        actions.log_contact(case.reference, counsellor, "voicemail")
    case = refresh(case)
    assert case.contact_attempts == 0 and case.first_contact_at is None


def test_text_refused_when_not_safe(counsellor):
    case = CaseFactory(text_safe=False, voicemail_safe=True)
    with pytest.raises(ActionRefused, match="Texting isn't safe"):
        actions.log_contact(case.reference, counsellor, "text_sent")
    actions.log_contact(case.reference, counsellor, "voicemail")
    assert refresh(case).contact_attempts == 1


def test_unreachable_refused_before_n_attempts_then_allowed(counsellor, settings):
    settings.UNREACHABLE_AFTER_ATTEMPTS = 2
    case = CaseFactory()
    actions.log_contact(case.reference, counsellor, "no_answer")
    version = refresh(case).version
    with pytest.raises(ActionRefused, match="only after 2 unsuccessful"):
        actions.change_status(case.reference, counsellor, "unreachable", version=version)
    actions.log_contact(case.reference, counsellor, "no_answer")
    actions.change_status(case.reference, counsellor, "unreachable", version=refresh(case).version)
    case = refresh(case)
    assert case.status == "unreachable" and case.closed_at is not None


def test_closing_cancels_pending_follow_ups_and_reopen_clears_closed_at(counsellor, supervisor):
    case = CaseFactory(status="reached")
    FollowUp.objects.create(case=case, due_at=timezone.now() + timedelta(days=1), reason="Call back")
    actions.change_status(case.reference, counsellor, "declined", version=1, note="Not ready")
    case = refresh(case)
    assert case.follow_ups.get().status == "cancelled"
    assert case.events.filter(kind="status", summary__contains="1 pending follow-up cancelled").exists()
    actions.change_status(case.reference, supervisor, "contacting", version=case.version, note="Called back")
    case = refresh(case)
    assert (case.status, case.closed_at) == ("contacting", None)
    assert case.events.filter(kind="status", summary="Reopened").exists()
    assert AuditEvent.objects.filter(action="status_changed", detail="declined -> contacting").exists()


def test_invalid_transition_is_refused(counsellor):
    case = CaseFactory(status="new")
    with pytest.raises(ActionRefused, match="can’t move to “In treatment”"):
        actions.change_status(case.reference, counsellor, "in_treatment", version=1)
    assert refresh(case).status == "new"


def test_contact_on_a_closed_case_is_refused(counsellor):
    case = CaseFactory(status="duplicate")
    with pytest.raises(ActionRefused, match="closed"):
        actions.log_contact(case.reference, counsellor, "no_answer")


def test_referral_records_consent_marks_referred_and_schedules_check_ins(counsellor, intake_case, bupe_site, settings):
    settings.FOLLOW_UP_CHECK_IN_DAYS = [1, 7, 30, 90]
    intake_case.status = "reached"
    intake_case.save()
    result = actions.refer(intake_case.reference, counsellor, bupe_site, share_intake=True, version=1)
    case = refresh(intake_case)
    referral = Referral.objects.get(case=case)
    assert referral == result.referral
    assert referral.service == bupe_site.service and referral.service_at_location == bupe_site
    assert referral.referred_by == counsellor
    assert referral.consent_share_on_file and referral.intake_shared
    assert referral.provider_name == bupe_site.service.organization.name
    assert case.status == "referred"
    check_ins = {f.check_in_day: f.due_at for f in case.follow_ups.all()}
    assert set(check_ins) == {1, 7, 30, 90}
    assert check_ins[7] == referral.referred_at + timedelta(days=7)
    kinds = list(case.events.values_list("kind", flat=True))
    assert {"status", "referral", "follow_up"} <= set(kinds)
    assert AuditEvent.objects.filter(action="referred", case_reference=case.reference).exists()


def test_sharing_the_intake_without_consent_is_refused(counsellor, bupe_site):
    case = CaseFactory(status="reached", consent_share=False)
    with pytest.raises(ActionRefused, match="didn't consent to share"):
        actions.refer(case.reference, counsellor, bupe_site, share_intake=True, version=1)
    assert not Referral.objects.exists()
    result = actions.refer(case.reference, counsellor, bupe_site, share_intake=False, version=1)
    assert result.referral.consent_share_on_file is False and result.referral.intake_shared is False


def test_referral_needs_the_person_reached(counsellor, bupe_site):
    case = CaseFactory(status="contacting")
    with pytest.raises(ActionRefused, match="Speak to the person"):
        actions.refer(case.reference, counsellor, bupe_site, share_intake=False, version=1)


def test_referring_again_keeps_existing_check_ins(counsellor, bupe_site, settings):
    settings.FOLLOW_UP_CHECK_IN_DAYS = [1, 7]
    case = CaseFactory(status="reached")
    actions.refer(case.reference, counsellor, bupe_site, share_intake=False, version=1)
    again = actions.refer(case.reference, counsellor, bupe_site, share_intake=False, version=refresh(case).version)
    assert again.check_ins == []
    assert case.follow_ups.count() == 2 and case.referrals.count() == 2


def test_schedule_check_ins_uses_the_setting(settings):
    settings.FOLLOW_UP_CHECK_IN_DAYS = [2, 14]
    case = CaseFactory()
    now = timezone.now()
    created = schedule_check_ins(case, now)
    assert sorted(f.check_in_day for f in created) == [2, 14]
    assert schedule_check_ins(case, now) == []


def test_follow_up_schedule_and_complete(counsellor):
    case = CaseFactory()
    due = timezone.now() + timedelta(days=2)
    follow_up = actions.schedule_follow_up(case.reference, counsellor, due_at=due, reason="Check the appointment")
    assert follow_up.created_by == counsellor and follow_up.status == "pending"
    actions.complete_follow_up(case.reference, counsellor, follow_up.pk, note="Went well")
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.completed_at is not None
    with pytest.raises(ActionRefused, match="already done"):
        actions.complete_follow_up(case.reference, counsellor, follow_up.pk)
    with pytest.raises(ActionRefused, match="future"):
        actions.schedule_follow_up(case.reference, counsellor, due_at=timezone.now(), reason="x")


def test_anonymised_cases_cannot_be_changed(counsellor):
    case = CaseFactory(anonymised_at=timezone.now())
    with pytest.raises(ActionRefused, match="anonymised"):
        actions.add_note(case.reference, counsellor, "hello")
