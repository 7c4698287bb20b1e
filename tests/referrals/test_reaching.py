"""The target is reaching the person: an unsuccessful attempt sets when the next one is due, by urgency, and the
case stays overdue until the person is reached or the case is closed."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from referrals import actions, sla
from referrals.models import Case, Status
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db
CLINIC = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def clinic_hours(settings):
    settings.TIME_ZONE = "America/New_York"
    settings.BUSINESS_HOURS = {"start_hour": 9, "end_hour": 17, "weekdays": [0, 1, 2, 3, 4]}
    settings.CLINIC_HOLIDAYS = ["2026-12-25"]


def at(*args):
    return datetime(*args, tzinfo=CLINIC)


@pytest.mark.parametrize(
    ("urgency", "attempted", "next_due"),
    [
        ("emergency", at(2026, 12, 5, 23, 50), at(2026, 12, 6, 0, 5)),  # wall clock, weekend or not
        ("urgent", at(2026, 12, 5, 23, 50), at(2026, 12, 6, 0, 50)),
        ("soon", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 14, 0)),  # 4 business hours
        ("soon", at(2026, 12, 1, 16, 0), at(2026, 12, 2, 12, 0)),  # 1 h today, 3 h tomorrow
        ("soon", at(2026, 12, 4, 19, 0), at(2026, 12, 7, 13, 0)),  # Friday evening: Monday
        ("routine", at(2026, 12, 1, 10, 30), at(2026, 12, 2, 10, 30)),  # 1 business day
        ("routine", at(2026, 12, 24, 15, 0), at(2026, 12, 28, 15, 0)),  # Christmas and the weekend skipped
        ("routine", at(2026, 12, 1, 7, 0), at(2026, 12, 1, 17, 0)),  # before opening: the day's hours
    ],
)
def test_the_next_attempt_is_due_by_urgency_in_clinic_time(urgency, attempted, next_due):
    assert sla.next_attempt_due(urgency, attempted) == next_due


def test_retry_times_come_from_the_settings(settings):
    settings.CONTACT_RETRY = {**settings.CONTACT_RETRY, "emergency": {"minutes": 5}, "soon": {"business_hours": 2}}
    assert sla.next_attempt_due("emergency", at(2026, 12, 1, 10, 0)) == at(2026, 12, 1, 10, 5)
    assert sla.next_attempt_due("soon", at(2026, 12, 1, 10, 0)) == at(2026, 12, 1, 12, 0)


@pytest.mark.parametrize("urgency", ["emergency", "urgent", "soon", "routine"])
@pytest.mark.parametrize("outcome", ["no_answer", "busy", "wrong_number"])
def test_an_unsuccessful_attempt_sets_the_next_one_due(postgres, counsellor, urgency, outcome):
    case = CaseFactory(urgency=urgency)
    actions.log_contact(case.reference, counsellor, outcome)
    case.refresh_from_db()
    assert case.reached_at is None and case.contact_attempts == 1 and case.status == Status.CONTACTING
    assert case.next_attempt_due_at == sla.next_attempt_due(urgency, case.first_contact_at)


def test_an_emergency_case_called_without_answer_stays_overdue_until_reached(postgres, counsellor):
    now = timezone.now()
    case = CaseFactory(urgency="emergency", due_at=now - timedelta(minutes=5), voicemail_safe=True)
    for outcome in ("no_answer", "voicemail", "busy"):
        actions.log_contact(case.reference, counsellor, outcome)
        assert list(Case.objects.overdue(timezone.now())) == [case], outcome
    case.refresh_from_db()
    assert case.first_contact_at is not None and case.contact_attempts == 3

    actions.log_contact(case.reference, counsellor, "reached")
    case.refresh_from_db()
    assert case.status == Status.REACHED and case.reached_at is not None and case.next_attempt_due_at is None
    assert not Case.objects.overdue(timezone.now()).exists()


def test_a_missed_retry_makes_a_case_overdue_before_its_own_due_time(postgres, counsellor):
    now = timezone.now()
    case = CaseFactory(urgency="routine", due_at=now + timedelta(days=2))
    actions.log_contact(case.reference, counsellor, "no_answer")
    case.refresh_from_db()
    assert not Case.objects.overdue(now).exists()
    assert list(Case.objects.overdue(case.next_attempt_due_at + timedelta(minutes=1))) == [case]


def test_closing_the_case_takes_it_off_the_overdue_list(postgres, counsellor, settings):
    settings.UNREACHABLE_AFTER_ATTEMPTS = 1
    case = CaseFactory(urgency="urgent", due_at=timezone.now() - timedelta(hours=1))
    actions.log_contact(case.reference, counsellor, "no_answer")
    case.refresh_from_db()
    actions.change_status(case.reference, counsellor, Status.UNREACHABLE, version=case.version)
    assert not Case.objects.overdue(timezone.now()).exists()


def test_reached_is_kept_from_the_first_time(postgres, counsellor):
    case = CaseFactory(urgency="soon")
    actions.log_contact(case.reference, counsellor, "reached")
    case.refresh_from_db()
    first = case.reached_at
    actions.change_status(case.reference, counsellor, Status.CONTACTING, version=case.version)
    actions.log_contact(case.reference, counsellor, "reached")
    case.refresh_from_db()
    assert case.reached_at == first and case.first_contact_at == first


def test_moving_a_case_to_reached_by_hand_counts_as_reached(postgres, counsellor):
    case = CaseFactory(urgency="soon")
    actions.change_status(case.reference, counsellor, Status.REACHED, version=case.version)
    case.refresh_from_db()
    assert case.reached_at is not None


def test_queue_rows_say_whether_overdue_and_when_the_next_attempt_is_due(postgres, counsellor, counsellor_client):
    now = timezone.now()
    waiting = CaseFactory(urgency="soon", due_at=now + timedelta(hours=3))
    late = CaseFactory(urgency="emergency", due_at=now - timedelta(minutes=20))
    actions.log_contact(late.reference, counsellor, "no_answer")
    late.refresh_from_db()
    reached = CaseFactory(urgency="urgent", due_at=now - timedelta(hours=1), reached_at=now, status=Status.REACHED)
    html = counsellor_client.get("/staff/").content.decode()

    def row(case):
        start = html.index(f'data-case="{case.reference}"')
        return html[html.rindex("<tr", 0, start): html.index("</tr>", start)]

    def next_due(case):
        value = re.search(r'data-next-due="([^"]*)"', row(case)).group(1)
        return datetime.fromisoformat(value) if value else None

    assert 'data-overdue="false"' in row(waiting) and next_due(waiting) == waiting.due_at
    assert 'data-overdue="true"' in row(late) and next_due(late) == late.next_attempt_due_at
    assert re.search(r"Overdue by 20 min; next try in 1[45] min", row(late))
    assert 'data-overdue="false"' in row(reached) and next_due(reached) is None
