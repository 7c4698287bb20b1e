"""Staff pages show phone numbers formatted and dialable with one tap, and providers' hours in words."""

from datetime import time

import pytest

from directory.models import Phone, Schedule
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_number_formatted_with_a_tap_to_call_link(counsellor_client):
    case = CaseFactory(phone="212.555.0123")
    html = counsellor_client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert '<a class="phone-link" href="tel:+12125550123">(212) 555-0123</a>' in html


def test_a_number_that_cannot_be_dialled_is_shown_as_given_without_a_link(counsellor_client):
    case = CaseFactory(phone="555 0199")
    html = counsellor_client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "555 0199" in html and 'href="tel:555' not in html


def test_the_referral_page_shows_provider_phones_and_hours_in_words(counsellor_client, bupe_site):
    location = bupe_site.location
    Phone.objects.create(location=location, number="(718) 555-0178", description="Intake line")
    Schedule.objects.create(location=location, byday="MO,TU,WE,TH,FR", opens_at=time(6), closes_at=time(14, 30))
    Schedule.objects.create(location=location, byday="SA", opens_at=time(12), closes_at=time(0))
    case = CaseFactory(status="reached")
    html = counsellor_client.get(f"/staff/cases/{case.reference}/refer/").content.decode()
    assert '<a class="phone-link" href="tel:+17185550178">(718) 555-0178</a> (Intake line)' in html
    assert "Mon\u2013Fri 6 am\u20132:30 pm" in html and "Sat noon\u2013midnight" in html
    assert "MO,TU" not in html and "06:00" not in html
