"""Every staff URL × every role. Anonymous → sign-in page; signed in without the permission → 403; allowed → the
page (or, for an action posted without data, the form's own 400)."""

import pytest
from django.test import Client

from tests.factories import CaseFactory, UserFactory

from .conftest import logged_in

pytestmark = pytest.mark.django_db

C, S = "counsellor", "supervisor"
CASE = "/staff/cases/{ref}/"
# (method, url, roles allowed). Content editors and users without a role are never allowed.
STAFF_URLS = [
    ("get", "/staff/", {C, S}),
    ("post", "/staff/", {C, S}),  # search
    ("get", CASE, {C, S}),
    ("get", CASE + "refer/", {C, S}),
    ("post", CASE + "refer/", {C, S}),
    ("post", CASE + "claim/", {C, S}),
    ("post", CASE + "unassign/", {C, S}),
    ("post", CASE + "assign/", {S}),
    ("post", CASE + "contact/", {C, S}),
    ("post", CASE + "note/", {C, S}),
    ("post", CASE + "status/", {C, S}),
    ("post", CASE + "follow-ups/", {C, S}),
    ("post", CASE + "follow-ups/done/", {C, S}),
    ("get", "/staff/directory.hsds.json", {C, S}),
    ("get", "/staff/supervisor/", {S}),
    ("get", "/staff/supervisor/case-metrics.csv", {S}),
    ("get", "/staff/audit/", {S}),
]
ROLES = ["anonymous", "counsellor", "supervisor", "content_editor", "no_role"]


@pytest.fixture
def client_for(request):
    def make(role):
        if role == "anonymous":
            return Client()
        if role == "no_role":
            return logged_in(UserFactory(is_staff=True))
        return logged_in(request.getfixturevalue(role))

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "allowed"), STAFF_URLS, ids=[f"{m} {p}" for m, p, _ in STAFF_URLS])
def test_role_matrix(client_for, role, method, path, allowed):
    case = CaseFactory()
    url = path.format(ref=case.reference)
    response = getattr(client_for(role), method)(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith("/staff/login/?next=")
    elif role in allowed:
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code == 302:
            assert not response.url.startswith("/staff/login/")
    else:
        assert response.status_code == 403


def test_login_page_is_public():
    assert Client().get("/staff/login/").status_code == 200


def test_staff_navigation_follows_permissions(counsellor_client, supervisor_client):
    counsellor_nav = counsellor_client.get("/staff/").content.decode()
    assert 'href="/staff/supervisor/"' not in counsellor_nav and 'href="/staff/audit/"' not in counsellor_nav
    supervisor_nav = supervisor_client.get("/staff/").content.decode()
    assert 'href="/staff/supervisor/"' in supervisor_nav and 'href="/staff/audit/"' in supervisor_nav
