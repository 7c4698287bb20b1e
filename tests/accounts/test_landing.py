"""After signing in each role lands where it works, never on a 403; staff sign-in, and 403/404 pages for signed-in
staff, use the staff layout without the public quick-exit bar."""

import pytest

from tests import two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password 1"
QUICK_EXIT = 'class="quick-exit"'


def sign_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/staff/login/", {"username": user.username, "password": PASSWORD})
    two_factor.pass_second_factor(client, user)
    return response


@pytest.mark.parametrize(("role", "lands_on"), [("counsellor", "/staff/"), ("supervisor", "/staff/supervisor/"),
                                                ("content_editor", "/cms/")])
def test_each_role_lands_where_it_works(client, request, role, lands_on):
    response = sign_in(client, request.getfixturevalue(role))
    assert response.status_code == 302 and response["Location"] == lands_on
    assert client.get(lands_on).status_code == 200


def test_a_next_address_still_wins(client, supervisor):
    supervisor.set_password(PASSWORD)
    supervisor.save()
    response = client.post("/staff/login/?next=/staff/audit/", {"username": supervisor.username, "password": PASSWORD})
    assert response["Location"] == "/staff/audit/"


def test_the_staff_sign_in_has_no_quick_exit_bar(client):
    html = client.get("/staff/login/").content.decode()
    assert "Staff sign in" in html and QUICK_EXIT not in html


def test_a_403_for_signed_in_staff_uses_the_staff_layout(client, content_editor):
    two_factor.sign_in(client, content_editor)
    response = client.get("/staff/supervisor/")
    html = response.content.decode()
    assert response.status_code == 403
    assert QUICK_EXIT not in html and "Sign out" in html
    assert "Go to the content tools" in html and "Go to the queue" not in html


def test_a_404_for_signed_in_staff_uses_the_staff_layout(client, counsellor):
    two_factor.sign_in(client, counsellor)
    html = client.get("/staff/cases/NONE-NONE/").content.decode()
    assert QUICK_EXIT not in html and "Sign out" in html and "Go to the queue" in html


def test_the_public_404_keeps_the_quick_exit_bar(client):
    html = client.get("/no-such-page/").content.decode()
    assert QUICK_EXIT in html and "Ask for a call back" in html
