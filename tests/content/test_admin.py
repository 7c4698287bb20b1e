"""The Django admin's part of the content: care-option texts and clinic settings (pages: the CMS)."""

import pytest
from django.test import Client

from content.models import CareOptionText, ClinicSettings
from tests.content.factories import CareOptionTextFactory

pytestmark = pytest.mark.django_db


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
        "read_more": "",
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
