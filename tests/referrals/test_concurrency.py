"""Two counsellors acting on one case at the same moment, as real concurrent requests on PostgreSQL.

Each thread has its own database connection, so these run against committed data (transactional_db). The
`postgres` fixture fails in CI when PostgreSQL is missing; these tests never pass on SQLite by accident.
"""

import threading

import pytest
from django.db import close_old_connections, connection

from referrals import actions
from referrals.models import Case, CaseEvent
from tests.factories import CaseFactory

from .conftest import logged_in

pytestmark = pytest.mark.services


def race(*calls):
    """Run the calls at once in threads (released together by a barrier) and return their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    close_old_connections()
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_two_counsellors_claiming_at_once_never_double_claim(postgres, transactional_db, counsellor, supervisor,
                                                             attempt):
    case = CaseFactory()
    first, second = logged_in(counsellor), logged_in(supervisor)
    url = f"/staff/cases/{case.reference}/claim/"
    results = race(lambda: first.post(url, {"claim-version": 1}), lambda: second.post(url, {"claim-version": 1}))
    codes = sorted(r.status_code for r in results)
    assert codes == [302, 409], codes
    case.refresh_from_db()
    assert case.assigned_to in (counsellor, supervisor)
    assert case.version == 2
    assert CaseEvent.objects.filter(case=case, kind="assigned").count() == 1


def test_concurrent_status_changes_do_not_lose_an_update(postgres, transactional_db, counsellor, supervisor):
    case = CaseFactory(status="reached")
    first, second = logged_in(counsellor), logged_in(supervisor)
    url = f"/staff/cases/{case.reference}/status/"
    results = race(
        lambda: first.post(url, {"status-version": 1, "status-target": "declined"}),
        lambda: second.post(url, {"status-version": 1, "status-target": "duplicate"}),
    )
    assert sorted(r.status_code for r in results) == [302, 409]
    case.refresh_from_db()
    winner = "declined" if results[0].status_code == 302 else "duplicate"
    assert case.status == winner
    assert CaseEvent.objects.filter(case=case, kind="status").count() == 1


def test_concurrent_contact_attempts_are_both_counted(postgres, transactional_db, counsellor, supervisor):
    """Appending actions carry no version: both land, serialised by the row lock, and the counter is exact."""
    case = CaseFactory()
    results = race(
        lambda: actions.log_contact(case.reference, counsellor, "no_answer"),
        lambda: actions.log_contact(case.reference, supervisor, "no_answer"),
    )
    assert all(isinstance(r, Case) for r in results), results
    case.refresh_from_db()
    assert case.contact_attempts == 2 and case.version == 3 and case.status == "contacting"
    summaries = sorted(case.events.filter(kind="contact_attempt").values_list("summary", flat=True))
    assert summaries == ["Contact attempt 1: called, no answer", "Contact attempt 2: called, no answer"]
