"""Staff sessions end 12 hours after signing in however active (and after the idle time); the public draft's
24-hour session is separate. Every staff, admin and CMS response is kept out of caches."""

import time
from datetime import timedelta

import pytest
from django.test import Client

from accounts.middleware import SESSION_KEY, SIGNED_IN_KEY

pytestmark = pytest.mark.django_db


def signed_in_hours_ago(client, hours: float):
    session = client.session
    session[SIGNED_IN_KEY] = int(time.time() - hours * 3600)
    session[SESSION_KEY] = int(time.time())  # active a moment ago
    session.save()


def test_staff_are_signed_out_12_hours_after_signing_in_however_active(counsellor_client, settings):
    settings.STAFF_SESSION_MAX_AGE = timedelta(hours=12)
    signed_in_hours_ago(counsellor_client, 11.9)
    assert counsellor_client.get("/staff/").status_code == 200
    signed_in_hours_ago(counsellor_client, 12.01)
    response = counsellor_client.get("/staff/")
    assert response.status_code == 302 and response.url == "/staff/login/?next=/staff/"
    assert "_auth_user_id" not in counsellor_client.session
    assert "signed out 12 hours after signing in" in counsellor_client.get(response.url).content.decode()


def test_the_staff_session_itself_expires_at_a_fixed_time_not_a_rolling_one(counsellor_client, settings):
    settings.STAFF_SESSION_MAX_AGE = timedelta(hours=12)
    counsellor_client.get("/staff/")
    expiry = counsellor_client.session.get_expiry_age()
    assert 12 * 3600 - 60 < expiry <= 12 * 3600
    assert counsellor_client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] <= 12 * 3600


def test_the_public_draft_session_keeps_its_24_hours(client, settings):
    client.post("/intake/start-again/")  # starts a visit
    response = client.get("/callback/")
    assert response.status_code == 200
    assert client.session.get_expiry_age() == 24 * 3600


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("anonymous", "/staff/login/"),
        ("anonymous", "/staff/password-reset/"),
        ("anonymous", "/admin/login/"),
        ("anonymous", "/cms/"),
        ("supervisor", "/staff/"),
        ("supervisor", "/staff/supervisor/"),
        ("supervisor", "/staff/supervisor/case-metrics.csv"),
        ("supervisor", "/staff/audit/"),
        ("supervisor", "/staff/directory.hsds.json"),
        ("supervisor", "/"),  # a public page, to someone signed in
    ],
)
def test_staff_admin_and_cms_responses_are_never_stored(request, role, path):
    client = Client() if role == "anonymous" else request.getfixturevalue("supervisor_client")
    response = client.get(path)
    assert response.status_code in (200, 302), response.status_code
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/callback/", "/staff/login/", "/healthz/", "/nowhere/"])
def test_every_response_denies_device_features(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "interest-cohort=()"):
        assert feature in policy
