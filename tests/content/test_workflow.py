"""The medical review workflow: nothing an editor changes goes live, and nothing says "medically reviewed", until
a medical reviewer approves it; approving stamps who and when; a later change to the text clears the stamp."""

import datetime

import pytest
from django.utils import timezone

from content.models import TreatmentPage
from tests.content.factories import TreatmentPageFactory
from tests.content.workflow import act, submit

pytestmark = pytest.mark.django_db

REVIEWED = "Medically reviewed by"


def live(page) -> TreatmentPage:
    return TreatmentPage.objects.get(pk=page.pk)


def public_html(client, page) -> str:
    response = client.get(f"/pages/{live(page).slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_editors_change_to_a_live_page_stays_a_draft_until_approved(client, content_editor, medical_reviewer):
    page = TreatmentPageFactory(body="<p>Old wording.</p>")

    submit(page, content_editor, body="<p>New wording.</p>")

    assert live(page).body == "<p>Old wording.</p>"
    assert live(page).has_unpublished_changes
    html = public_html(client, page)
    assert "Old wording." in html and "New wording." not in html


def test_approval_publishes_and_stamps_the_reviewer_credentials_and_date(client, content_editor, medical_reviewer):
    page = TreatmentPageFactory(body="<p>Old wording.</p>", review_interval_days=180)
    submit(page, content_editor, body="<p>New wording.</p>")

    act(page, medical_reviewer, "approve")

    today = timezone.localdate()
    page = live(page)
    assert page.body == "<p>New wording.</p>"
    assert page.reviewed_by == medical_reviewer
    assert (page.last_reviewed, page.next_review_due) == (today, today + datetime.timedelta(days=180))
    html = public_html(client, page)
    assert "New wording." in html
    assert f"{REVIEWED} <strong>Dr. Ada Lovelace</strong>, MD, addiction medicine on" in html
    assert f">{today:%B} {today.day}, {today.year}</time>" in html


def test_a_later_change_to_the_body_clears_the_review(client, content_editor, medical_reviewer, django_user_model):
    page = TreatmentPageFactory(body="<p>Reviewed.</p>")
    submit(page, content_editor, body="<p>Reviewed.</p>")
    act(page, medical_reviewer, "approve")
    assert live(page).medical_review is not None

    draft = submit(page, content_editor, body="<p>Changed after review.</p>")
    assert draft.medical_review is None and draft.last_reviewed is None
    assert live(page).medical_review is not None  # the live, reviewed text keeps its stamp meanwhile

    # An administrator publishing the change without the review leaves it unreviewed.
    admin = django_user_model.objects.create_superuser("admin", password="a long enough password 1")
    draft.get_latest_revision().publish(user=admin)
    assert live(page).medical_review is None
    html = public_html(client, page)
    assert REVIEWED not in html and "Not yet medically reviewed." in html


def test_a_change_outside_the_reviewed_text_keeps_the_review(content_editor, medical_reviewer):
    page = TreatmentPageFactory()
    submit(page, content_editor, title="Better title")
    act(page, medical_reviewer, "approve")

    draft = submit(page, content_editor, review_interval_days=90)

    assert draft.medical_review is not None


def test_no_page_says_medically_reviewed_without_an_approval(client, content_editor):
    page = TreatmentPageFactory()
    # Even stamp fields written straight into the database don't count unless they cover this exact text.
    TreatmentPage.objects.filter(pk=page.pk).update(
        reviewer_name="Dr. Fake", last_reviewed=timezone.localdate(), reviewed_fingerprint="0" * 64
    )

    html = public_html(client, page)

    assert REVIEWED not in html and "Dr. Fake" not in html
    assert "Not yet medically reviewed." in html


def test_only_medical_reviewers_can_approve(content_editor, counsellor, medical_reviewer):
    page = TreatmentPageFactory()
    submit(page, content_editor, body="<p>Mine.</p>")

    for user in (content_editor, counsellor):
        with pytest.raises(PermissionError):
            act(page, user, "approve")
    assert live(page).body != "<p>Mine.</p>"


def test_a_rejected_change_stays_off_the_site(content_editor, medical_reviewer):
    page = TreatmentPageFactory(body="<p>Safe.</p>")
    submit(page, content_editor, body="<p>Unsafe advice.</p>")

    act(page, medical_reviewer, "reject")

    assert live(page).body == "<p>Safe.</p>"
    assert live(page).medical_review is None


def test_an_approval_by_someone_outside_the_reviewers_group_is_not_a_medical_review(content_editor, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="a long enough password 1")
    page = TreatmentPageFactory()
    submit(page, content_editor, body="<p>Published by an administrator.</p>")

    act(page, admin, "approve")

    assert live(page).body == "<p>Published by an administrator.</p>"
    assert live(page).medical_review is None


def test_overdue_pages_stay_up_and_say_when_the_review_was_due(client, content_editor, medical_reviewer):
    page = TreatmentPageFactory(review_interval_days=30)
    submit(page, content_editor, body="<p>Text.</p>")
    act(page, medical_reviewer, "approve")
    due = timezone.localdate() - datetime.timedelta(days=3)
    TreatmentPage.objects.filter(pk=page.pk).update(next_review_due=due)

    html = public_html(client, page)

    assert REVIEWED in html
    assert f'Its next review was due on <time datetime="{due:%Y-%m-%d}">' in html
