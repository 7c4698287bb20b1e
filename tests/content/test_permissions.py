"""Only content editors (and superusers) edit content; editors never reach a case, an intake or anything else
about people."""

import pytest
from django.apps import apps
from django.contrib import admin

from accounts.roles import CONTENT_EDITORS, ROLE_PERMISSIONS
from content.models import Page
from tests.content.admin_data import page_form_data
from tests.content.factories import PageFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

CONTENT_MODELS = set(apps.get_app_config("content").get_models())
OTHER_ADMIN_MODELS = sorted(
    (model for model in admin.site._registry if model not in CONTENT_MODELS), key=lambda m: m._meta.label
)


def edit_attempts(page):
    """(method, path, data) for every way of changing content through the admin."""
    return [
        ("get", "/admin/content/page/add/", None),
        ("get", f"/admin/content/page/{page.pk}/change/", None),
        ("post", f"/admin/content/page/{page.pk}/revisions/1/", {}),
        ("post", f"/admin/content/page/{page.pk}/change/", page_form_data(page, body="Defaced.")),
        ("get", f"/admin/content/page/{page.pk}/preview/", None),
        ("get", "/admin/content/careoptiontext/", None),
        ("get", "/admin/content/helpline/add/", None),
        ("get", "/admin/content/clinicsettings/", None),
    ]


def attempt(client, page):
    from content.revisions import record_revision

    record_revision(page)
    return {path: getattr(client, method)(path, data or {}).status_code for method, path, data in edit_attempts(page)}


def test_anonymous_people_are_sent_to_the_login_and_change_nothing(client):
    page = PageFactory(body="Original.")
    results = attempt(client, page)
    assert set(results.values()) == {302}
    assert Page.objects.get(pk=page.pk).body == "Original."


def test_counsellors_cannot_edit_content(client, counsellor):
    page = PageFactory(body="Original.")
    # Saved first: the shared factory sets the password without saving it, and a session whose password hash
    # doesn't match the database is signed out, which would make this an anonymous test.
    counsellor.save()
    client.force_login(counsellor)
    assert client.get("/staff/").status_code == 200  # signed in for real
    assert set(attempt(client, page).values()) == {302}  # not admin users at all

    counsellor.is_staff = True  # even if someone made them admin users
    counsellor.save()
    assert set(attempt(client, page).values()) == {403}
    assert Page.objects.get(pk=page.pk).body == "Original."


def test_editors_can_edit_content(editor_client):
    page = PageFactory(body="Original.")
    results = attempt(editor_client, page)
    assert results.pop(f"/admin/content/page/{page.pk}/change/") in (200, 302)
    assert set(results.values()) <= {200, 302}
    assert Page.objects.get(pk=page.pk).body == "Defaced."


@pytest.mark.parametrize("model", OTHER_ADMIN_MODELS, ids=lambda m: m._meta.label)
def test_editors_cannot_reach_any_other_admin_page(editor_client, model):
    meta = model._meta
    assert editor_client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 403
    assert editor_client.get(f"/admin/{meta.app_label}/{meta.model_name}/add/").status_code == 403


def test_the_editors_admin_index_lists_only_content(editor_client):
    app_list = editor_client.get("/admin/").context["app_list"]
    assert [app["app_label"] for app in app_list] == ["content"]


def test_editors_cannot_open_a_case_or_the_queue(editor_client):
    case = CaseFactory()
    assert editor_client.get("/staff/").status_code == 403
    assert editor_client.get(f"/admin/referrals/case/{case.pk}/change/").status_code in (403, 404)


def test_editors_hold_no_permission_outside_content(content_editor):
    assert content_editor.get_all_permissions()
    assert {name.split(".")[0] for name in content_editor.get_all_permissions()} == {"content"}
    assert all(name.startswith("content.") for name in ROLE_PERMISSIONS[CONTENT_EDITORS])
    assert not content_editor.has_perm("content.delete_page")


def test_superusers_can_edit_content(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="a-long-test-password"))
    page = PageFactory(body="Original.")
    results = attempt(client, page)
    assert set(results.values()) <= {200, 302}
    assert Page.objects.get(pk=page.pk).body == "Defaced."
