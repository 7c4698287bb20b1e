"""When the clinic is open, in clinic time: what the crisis call-back promise on the public pages depends on."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from referrals import sla

CLINIC = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def clinic_hours(settings):
    settings.TIME_ZONE = "America/New_York"
    settings.BUSINESS_HOURS = {**settings.BUSINESS_HOURS, "start_hour": 9, "end_hour": 17, "weekdays": [0, 1, 2, 3, 4]}
    settings.CLINIC_HOLIDAYS = ["2026-12-25"]


def at(*args):
    return datetime(*args, tzinfo=CLINIC)


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (at(2026, 12, 2, 9, 0), True),  # Wednesday, opening time
        (at(2026, 12, 2, 16, 59), True),
        (at(2026, 12, 2, 17, 0), False),  # closing time
        (at(2026, 12, 2, 8, 59), False),
        (at(2026, 12, 5, 12, 0), False),  # Saturday
        (at(2026, 12, 25, 12, 0), False),  # a holiday
    ],
)
def test_the_clinic_is_open_on_business_days_between_the_start_and_end_hour(moment, open_):
    assert sla.is_open(moment) is open_


@pytest.mark.parametrize(
    ("moment", "opens"),
    [
        (at(2026, 12, 2, 7, 30), at(2026, 12, 2, 9, 0)),  # early on a weekday: the same morning
        (at(2026, 12, 2, 18, 0), at(2026, 12, 3, 9, 0)),  # evening: the next morning
        (at(2026, 12, 4, 17, 30), at(2026, 12, 7, 9, 0)),  # Friday evening: Monday
        (at(2026, 12, 24, 20, 0), at(2026, 12, 28, 9, 0)),  # before a holiday and a weekend
    ],
)
def test_next_opening_skips_closed_days(moment, opens):
    assert sla.next_opening(moment) == opens


def test_next_opening_is_in_clinic_time_whatever_the_zone_of_the_moment():
    utc_evening = datetime(2026, 12, 2, 23, 30, tzinfo=ZoneInfo("UTC"))  # 6:30 PM in New York
    assert sla.next_opening(utc_evening) == at(2026, 12, 3, 9, 0)
    assert not sla.is_open(utc_evening)
