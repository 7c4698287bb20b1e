"""The crisis call-back promises only what the clinic can keep: inside its hours, when a counselor will call; outside
them, plainly that nobody may call until it opens, with 988 first. The clock is frozen at chosen clinic times."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.intake.test_web_safety import CALL_ME, HIGH_RISK, answer_safety_pages
from tests.intake.web_helpers import CRISIS_URL, fresh_rate_limits  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

NEW_YORK = ZoneInfo("America/New_York")
WEDNESDAY_MORNING = datetime(2026, 12, 2, 10, 0, tzinfo=NEW_YORK)
SATURDAY_NIGHT = datetime(2026, 12, 5, 23, 30, tzinfo=NEW_YORK)
REQUESTED_URL = "/intake/crisis/call-requested/"


@pytest.fixture(autouse=True)
def clinic_hours(settings):
    settings.TIME_ZONE = "America/New_York"
    settings.BUSINESS_HOURS = {"start_hour": 9, "end_hour": 17, "weekdays": [0, 1, 2, 3, 4]}
    settings.CLINIC_HOLIDAYS = []
    settings.CASE_DUE = {**settings.CASE_DUE, "emergency": {"minutes": 15}}


def crisis_page(client) -> str:
    assert answer_safety_pages(client, HIGH_RISK) == CRISIS_URL
    return client.get(CRISIS_URL).content.decode()


def first_crisis_button(page: str) -> str:
    buttons = page[page.index('class="crisis-buttons"') :]
    return buttons[buttons.index('href="') + 6 : buttons.index('"', buttons.index('href="') + 6)]


def test_inside_clinic_hours_the_crisis_page_says_when_a_counselor_aims_to_call(client):
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        page = crisis_page(client)
    assert 'data-promise="open"' in page
    assert "A counselor aims to call you within 15 minutes" in page
    assert "clinic is closed" not in page


def test_outside_clinic_hours_the_crisis_page_says_nobody_may_call_until_it_opens_and_puts_988_first(client):
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        page = crisis_page(client)
    assert 'data-promise="closed"' in page
    assert "The clinic is closed now." in page
    assert "Nobody may be able to call you until we open on Monday, December 7 at 9:00 AM" in page
    assert "aims to call you within" not in page
    assert first_crisis_button(page) == "tel:988"
    closed = page[page.index('data-promise="closed"') :]
    assert closed.index("call or text 988 now") < closed.index("call 911")


def test_the_call_back_confirmation_inside_hours_gives_the_time_a_counselor_aims_to_call(client):
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        answer_safety_pages(client, HIGH_RISK)
        client.post(CRISIS_URL, CALL_ME)
        page = client.get(REQUESTED_URL).content.decode()
    assert "A counselor aims to call you by 10:15 AM" in page
    assert first_crisis_button(page) == "tel:988"


def test_the_call_back_confirmation_outside_hours_promises_no_call_before_opening(client):
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        answer_safety_pages(client, HIGH_RISK)
        client.post(CRISIS_URL, CALL_ME)
        page = client.get(REQUESTED_URL).content.decode()
    assert "Nobody may be able to call you until we open on Monday, December 7 at 9:00 AM" in page
    assert "aims to call you by" not in page
    assert first_crisis_button(page) == "tel:988"
