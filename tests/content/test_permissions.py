"""Who may do what in the CMS, for each staff role: content editors edit, medical reviewers approve, nobody but an
administrator publishes directly, and nobody in the CMS reaches a case, an intake or anything else about people."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import CONTENT_EDITORS, MEDICAL_REVIEWERS, ROLE_PERMISSIONS
from content.models import TreatmentPage
from tests import two_factor
from tests.content.factories import TreatmentPageFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def page_perms(user, page):
    perms = page.permissions_for_user(user)
    return {
        "edit": perms.can_edit(),
        "publish": perms.can_publish(),
        "delete": perms.can_delete(),
        "add": TreatmentPage.objects.get(pk=page.pk).get_parent().permissions_for_user(user).can_add_subpage(),
    }


def test_anonymous_people_are_sent_to_the_one_staff_sign_in(client):
    response = client.get("/cms/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/?next=/cms/")


@pytest.mark.parametrize("role", ["counsellor", "supervisor"])
def test_counselors_and_supervisors_have_no_way_into_the_cms(client, request, role):
    user = request.getfixturevalue(role)
    page = TreatmentPageFactory()
    two_factor.sign_in(client, user)

    assert client.get("/cms/").status_code in (302, 403)
    assert client.get(f"/cms/pages/{page.pk}/edit/").status_code in (302, 403)
    assert not any(page_perms(user, page).values())


def test_content_editors_add_and_edit_but_never_publish_or_delete(editor_client, content_editor):
    page = TreatmentPageFactory()
    assert editor_client.get("/cms/").status_code == 200
    assert editor_client.get(f"/cms/pages/{page.pk}/edit/").status_code == 200
    assert page_perms(content_editor, page) == {"edit": True, "publish": False, "delete": False, "add": True}


def test_medical_reviewers_edit_and_approve_but_never_publish_directly(client, medical_reviewer):
    page = TreatmentPageFactory()
    two_factor.sign_in(client, medical_reviewer)
    assert client.get(f"/cms/pages/{page.pk}/edit/").status_code == 200
    assert page_perms(medical_reviewer, page) == {"edit": True, "publish": False, "delete": False, "add": False}


def test_an_editors_publish_button_press_publishes_nothing(editor_client):
    page = TreatmentPageFactory(body="<p>Original.</p>")
    form = editor_client.get(f"/cms/pages/{page.pk}/edit/")
    assert form.status_code == 200 and 'name="action-publish"' not in form.content.decode()

    data = {"title": page.title, "slug": page.slug, "summary": page.summary, "group": page.group_id,
            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Defaced.", "depth": 0, '
                    '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "review_interval_days": 365, "action-publish": "1",
            **{f"{prefix}-{key}": 0 for prefix in ("sources", "related_links")
               for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")},
            "sources-MAX_NUM_FORMS": 1000, "related_links-MAX_NUM_FORMS": 1000, "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0, "comments-MIN_NUM_FORMS": 0, "comments-MAX_NUM_FORMS": 1000}  # fmt: skip
    editor_client.post(f"/cms/pages/{page.pk}/edit/", data)

    page = TreatmentPage.objects.get(pk=page.pk)
    assert page.body == "<p>Original.</p>"
    assert "Defaced." in page.get_latest_revision_as_object().body  # kept as a draft, not lost


def test_editors_cannot_open_a_case_or_the_queue(editor_client):
    case = CaseFactory()
    assert editor_client.get("/staff/").status_code == 403
    assert editor_client.get(f"/admin/referrals/case/{case.pk}/change/").status_code in (302, 403, 404)


@pytest.mark.parametrize("role", [CONTENT_EDITORS, MEDICAL_REVIEWERS])
def test_content_roles_hold_no_permission_outside_content_and_the_cms(role):
    group = Group.objects.get(name=role)
    apps = {name.split(".")[0] for name in ROLE_PERMISSIONS[role]}
    assert apps <= {"content", "wagtailadmin"}
    assert {p.content_type.app_label for p in group.permissions.all()} <= {"content", "wagtailadmin"}
    assert {p.permission.codename for p in group.page_permissions.all()} <= {"add_page", "change_page"}
