"""The queue's health gauges: open, overdue, and the oldest case whose person nobody has reached, per urgency."""

from datetime import timedelta

import pytest
from django.utils import timezone

from referrals.gauges import queue_gauges
from referrals.models import Case, Status, Urgency
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def opened(minutes_ago: int, **fields) -> Case:
    case = CaseFactory(**fields)
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return case


def by_urgency(now):
    return {row.urgency: row for row in queue_gauges(now)}


def test_every_urgency_is_reported_most_urgent_first_even_with_an_empty_queue():
    rows = queue_gauges(timezone.now())
    assert [row.urgency for row in rows] == [u.value for u in Urgency]
    assert all(row.open == 0 and row.overdue == 0 and row.oldest_unreached_age is None for row in rows)


def test_open_cases_are_counted_per_urgency_and_closed_ones_are_not():
    CaseFactory.create_batch(2, urgency=Urgency.EMERGENCY)
    CaseFactory(urgency=Urgency.EMERGENCY, status=Status.REFERRED)
    CaseFactory(urgency=Urgency.EMERGENCY, status=Status.DECLINED)
    CaseFactory(urgency=Urgency.ROUTINE, status=Status.UNREACHABLE)
    rows = by_urgency(timezone.now())
    assert rows["emergency"].open == 3
    assert rows["routine"].open == 0


def test_overdue_counts_the_queues_own_overdue_cases_per_urgency():
    now = timezone.now()
    past_due = now - timedelta(minutes=5)
    CaseFactory.create_batch(2, urgency=Urgency.URGENT, due_at=past_due)
    CaseFactory(urgency=Urgency.EMERGENCY, due_at=past_due)
    CaseFactory(urgency=Urgency.URGENT, due_at=now + timedelta(hours=1))
    CaseFactory(urgency=Urgency.URGENT, due_at=past_due, status=Status.DUPLICATE)
    rows = by_urgency(now)
    assert (rows["emergency"].overdue, rows["urgent"].overdue, rows["soon"].overdue) == (1, 2, 0)
    assert sum(row.overdue for row in rows.values()) == Case.objects.overdue(now).count()


def test_the_oldest_unreached_case_is_the_oldest_open_one_whose_person_nobody_has_reached():
    now = timezone.now()
    opened(90, urgency=Urgency.SOON, status=Status.REACHED, reached_at=now - timedelta(minutes=60))
    opened(80, urgency=Urgency.SOON, status=Status.DECLINED)
    opened(45, urgency=Urgency.SOON, status=Status.CONTACTING, first_contact_at=now, contact_attempts=1)
    opened(10, urgency=Urgency.SOON)
    age = by_urgency(now)["soon"].oldest_unreached_age
    assert timedelta(minutes=44) < age <= timedelta(minutes=46)
