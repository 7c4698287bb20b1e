"""The editor's workflow in the admin: change a page, preview it, publish it, see it live, restore a revision."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from content.models import CareOptionText, ClinicSettings, Page, PageRevision
from content.revisions import record_revision
from tests.content.admin_data import page_form_data
from tests.content.factories import CareOptionTextFactory, PageFactory, PageGroupFactory, SourceFactory

pytestmark = pytest.mark.django_db


def change_url(page):
    return f"/admin/content/page/{page.pk}/change/"


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_editor_adds_a_draft_previews_it_publishes_it_and_sees_it_live(editor_client):
    public = Client()
    group = PageGroupFactory()
    draft = Page(
        title="Methadone",
        slug="methadone",
        summary="A daily medicine.",
        body="## What it is\n\nA medicine [1].",
        status="draft",
        group=group,
        reviewer_name="Dr Ada",
        review_interval_days=365,
    )
    sources = [
        {"title": "TIP 63", "publisher": "SAMHSA", "url": "https://www.samhsa.gov/tip63", "accessed": "2026-11-01",
         "order": 1},
        {"title": "Guideline", "publisher": "ASAM", "url": "https://www.asam.org/g", "accessed": "2026-11-02",
         "order": 2},
    ]  # fmt: skip
    response = editor_client.post("/admin/content/page/add/", page_form_data(draft, sources=sources), follow=True)
    assert response.redirect_chain == [("/admin/content/page/", 302)], response.context["adminform"].form.errors
    page = Page.objects.get(slug="methadone")
    assert [s.title for s in page.sources.all()] == ["TIP 63", "Guideline"]
    assert page.revisions.get().snapshot["sources"][1]["publisher"] == "ASAM"

    assert public.get("/pages/methadone/").status_code == 404  # a draft is not public

    preview = editor_client.get(f"/admin/content/page/{page.pk}/preview/")
    assert preview.status_code == 200
    assert "This page is a draft" in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"

    response = editor_client.post(change_url(page), page_form_data(page, status="published"))
    assert response.status_code == 302

    live = public.get("/pages/methadone/")
    assert live.status_code == 200
    # The preview showed exactly what is now live.
    assert main_of(live.content.decode()) == main_of(preview.content.decode())
    assert list(page.revisions.values_list("number", "note")) == [(2, "Changed"), (1, "Created")]


def test_preview_of_a_published_page_matches_the_public_page(editor_client):
    page = PageFactory(body="Text with a [link](https://findtreatment.gov/) [1].")
    SourceFactory(page=page)
    preview = editor_client.get(f"/admin/content/page/{page.pk}/preview/").content.decode()
    assert main_of(preview) == main_of(Client().get(page.get_absolute_url()).content.decode())
    assert "this is how it looks on the site now" in preview


def test_every_admin_save_keeps_a_revision_with_who_and_what(editor_client, content_editor):
    page = PageFactory(body="First wording.")
    record_revision(page, note="Initial content")
    SourceFactory(page=page, title="Old source")

    editor_client.post(change_url(page), page_form_data(page, body="Second wording."))
    editor_client.post(change_url(page), page_form_data(page, body="Third wording."))

    revisions = list(page.revisions.all())
    assert [(r.number, r.snapshot["body"]) for r in revisions] == [
        (3, "Third wording."),
        (2, "Second wording."),
        (1, "First wording."),
    ]
    assert revisions[0].created_by == content_editor
    assert revisions[0].snapshot["sources"][0]["title"] == "Old source"


def test_editor_sees_the_revisions_and_restores_one_which_becomes_a_new_revision(editor_client):
    page = PageFactory(body="The reviewed wording.", title="Buprenorphine")
    SourceFactory(page=page, title="Reviewed source")
    record_revision(page, note="Initial content")
    response = editor_client.post(
        change_url(page),
        page_form_data(
            page,
            body="A mistaken edit.",
            title="Bupe",
            sources=[
                {"title": "Wrong", "publisher": "X", "url": "https://x.org/", "accessed": "2026-01-01", "order": 1}
            ],
        ),
    )
    assert response.status_code == 302
    assert "A mistaken edit." in Client().get(page.get_absolute_url()).content.decode()

    listing = editor_client.get(f"/admin/content/page/{page.pk}/revisions/").content.decode()
    assert "Revision 1" in listing and "Revision 2" in listing
    shown = editor_client.get(f"/admin/content/page/{page.pk}/revisions/1/").content.decode()
    assert "The reviewed wording." in shown and "Restore revision 1" in shown

    response = editor_client.post(f"/admin/content/page/{page.pk}/revisions/1/")
    assert response.status_code == 302 and response["Location"] == change_url(page)

    page.refresh_from_db()
    assert (page.title, page.body) == ("Buprenorphine", "The reviewed wording.")
    assert [s.title for s in page.sources.all()] == ["Reviewed source"]
    latest = page.revisions.first()
    assert (latest.number, latest.note) == (3, "Restored revision 1")
    live = Client().get(page.get_absolute_url()).content.decode()
    assert "The reviewed wording." in live and "A mistaken edit." not in live
    assert LogEntry.objects.filter(object_id=str(page.pk), change_message="Restored revision 1").exists()


def test_a_user_who_can_only_view_pages_cannot_restore(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
    page = PageFactory(body="Kept.")
    revision = record_revision(page)
    client.force_login(viewer)

    assert client.get(f"/admin/content/page/{page.pk}/revisions/{revision.number}/").status_code == 200
    assert client.post(f"/admin/content/page/{page.pk}/revisions/{revision.number}/").status_code == 403
    assert PageRevision.objects.filter(page=page).count() == 1


def test_page_list_highlights_pages_due_for_review_and_filters_them(editor_client):
    today = datetime.date.today()
    PageFactory(title="Overdue page", last_reviewed=today - datetime.timedelta(days=400), review_interval_days=365)
    PageFactory(title="Soon page", last_reviewed=today - datetime.timedelta(days=355), review_interval_days=365)
    PageFactory(title="Fresh page", last_reviewed=today, review_interval_days=365)
    PageFactory(title="Unreviewed page", last_reviewed=None)

    html = editor_client.get("/admin/content/page/").content.decode()
    assert 'review-status--overdue">Overdue since' in html
    assert 'review-status--never">Never reviewed' in html
    assert 'review-status--soon">Due' in html
    assert 'review-status--ok">Up to date' in html
    assert "Preview</a>" in html

    due = editor_client.get("/admin/content/page/?review=due").content.decode()
    assert "Overdue page" in due and "Unreviewed page" in due
    assert "Fresh page" not in due and "Soon page" not in due
    assert "Soon page" in editor_client.get("/admin/content/page/?review=soon").content.decode()


def test_page_list_search_finds_words_in_the_body(editor_client):
    PageFactory(title="Methadone", body="Daily clinic visits.")
    PageFactory(title="Naltrexone", body="A monthly shot.")
    html = editor_client.get("/admin/content/page/?q=monthly").content.decode()
    assert "Naltrexone" in html and "Methadone" not in html


def test_publish_and_mark_reviewed_actions_record_revisions(editor_client):
    page = PageFactory(status="draft", last_reviewed=None)
    editor_client.post("/admin/content/page/", {"action": "publish", "_selected_action": [page.pk]})
    editor_client.post("/admin/content/page/", {"action": "mark_reviewed_today", "_selected_action": [page.pk]})
    page.refresh_from_db()
    assert page.status == "published"
    assert page.last_reviewed == datetime.date.today()
    assert page.review_due == datetime.date.today() + datetime.timedelta(days=page.review_interval_days)
    assert list(page.revisions.values_list("note", flat=True)) == ["Marked as reviewed", "Published"]


def test_an_editor_cannot_delete_a_page(editor_client):
    page = PageFactory()
    assert editor_client.post(f"/admin/content/page/{page.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()


def test_an_editor_changes_a_care_option_text_but_not_its_id(editor_client):
    text = CareOptionTextFactory(care_option_id="mat_methadone")
    form = {
        "care_option_id": "something_else",
        "title": "Methadone",
        "what_it_is": "Edited wording.",
        "what_it_involves": "Daily visits.",
        "how_long": "No set end.",
        "what_to_expect_first": "A first visit.",
        "next_steps": "",
        "learn_more": "",
        "questions-TOTAL_FORMS": 1,
        "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
        "questions-0-order": 1,
        "questions-0-question": "Do I go daily?",
        "questions-0-answer": "At first, most days.",
    }
    response = editor_client.post(f"/admin/content/careoptiontext/{text.pk}/change/", form)
    assert response.status_code == 302
    text = CareOptionText.objects.get(pk=text.pk)
    assert (text.care_option_id, text.what_it_is) == ("mat_methadone", "Edited wording.")
    assert [q.question for q in text.questions.all()] == ["Do I go daily?"]
    assert editor_client.get("/admin/content/careoptiontext/add/").status_code == 403


def test_clinic_settings_are_one_row_edited_in_place(editor_client):
    assert editor_client.get("/admin/content/clinicsettings/").status_code == 200  # nothing yet, nothing to add

    ClinicSettings(clinic_name="Riverside Health Partners").save()
    response = editor_client.get("/admin/content/clinicsettings/")
    assert response.status_code == 302 and response["Location"] == "/admin/content/clinicsettings/1/change/"
    assert editor_client.get("/admin/content/clinicsettings/add/").status_code == 403

    editor_client.post(
        "/admin/content/clinicsettings/1/change/",
        {"clinic_name": "Northside Clinic", "phone": "(555) 010-0100", "opening_hours": "Weekdays 9 to 5", "email": ""},
    )
    home = Client().get("/").content.decode()
    assert "Northside Clinic" in home and 'href="tel:+15550100100"' in home
    assert ClinicSettings.objects.count() == 1
