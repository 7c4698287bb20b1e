"""One sign-in for the staff area and the CMS: content roles land on the CMS dashboard, others on the queue;
the CMS sends people to the staff sign-in and signs idle staff out like the rest of the staff area."""

import time

import pytest
from django.contrib.auth.models import Group

from accounts.middleware import SESSION_KEY
from tests import two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password 1"


def sign_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/staff/login/", {"username": user.username, "password": PASSWORD})
    two_factor.pass_second_factor(client, user)
    return response


def test_a_content_editor_lands_on_the_cms_dashboard(client, content_editor):
    response = sign_in(client, content_editor)
    assert response.status_code == 302 and response["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200


def test_a_medical_reviewer_lands_on_the_cms_dashboard(client, django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer")
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    assert sign_in(client, reviewer)["Location"] == "/cms/"


def test_a_counselor_still_lands_on_the_queue(client, counsellor):
    assert sign_in(client, counsellor)["Location"] == "/staff/"


def test_the_cms_sends_people_to_the_staff_sign_in_and_back(client, content_editor):
    response = client.get("/cms/pages/")
    assert response.status_code == 302 and response["Location"] == "/staff/login/?next=/cms/pages/"
    content_editor.set_password(PASSWORD)
    content_editor.save()
    response = client.post(
        "/staff/login/?next=/cms/pages/", {"username": content_editor.username, "password": PASSWORD}
    )
    assert response["Location"] == "/cms/pages/"


def test_idle_editors_are_signed_out_of_the_cms(client, content_editor, settings):
    two_factor.sign_in(client, content_editor)
    assert client.get("/cms/").status_code == 200
    session = client.session
    session[SESSION_KEY] = int(time.time()) - int(settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds()) - 5
    session.save()

    response = client.get("/cms/")

    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
    assert "_auth_user_id" not in client.session


def test_the_cms_has_no_sign_in_page_of_its_own(client):
    response = client.get("/cms/login/?next=/cms/pages/")
    assert response.status_code == 302 and response["Location"] == "/staff/login/?next=/cms/pages/"
