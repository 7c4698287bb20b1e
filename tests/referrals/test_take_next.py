""""Take next": the most urgent, most overdue case nobody has, assigned and opened in one press; two counselors
pressing at the same moment never get the same case (PostgreSQL, real concurrent requests)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from referrals import actions
from referrals.models import AuditEvent, Case, CaseEvent, Status
from tests.factories import CaseFactory

from .conftest import logged_in
from .test_concurrency import race

pytestmark = pytest.mark.django_db


def test_it_takes_the_most_urgent_then_most_overdue_unassigned_case(counsellor_client, counsellor, supervisor):
    now = timezone.now()
    CaseFactory(urgency="emergency", due_at=now - timedelta(hours=1), assigned_to=supervisor)  # someone has it
    CaseFactory(urgency="emergency", due_at=now - timedelta(hours=2), reached_at=now, status=Status.REACHED)
    CaseFactory(urgency="emergency", due_at=now - timedelta(hours=3), status=Status.DECLINED)
    CaseFactory(urgency="urgent", due_at=now - timedelta(hours=5))
    later = CaseFactory(urgency="emergency", due_at=now - timedelta(minutes=5))
    most_overdue = CaseFactory(urgency="emergency", due_at=now - timedelta(minutes=30))

    response = counsellor_client.post("/staff/take-next/")
    assert response.status_code == 302 and response["Location"] == f"/staff/cases/{most_overdue.reference}/"
    most_overdue.refresh_from_db()
    assert most_overdue.assigned_to == counsellor
    assert AuditEvent.objects.filter(action="claimed", case_reference=most_overdue.reference).exists()
    assert CaseEvent.objects.get(case=most_overdue, kind="assigned").summary.startswith("Taken by")

    assert counsellor_client.post("/staff/take-next/")["Location"] == f"/staff/cases/{later.reference}/"


def test_with_nothing_to_take_it_says_so_on_the_queue(counsellor_client):
    response = counsellor_client.post("/staff/take-next/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/"
    assert "No case is waiting for someone to take it." in response.content.decode()


def test_it_is_a_post_for_staff_who_work_cases(counsellor_client, client):
    assert counsellor_client.get("/staff/take-next/").status_code == 405
    assert client.post("/staff/take-next/").status_code == 302  # to sign in
    assert not Case.objects.filter(assigned_to__isnull=False).exists()


@pytest.mark.services
@pytest.mark.parametrize("attempt", range(3))
def test_two_counselors_pressing_at_once_get_two_different_cases(postgres, transactional_db, counsellor, supervisor,
                                                                 attempt):
    cases = [CaseFactory(urgency="emergency") for _ in range(2)]
    first, second = logged_in(counsellor), logged_in(supervisor)
    results = race(lambda: first.post("/staff/take-next/"), lambda: second.post("/staff/take-next/"))
    assert [r.status_code for r in results] == [302, 302], results
    assert len({r["Location"] for r in results}) == 2
    assignees = {case.reference: case.assigned_to_id for case in Case.objects.filter(pk__in=[c.pk for c in cases])}
    assert sorted(assignees.values()) == sorted([counsellor.pk, supervisor.pk])


@pytest.mark.services
def test_a_case_being_taken_is_skipped_not_waited_for(postgres, transactional_db, counsellor, supervisor):
    """While one request holds the first case's row lock (its transaction not yet committed), the other takes the
    next case at once instead of queueing behind it."""
    first_case = CaseFactory(urgency="emergency", due_at=timezone.now() - timedelta(minutes=10))
    second_case = CaseFactory(urgency="emergency", due_at=timezone.now())
    holding, other_done = threading.Event(), threading.Event()
    taken = {}

    def hold_first_case():
        try:
            with transaction.atomic():
                taken["first"] = actions.take_next(counsellor)
                holding.set()
                other_done.wait(timeout=10)  # commit only after the other request has finished
        finally:
            connection.close()

    thread = threading.Thread(target=hold_first_case)
    thread.start()
    assert holding.wait(timeout=10)
    response = logged_in(supervisor).post("/staff/take-next/")
    other_done.set()
    thread.join(timeout=20)
    assert taken["first"] == first_case
    assert response["Location"] == f"/staff/cases/{second_case.reference}/"
