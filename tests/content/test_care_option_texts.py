"""Care-option texts in the CMS: drafts, preview, and the medical review workflow; the results page reads only
what a reviewer approved."""

import pytest

from content.models import CareOptionText
from content.services import care_option_texts
from tests.content.factories import CareOptionQuestionFactory, CareOptionTextFactory
from tests.content.workflow import act, submit

pytestmark = pytest.mark.django_db


def test_an_editors_change_is_a_draft_until_a_medical_reviewer_approves_it(content_editor, medical_reviewer):
    text = CareOptionTextFactory(care_option_id="mat_naltrexone", what_it_is="Reviewed wording.")

    submit(text, content_editor, what_it_is="New wording.")
    assert care_option_texts(["mat_naltrexone"])["mat_naltrexone"].what_it_is == "Reviewed wording."

    act(text, medical_reviewer, "approve")
    assert care_option_texts(["mat_naltrexone"])["mat_naltrexone"].what_it_is == "New wording."


def test_only_medical_reviewers_approve_and_editors_cannot_publish(content_editor, counsellor, medical_reviewer):
    text = CareOptionTextFactory()
    submit(text, content_editor, title="Changed")
    for user in (content_editor, counsellor):
        with pytest.raises(PermissionError):
            act(text, user, "approve")
    assert not content_editor.has_perm("content.publish_careoptiontext")
    assert CareOptionText.objects.get(pk=text.pk).title != "Changed"


def test_a_text_never_published_is_not_shown():
    CareOptionTextFactory(care_option_id="aftercare", live=False)
    assert care_option_texts(["aftercare"]) == {}


def test_editors_edit_in_the_cms_without_touching_the_engines_id(editor_client):
    text = CareOptionTextFactory()
    response = editor_client.get(f"/cms/snippets/content/careoptiontext/edit/{text.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="what_it_is"' in html and 'name="care_option_id"' not in html
    assert editor_client.get("/cms/snippets/content/careoptiontext/add/").status_code in (302, 403)


def test_the_preview_shows_the_text_and_its_questions_as_plain_text():
    text = CareOptionTextFactory(what_it_is="<script>alert(1)</script>")
    CareOptionQuestionFactory(care_option=text, question="Daily?", answer="At first.")

    html = text.make_preview_request().render().content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "Daily?" in html and "At first." in html
