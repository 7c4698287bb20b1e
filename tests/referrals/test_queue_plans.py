"""The queue's queries can use their indexes on PostgreSQL (bench/README.md has the plans at a million cases).

With sequential scans discouraged, as the planner does by itself on a big table, each query's plan must name its
index: a query whose shape drifts from the index's (a different ``WHERE``, a function over the column) fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from referrals import followups, queue
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def cases(postgres, counsellor):
    CaseFactory.create_batch(3, assigned_to=counsellor)
    return timezone.now()


def test_the_first_page_reads_the_open_queue_index_in_order(cases, counsellor):
    first_page = queue.cases(counsellor, queue.Filters(), cases)[: queue.PAGE_SIZE + 1]
    assert "case_open_queue" in plan(first_page)
    assert "Sort" not in plan(first_page)


def test_my_cases_read_the_per_counsellor_index(cases, counsellor):
    mine = queue.cases(counsellor, queue.Filters(scope="mine"), cases)[: queue.PAGE_SIZE + 1]
    assert "case_open_by_assignee" in plan(mine)


def test_due_follow_ups_read_only_pending_ones(cases):
    assert "followup_pending_due" in plan(followups.due(cases)[: queue.FOLLOW_UPS_SHOWN + 1])


def test_phone_search_reads_the_phone_index(cases, counsellor):
    search = {"kind": "phone", "value": "5558675309"}
    found = queue.cases(counsellor, queue.Filters(), cases, search)
    assert "case_phone_search" in plan(found)


def test_the_number_is_kept_in_e164_for_search():
    case = CaseFactory(phone="(555) 867-5309")
    assert case.phone_e164 == "+15558675309"
    case.phone = "555.010.4242 "
    case.save()
    assert case.phone_e164 == "+15550104242"
    case.phone = "not a number"
    case.save()
    assert case.phone_e164 == ""


def test_the_next_page_starts_after_the_last_row_through_the_index(cases, counsellor):
    CaseFactory.create_batch(queue.PAGE_SIZE)
    first = queue.page(queue.cases(counsellor, queue.Filters(), cases))
    with CaptureQueriesContext(connection) as captured:
        queue.page(queue.cases(counsellor, queue.Filters(), cases), after=first.next_cursor)
    rows_query = next(q["sql"] for q in captured.captured_queries if "LIMIT 26" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {rows_query}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    assert "case_open_queue" in text and "Index Cond" in text and "Sort" not in text
