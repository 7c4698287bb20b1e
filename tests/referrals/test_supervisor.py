"""Supervisor view: open cases, overdue, time to first contact, share referred, workload, charts, CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db.models import DurationField, ExpressionWrapper, F
from django.utils import timezone

from referrals import metrics, queue
from referrals.aggregates import PercentileCont
from referrals.models import Case, Referral
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def opened(minutes_ago_created, minutes_to_contact=None, **fields):
    now = timezone.now()
    case = CaseFactory(**fields)
    created = now - timedelta(minutes=minutes_ago_created)
    first = created + timedelta(minutes=minutes_to_contact) if minutes_to_contact is not None else None
    Case.objects.filter(pk=case.pk).update(created_at=created, first_contact_at=first)
    return case


def test_percentiles_interpolate_between_observed_values():
    for minutes in range(1, 11):
        opened(60, minutes)
    opened(60)  # not contacted: left out
    waited = ExpressionWrapper(F("first_contact_at") - F("created_at"), output_field=DurationField())
    result = Case.objects.aggregate(p90=PercentileCont(waited, 0.9), median=PercentileCont(waited, 0.5),
                                    lowest=PercentileCont(waited, 0))
    assert result["p90"] == timedelta(minutes=9.1)
    assert result["median"] == timedelta(minutes=5.5)
    assert result["lowest"] == timedelta(minutes=1)
    assert Case.objects.filter(first_contact_at__isnull=True).aggregate(
        p90=PercentileCont(waited, 0.9))["p90"] is None


def test_window_stats_over_7_and_30_days():
    for minutes in (10, 20, 30, 40, 100):
        opened(60 * 24, minutes)  # yesterday
    opened(60 * 24 * 2)  # not contacted yet
    old = opened(60 * 24 * 20, 500)  # only in the 30-day window
    Referral.objects.create(case=old, provider_name="P", service_name="S", referred_at=timezone.now(),
                            consent_share_on_file=False)
    week = metrics.window(7, timezone.now())
    assert (week.opened, week.contacted, week.not_contacted) == (6, 5, 1)
    assert week.median_minutes == pytest.approx(30)
    assert week.p90_minutes == pytest.approx(76)  # inclusive interpolation between 40 and 100
    assert week.referred == 0 and week.referred_percent == 0
    month = metrics.window(30, timezone.now())
    assert (month.opened, month.referred, month.referred_percent) == (7, 1, 14)
    assert month.median_minutes == pytest.approx(35)


def test_page_shows_numbers_charts_and_workload(supervisor_client, counsellor):
    now = timezone.now()
    CaseFactory(urgency="emergency", assigned_to=counsellor, due_at=now - timedelta(minutes=5))
    CaseFactory(urgency="routine", assigned_to=counsellor)
    CaseFactory(urgency="routine")
    response = supervisor_client.get("/staff/supervisor/")
    html = response.content.decode()
    assert 'data-overdue="1"' in html
    assert '<tr data-urgency="emergency"><th scope="row">Emergency</th><td>1</td>' in html
    assert '<tr data-urgency="routine"><th scope="row">Routine</th><td>2</td>' in html
    row = html[html.index(f'data-counselor="{counsellor.username}"'):]
    assert "<td>2</td><td>1</td><td>1</td>" in row[: row.index("</tr>")]
    assert html.count('<svg class="bar-chart" role="img"') == 2
    assert '<title id="chart-urgency-title">Open cases by urgency</title>' in html
    assert "Emergency: 1; Urgent (same day): 0; Soon (next business day): 0; Routine: 2" in html
    assert "<script" not in html.split("<main", 1)[1]


def test_the_figures_are_kept_for_a_minute(supervisor_client, counsellor):
    CaseFactory(urgency="routine", assigned_to=counsellor)
    supervisor_client.get("/staff/supervisor/")
    CaseFactory(urgency="routine", assigned_to=counsellor)
    html = supervisor_client.get("/staff/supervisor/").content.decode()
    assert '<tr data-urgency="routine"><th scope="row">Routine</th><td>1</td>' in html
    assert "Figures as of" in html
    cache.delete(metrics.SNAPSHOT_CACHE_KEY)
    cache.delete(queue.COUNTS_CACHE_KEY)
    html = supervisor_client.get("/staff/supervisor/").content.decode()
    assert '<tr data-urgency="routine"><th scope="row">Routine</th><td>2</td>' in html


def test_the_figures_cost_the_same_queries_however_many_cases(supervisor_client, counsellor,
                                                              django_assert_max_num_queries):
    for urgency in ("emergency", "urgent", "routine") * 5:
        opened(60 * 24, 30, urgency=urgency, assigned_to=counsellor)
    supervisor_client.get("/staff/")  # warm the session's last-seen stamp
    # session, user, the second factor's device, permissions (2), urgency counts, two windows, staff, workload, the
    # site context (2), undelivered alerts, and reaching people over the date range (weekly cases, staff e-mails,
    # whole-range percentiles)
    with django_assert_max_num_queries(16):
        assert supervisor_client.get("/staff/supervisor/").status_code == 200


def test_csv_has_metrics_but_no_personal_data(supervisor_client):
    case = opened(60, 12, first_name="Ramona", phone="555-999-1234", email="r@example.org",
                  own_words="private words", flags=["pregnancy"])
    response = supervisor_client.get("/staff/supervisor/case-metrics.csv?days=7")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == list(metrics.CSV_COLUMNS)
    assert rows[1][metrics.CSV_COLUMNS.index("minutes_to_first_contact")] == "12"
    for personal in ("Ramona", "555-999-1234", "r@example.org", "private words", "pregnancy", case.reference):
        assert personal not in body
