"""Who may get a message, by which channel, and when (quiet hours)."""

from datetime import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from messaging.models import Message
from messaging.policy import person_route, quiet_until
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "channel", "reason"),
    [
        ({"preferred_method": "email", "email": "sam@example.net"}, Message.Channel.EMAIL, ""),
        ({"preferred_method": "email", "email": ""}, None, "no email address"),
        ({"preferred_method": "text", "text_safe": True}, Message.Channel.SMS, ""),
        ({"preferred_method": "text", "text_safe": False}, None, "texts not marked safe"),
        ({"preferred_method": "phone", "text_safe": True}, Message.Channel.SMS, ""),
        ({"preferred_method": "phone", "text_safe": False}, None, "prefers a phone call and texts are not marked safe"),
        ({"preferred_method": "text", "text_safe": True, "phone": ""}, None, "no phone number"),
        ({"preferred_method": "email", "email": "sam@example.net", "consent_contact": False}, None,
         "no consent to contact"),
        ({"preferred_method": "text", "text_safe": True, "consent_contact": False}, None, "no consent to contact"),
    ],
)
def test_person_route_uses_the_preferred_channel_only_with_consent_and_when_safe(fields, channel, reason):
    route = person_route(CaseFactory(**fields))
    assert route.channel == channel
    assert route.reason == reason
    assert bool(route) is (channel is not None)


def test_an_email_preference_never_falls_back_to_a_text():
    route = person_route(CaseFactory(preferred_method="email", email="", text_safe=True))
    assert not route


def test_a_text_preference_never_falls_back_to_email():
    route = person_route(CaseFactory(preferred_method="text", text_safe=False, email="sam@example.net"))
    assert not route


def test_an_anonymised_case_gets_nothing():
    case = CaseFactory(preferred_method="text", text_safe=True, anonymised_at=timezone.now())
    assert person_route(case).reason == "the case has been anonymised"


def local(hour, minute=0, day=10):
    return timezone.make_aware(datetime(2026, 11, day, hour, minute))


@pytest.mark.parametrize(
    ("now", "until"),
    [
        (local(21, 0), local(8, 0, day=11)),
        (local(23, 30), local(8, 0, day=11)),
        (local(0, 15), local(8, 0)),
        (local(7, 59), local(8, 0)),
        (local(8, 0), None),
        (local(12, 0), None),
        (local(20, 59), None),
    ],
)
def test_quiet_hours_across_midnight(settings, now, until):
    settings.MESSAGING_QUIET_HOURS = "21:00-08:00"
    assert quiet_until(now) == until


def test_quiet_hours_are_clinic_local_time(settings):
    settings.MESSAGING_QUIET_HOURS = "21:00-08:00"
    settings.TIME_ZONE = "America/New_York"
    # 02:00 UTC is 21:00 the evening before in New York (EST).
    utc = timezone.make_aware(datetime(2026, 11, 11, 2, 0), timezone.get_fixed_timezone(0))
    until = quiet_until(utc)
    assert timezone.localtime(until).hour == 8
    assert timezone.localtime(until).date().isoformat() == "2026-11-11"


@pytest.mark.parametrize(
    ("now", "until"), [(local(0, 0), local(7, 0)), (local(6, 59), local(7, 0)), (local(7, 0), None), (local(23), None)]
)
def test_quiet_hours_within_one_day(settings, now, until):
    settings.MESSAGING_QUIET_HOURS = "00:00-07:00"
    assert quiet_until(now) == until


@pytest.mark.parametrize("value", ["", "  ", "08:00-08:00"])
def test_no_quiet_hours(settings, value):
    settings.MESSAGING_QUIET_HOURS = value
    assert quiet_until(local(23, 0)) is None


def test_a_malformed_setting_is_an_error_not_a_silent_no_quiet_hours(settings):
    settings.MESSAGING_QUIET_HOURS = "9pm to 8am"
    with pytest.raises(ImproperlyConfigured):
        quiet_until(local(23, 0))
