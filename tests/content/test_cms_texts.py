"""The clinic's details (a CMS setting), helplines (a snippet with revisions) and the help-now text (a snippet
behind the medical review workflow) are edited in the CMS, and the site shows what is live."""

import pytest
from django.test import Client

from content.models import ClinicSettings, Helpline, HelpNowText
from content.services import help_now_html
from tests.content.workflow import act, submit

pytestmark = pytest.mark.django_db


def test_editors_change_the_clinic_details_in_the_cms_settings(editor_client):
    ClinicSettings(clinic_name="Riverside Health Partners").save()
    form = editor_client.get("/cms/settings/content/clinicsettings/", follow=True)
    assert form.status_code == 200 and 'name="clinic_name"' in form.content.decode()

    response = editor_client.post(
        form.redirect_chain[-1][0],
        {"clinic_name": "Northside Clinic", "phone": "(555) 010-0100", "opening_hours": "Weekdays 9 to 5", "email": ""},
    )

    assert response.status_code == 302
    home = Client().get("/").content.decode()
    assert "Northside Clinic" in home and 'href="tel:+15550100100"' in home
    assert ClinicSettings.objects.count() == 1


def test_a_helpline_change_is_kept_as_a_revision(content_editor):
    helpline = Helpline.objects.create(name="Crisis Text Line", number="741741", available="24/7")
    helpline.save_revision(user=content_editor)
    helpline.available = "Every day"
    helpline.save_revision(user=content_editor)

    assert [r.as_object().available for r in helpline.revisions.order_by("created_at", "pk")] == ["24/7", "Every day"]
    assert Client().get(f"/cms/snippets/content/helpline/edit/{helpline.pk}/").status_code == 302  # staff only


def test_the_help_now_text_changes_only_when_a_medical_reviewer_approves(content_editor, medical_reviewer):
    text = HelpNowText(body="## Our steps\n\nStay with them.")
    text.save()

    submit(text, content_editor, body="## Our steps\n\nStay with them and keep them warm.")
    assert "keep them warm" not in help_now_html()
    assert "keep them warm" not in Client().get("/help-now/").content.decode()

    act(text, medical_reviewer, "approve")
    assert "keep them warm" in help_now_html()


def test_the_help_now_preview_is_sanitised():
    text = HelpNowText(body="## Steps\n\n<script>alert(1)</script> Call 911.")
    html = text.make_preview_request().render().content.decode()
    assert "Call 911." in html and "<script>alert(1)" not in html
