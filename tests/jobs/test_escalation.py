"""SLA escalation: who is overdue, which level, and once per level."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import COUNSELLORS, SUPERVISORS
from messaging.models import Message
from referrals import actions
from referrals.escalation import escalate_overdue, level_at, overdue_cases
from referrals.models import Case, CaseEvent, Status
from tests.factories import CaseFactory
from tests.jobs.support import staff

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def due(minutes_ago, **kwargs):
    return CaseFactory(due_at=NOW - timedelta(minutes=minutes_ago), **kwargs)


def escalations(case):
    return list(case.events.filter(kind=CaseEvent.Kind.ESCALATION).values_list("data__level", flat=True))


@pytest.mark.parametrize(
    ("minutes_after_due", "level"), [(-1, 0), (0, 1), (59, 1), (60, 2), (239, 2), (240, 3), (10_000, 3)]
)
def test_levels_follow_the_configured_steps(settings, minutes_after_due, level):
    settings.ESCALATION_STEPS_MINUTES = [0, 60, 240]
    assert level_at(NOW - timedelta(minutes=minutes_after_due), NOW) == level


def test_overdue_means_open_past_due_and_not_reached():
    overdue = due(5)
    due(-5)  # not due yet
    due(5, first_contact_at=NOW - timedelta(minutes=1), reached_at=NOW - timedelta(minutes=1))  # reached
    tried = due(6, first_contact_at=NOW - timedelta(minutes=1), contact_attempts=2)  # called twice, no answer
    due(5, status=Status.DECLINED)  # closed
    due(5, anonymised_at=NOW)
    assert set(overdue_cases(NOW)) == {overdue, tried}


def test_an_overdue_case_is_escalated_once_per_level(mailoutbox, committed):
    supervisor = staff(SUPERVISORS, email="sup@example.org")
    staff(SUPERVISORS, email="")  # no address, no e-mail
    case = due(5)

    assert committed(escalate_overdue, NOW) == 1
    assert committed(escalate_overdue, NOW) == 0
    assert committed(escalate_overdue, NOW + timedelta(minutes=30)) == 0
    case.refresh_from_db()
    assert case.escalation_level == 1 and escalations(case) == [1]
    assert [m.to for m in mailoutbox] == [["sup@example.org"]]
    assert Message.objects.get(kind="escalation").to_user == supervisor

    assert committed(escalate_overdue, NOW + timedelta(minutes=56)) == 1  # an hour after due: level 2
    assert committed(escalate_overdue, NOW + timedelta(minutes=57)) == 0
    case.refresh_from_db()
    assert case.escalation_level == 2 and escalations(case) == [1, 2]
    assert len(mailoutbox) == 2 and "(level 2)" in mailoutbox[1].subject


def test_the_timeline_says_what_happened(committed):
    staff(SUPERVISORS, email="sup@example.org")
    case = due(5)
    committed(escalate_overdue, NOW)
    (event,) = case.events.filter(kind=CaseEvent.Kind.ESCALATION)
    assert event.summary == (
        "Escalated to supervisors (level 1): not reached 5 min after the due time, 0 unsuccessful attempts; "
        "1 supervisor emailed"
    )


def test_after_downtime_it_jumps_to_the_current_level_with_one_alert(mailoutbox, committed):
    staff(SUPERVISORS, email="sup@example.org")
    case = due(300)
    assert committed(escalate_overdue, NOW) == 1
    assert escalations(case) == [3]
    assert len(mailoutbox) == 1


def test_a_stale_reset_of_the_level_never_repeats_an_escalation(mailoutbox, committed):
    staff(SUPERVISORS, email="sup@example.org")
    case = due(5)
    committed(escalate_overdue, NOW)
    Case.objects.filter(pk=case.pk).update(escalation_level=0)  # e.g. an old form saved over it
    assert committed(escalate_overdue, NOW + timedelta(minutes=1)) == 0
    assert escalations(case) == [1] and len(mailoutbox) == 1


def test_a_case_reached_in_the_meantime_is_not_escalated_further(committed):
    staff(SUPERVISORS, email="sup@example.org")
    case = due(5)
    committed(escalate_overdue, NOW)
    Case.objects.filter(pk=case.pk).update(first_contact_at=NOW + timedelta(minutes=10),
                                           reached_at=NOW + timedelta(minutes=10), status=Status.REACHED)
    assert committed(escalate_overdue, NOW + timedelta(hours=2)) == 0
    assert escalations(case) == [1]


def test_unsuccessful_attempts_do_not_stop_the_escalation(mailoutbox, committed):
    staff(SUPERVISORS, email="sup@example.org")
    counsellor = staff(COUNSELLORS, email="")
    case = due(5, urgency="emergency")
    assert committed(escalate_overdue, NOW) == 1
    actions.log_contact(case.reference, counsellor, "no_answer")
    actions.log_contact(case.reference, counsellor, "busy")
    assert committed(escalate_overdue, NOW + timedelta(minutes=56)) == 1  # an hour after due: level 2
    case.refresh_from_db()
    assert escalations(case) == [1, 2] and case.status == Status.CONTACTING
    assert "2 unsuccessful attempts" in case.events.filter(kind=CaseEvent.Kind.ESCALATION).last().summary
    assert "2 unsuccessful contact attempts so far" in mailoutbox[-1].body
    actions.log_contact(case.reference, counsellor, "reached")
    assert committed(escalate_overdue, NOW + timedelta(minutes=236)) == 0  # reached: no level 3


def test_with_no_supervisor_address_the_escalation_is_still_on_the_timeline(committed):
    case = due(5)
    assert committed(escalate_overdue, NOW) == 1
    assert case.events.get(kind=CaseEvent.Kind.ESCALATION).summary.endswith("0 supervisors emailed")


def test_no_steps_configured_means_no_escalation(settings, committed):
    settings.ESCALATION_STEPS_MINUTES = []
    due(500)
    assert committed(escalate_overdue, NOW) == 0
