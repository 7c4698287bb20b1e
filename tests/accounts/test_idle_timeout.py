"""Staff are signed out after settings.STAFF_SESSION_IDLE_TIMEOUT without a staff request."""

from datetime import timedelta

import pytest

from accounts.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


def set_last_seen(client, seconds_ago):
    import time

    session = client.session
    session[SESSION_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_idle_staff_are_signed_out(counsellor_client, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    assert counsellor_client.get("/staff/").status_code == 200
    set_last_seen(counsellor_client, 31 * 60)
    response = counsellor_client.get("/staff/")
    assert response.status_code == 302 and response.url == "/staff/login/?next=/staff/"
    assert "_auth_user_id" not in counsellor_client.session
    assert "signed out after 30 minutes" in counsellor_client.get(response.url).content.decode()


def test_activity_keeps_the_session(counsellor_client, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    set_last_seen(counsellor_client, 29 * 60)
    assert counsellor_client.get("/staff/").status_code == 200
    set_last_seen(counsellor_client, 10 * 60)  # refreshed on the previous request, then 10 quiet minutes
    assert counsellor_client.get("/staff/").status_code == 200


def test_public_pages_are_not_timed(counsellor_client, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    set_last_seen(counsellor_client, 60 * 60)
    counsellor_client.get("/")
    assert "_auth_user_id" in counsellor_client.session
