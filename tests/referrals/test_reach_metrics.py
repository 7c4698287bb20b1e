"""Supervisor metrics on reaching people, on a fixed data set with known answers: per urgency and per week, median
and 90th percentile time to reached, % reached within target, attempts per person reached, alerts and escalations
sent and failed; the date range, the trend charts and the CSV follow."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from messaging.models import Message
from referrals import metrics
from referrals.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db
CLINIC = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=CLINIC)


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=CLINIC)


def case(urgency, opened, due_minutes, reached_minutes=None, attempts=0):
    made = CaseFactory(urgency=urgency)
    Case.objects.filter(pk=made.pk).update(
        created_at=opened, due_at=opened + timedelta(minutes=due_minutes), contact_attempts=attempts,
        reached_at=None if reached_minutes is None else opened + timedelta(minutes=reached_minutes),
    )
    return made


def mail(for_case, kind, status):
    Message.objects.create(key=f"{kind}:{for_case.pk}:{status}:{Message.objects.count()}", kind=kind,
                           channel="email", status=status, case=for_case, to_address="sup@example.org",
                           next_attempt_at=NOW)


@pytest.fixture
def data_set(settings):
    settings.TIME_ZONE = "America/New_York"
    # Emergency, week of Monday Nov 2: reached after 10, 40 and 20 minutes (due after 15), one never reached.
    first = case("emergency", at(2, 10), 15, reached_minutes=10, attempts=0)
    case("emergency", at(3, 11), 15, reached_minutes=40, attempts=2)
    never = case("emergency", at(4, 12), 15, attempts=3)
    case("emergency", at(5, 13), 15, reached_minutes=20, attempts=1)
    # Urgent, week of Monday Nov 9: reached after an hour, due after four.
    case("urgent", at(10, 9), 240, reached_minutes=60)
    # Outside the range.
    case("emergency", at(30, 9) - timedelta(days=60), 15, reached_minutes=1)
    mail(first, Message.Kind.URGENT_ALERT, Message.Status.SENT)
    mail(never, Message.Kind.URGENT_ALERT, Message.Status.FAILED)
    mail(never, Message.Kind.ESCALATION, Message.Status.SENT)
    mail(never, Message.Kind.ESCALATION, Message.Status.FAILED)
    mail(never, Message.Kind.ESCALATION, Message.Status.FAILED)


def test_per_urgency_over_the_range(data_set):
    totals, _ = metrics.reach(date(2026, 11, 1), date(2026, 11, 15), NOW)
    emergency, urgent, soon, _routine = totals
    assert (emergency.opened, emergency.reached) == (4, 3)
    assert emergency.median_minutes == pytest.approx(20)
    assert emergency.p90_minutes == pytest.approx(36)  # 20 + 0.8 × (40 − 20), interpolated
    assert (emergency.within_target, emergency.due_or_reached, emergency.within_target_percent) == (1, 4, 25)
    assert emergency.attempts_per_reached == 2.0  # (1 + 3 + 2) attempts for 3 people reached
    assert (emergency.alerts_sent, emergency.alerts_failed) == (1, 1)
    assert (emergency.escalations_sent, emergency.escalations_failed) == (1, 2)
    assert (urgent.median_minutes, urgent.p90_minutes, urgent.within_target_percent) == (60, 60, 100)
    assert urgent.attempts_per_reached == 1.0
    assert soon.opened == 0 and soon.median_minutes is None and soon.within_target_percent is None


def test_per_week(data_set):
    _, weekly = metrics.reach(date(2026, 11, 1), date(2026, 11, 15), NOW)
    rows = {(row.week, row.urgency): row for row in weekly}
    assert set(rows) == {(date(2026, 11, 2), "emergency"), (date(2026, 11, 9), "urgent")}
    assert rows[(date(2026, 11, 2), "emergency")].median_minutes == pytest.approx(20)
    assert rows[(date(2026, 11, 9), "urgent")].within_target_percent == 100


def test_the_date_range_decides_which_cases_count(data_set):
    totals, weekly = metrics.reach(date(2026, 11, 9), date(2026, 11, 15), NOW)
    assert [row.opened for row in totals] == [0, 1, 0, 0] and len(weekly) == 1


def test_a_case_not_due_yet_does_not_count_against_the_target(settings):
    settings.TIME_ZONE = "America/New_York"
    case("soon", at(19, 10), 60 * 30)  # due tomorrow
    case("soon", at(19, 9), 60 * 30, reached_minutes=30)
    soon = metrics.reach(date(2026, 11, 16), date(2026, 11, 20), NOW)[0][2]
    assert (soon.within_target, soon.due_or_reached, soon.within_target_percent) == (1, 1, 100)


def test_the_figures_take_a_fixed_number_of_queries(data_set, django_assert_num_queries):
    with django_assert_num_queries(3):
        metrics.reach(date(2026, 11, 1), date(2026, 11, 15), NOW)


def test_the_trend_charts_have_a_point_per_week_with_a_figure(data_set):
    _, weekly = metrics.reach(date(2026, 11, 1), date(2026, 11, 15), NOW)
    within, median = metrics.reach_charts(weekly, date(2026, 11, 1), date(2026, 11, 15))
    emergency = within.series[0]
    assert emergency.label == "Emergency" and len(emergency.points) == 1 and emergency.points[0].label == "25%"
    assert "Emergency: Nov 2 25%" in within.description and "Urgent (same day): Nov 9 100%" in within.description
    assert median.series[1].points[0].label == "1 h"
    assert {series.marker for series in within.series} == {"circle", "square", "triangle", "diamond"}


def test_the_supervisor_page_shows_the_range_table_and_charts(data_set, supervisor_client):
    cache.clear()
    html = supervisor_client.get("/staff/supervisor/?date_from=2026-11-01&date_to=2026-11-15").content.decode()
    row = html[html.index('data-reach="emergency"'):]
    row = row[: row.index("</tr>")]
    assert "<td data-median>20 min</td>" in row and "<td data-p90>36 min</td>" in row
    assert "25%" in row and "<td data-attempts>2.0</td>" in row
    assert "<td data-alerts>1 / 1</td>" in row and "<td data-escalations>1 / 2</td>" in row
    assert html.count('<svg class="trend-chart"') == 2 and "Reached within target, per week" in html
    assert "date_from=2026-11-01&amp;date_to=2026-11-15" in html  # the CSV follows the range


def test_a_bad_range_gets_a_clear_error_and_the_default_range(supervisor_client):
    html = supervisor_client.get("/staff/supervisor/?date_from=2026-11-15&date_to=2026-11-01").content.decode()
    assert "The last date must be on or after the first date" in html
    assert 'aria-invalid="true"' in html


def test_the_csv_follows_the_range_and_the_reached_target(data_set, supervisor_client):
    response = supervisor_client.get("/staff/supervisor/case-metrics.csv?date_from=2026-11-01&date_to=2026-11-15")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 5
    first = rows[0]
    assert first["opened_date"] == "2026-11-02" and first["minutes_to_reached"] == "10"
    assert first["reached_within_target"] == "yes"
    assert [row["reached_within_target"] for row in rows] == ["yes", "no", "", "no", "yes"]
