"""Minimum necessary between counselors: a case someone else holds is taken over, with a reason, before anyone
else acts on it; a closed case is readable only by the counselor who had it and supervisors; only a supervisor
reopens a case, and says why."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import COUNSELLORS
from referrals import actions
from referrals.actions import ActionRefused
from referrals.models import AuditEvent, CaseEvent, Status
from tests.factories import CaseFactory, UserFactory
from tests.referrals.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    user = UserFactory(first_name="Sam", last_name="Lee")
    user.groups.add(Group.objects.get(name=COUNSELLORS))
    return user


@pytest.fixture
def held_case(colleague):
    return CaseFactory(assigned_to=colleague, status=Status.CONTACTING)


@pytest.fixture
def closed_case(colleague):
    return CaseFactory(assigned_to=colleague, status=Status.DECLINED, closed_at=timezone.now())


ACTING_ON_A_HELD_CASE = {
    "logging contact": lambda case, user: actions.log_contact(case.reference, user, "no_answer"),
    "adding a note": lambda case, user: actions.add_note(case.reference, user, "Tried again."),
    "closing it": lambda case, user: actions.change_status(case.reference, user, Status.DECLINED,
                                                          version=case.version),
    "scheduling a follow-up": lambda case, user: actions.schedule_follow_up(
        case.reference, user, due_at=timezone.now() + timedelta(days=1), reason="Call back"),
}


@pytest.mark.parametrize("act", ACTING_ON_A_HELD_CASE.values(), ids=ACTING_ON_A_HELD_CASE.keys())
def test_acting_on_a_case_someone_else_holds_is_refused_until_taken_over(held_case, counsellor, act):
    with pytest.raises(ActionRefused, match="Sam Lee has this case. Take it over"):
        act(held_case, counsellor)
    assert not held_case.events.exclude(kind=CaseEvent.Kind.ASSIGNED).exists()

    actions.take_over(held_case.reference, counsellor, "Sam is off sick today.", version=held_case.version)
    held_case.refresh_from_db()
    act(held_case, counsellor)


def test_taking_over_needs_a_reason_and_shows_it_to_both(held_case, counsellor, colleague):
    with pytest.raises(ActionRefused, match="Say why"):
        actions.take_over(held_case.reference, counsellor, "  ", version=held_case.version)

    actions.take_over(held_case.reference, counsellor, "Sam is off sick today.", version=held_case.version)

    held_case.refresh_from_db()
    assert held_case.assigned_to == counsellor
    event = held_case.events.get(kind=CaseEvent.Kind.ASSIGNED)
    assert event.body == "Sam is off sick today." and event.data["taken_from"] == colleague.pk
    audit = AuditEvent.objects.get(action=AuditEvent.Action.TAKEN_OVER)
    assert audit.actor == counsellor and audit.detail == f"from user {colleague.pk}"
    assert "sick" not in audit.detail
    for who in (counsellor, colleague):
        page = logged_in(who).get(f"/staff/cases/{held_case.reference}/").content.decode()
        assert "Taken over from Sam Lee" in page and "Sam is off sick today." in page


def test_the_case_page_offers_taking_over_and_it_works_over_http(held_case, counsellor_client, counsellor):
    url = f"/staff/cases/{held_case.reference}/"
    assert "Take over this case" in counsellor_client.get(url).content.decode()

    refused = counsellor_client.post(url + "note/", {"note-text": "Tried again."})
    assert refused.status_code == 400 and "Take it over" in refused.content.decode()

    response = counsellor_client.post(url + "take-over/", {"take_over-version": held_case.version,
                                                           "take_over-reason": "Covering Sam's queue."})
    assert response.status_code == 302
    assert counsellor_client.post(url + "note/", {"note-text": "Tried again."}).status_code == 302


def test_a_closed_case_is_readable_only_by_who_had_it_and_supervisors(closed_case, colleague, counsellor,
                                                                      supervisor):
    url = f"/staff/cases/{closed_case.reference}/"
    assert logged_in(colleague).get(url).status_code == 200
    assert logged_in(supervisor).get(url).status_code == 200
    other = logged_in(counsellor)
    assert other.get(url).status_code == 403
    assert other.post(url + "note/", {"note-text": "x"}).status_code == 403
    assert not AuditEvent.objects.filter(actor=counsellor, case_reference=closed_case.reference).exists()


def test_a_closed_case_nobody_had_is_for_supervisors_only(counsellor, supervisor):
    case = CaseFactory(status=Status.DUPLICATE, closed_at=timezone.now())
    assert logged_in(counsellor).get(f"/staff/cases/{case.reference}/").status_code == 403
    with pytest.raises(ActionRefused, match="closed"):
        actions.claim(case.reference, counsellor, version=case.version)
    assert logged_in(supervisor).get(f"/staff/cases/{case.reference}/").status_code == 200


def test_only_a_supervisor_reopens_a_case_and_says_why(closed_case, colleague, supervisor):
    with pytest.raises(ActionRefused, match="Only a supervisor can reopen"):
        actions.change_status(closed_case.reference, colleague, Status.CONTACTING, version=closed_case.version,
                              note="They called back.")
    with pytest.raises(ActionRefused, match="Say why"):
        actions.change_status(closed_case.reference, supervisor, Status.CONTACTING, version=closed_case.version)

    actions.change_status(closed_case.reference, supervisor, Status.CONTACTING, version=closed_case.version,
                          note="They called back.")

    closed_case.refresh_from_db()
    assert closed_case.status == Status.CONTACTING and closed_case.closed_at is None
    assert closed_case.events.get(kind=CaseEvent.Kind.STATUS).body == "They called back."


def test_the_queue_lists_closed_cases_only_to_who_had_them_and_supervisors(closed_case, colleague, counsellor,
                                                                           supervisor):
    def listed_for(user):
        return closed_case.reference in logged_in(user).get("/staff/?status=any").content.decode()

    assert listed_for(colleague) and listed_for(supervisor)
    assert not listed_for(counsellor)
