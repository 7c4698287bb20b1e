"""The case page and its actions over HTTP: what it shows, PRG, errors re-shown, timeline and audit."""

import re

import pytest

from referrals import actions
from referrals.models import AuditEvent, Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def url(case, action=""):
    return f"/staff/cases/{case.reference}/{action + '/' if action else ''}"


def test_shows_contact_intake_summary_own_words_consent_and_timeline(counsellor_client, counsellor, intake_case):
    actions.add_note(intake_case.reference, counsellor, "Left word with the front desk")
    response = counsellor_client.get(url(intake_case))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert intake_case.phone in html and "Sam" in html
    assert "No – do not leave a message" in html  # voicemail not safe
    assert 'data-consent-share="yes"' in html
    assert "I want to stop before my daughter&#x27;s birthday." in html
    assert "Buprenorphine" in html and "Buprenorphine lowers cravings." in html
    assert "Naltrexone" in html and "Needs a week or more without opioids." in html  # not now, with reason
    assert "substantial" in html and "severe" in html and "positive screen" in html  # score bands
    assert "Fentanyl use" in html
    assert "Medicaid" in html
    assert 'data-kind="note"' in html and "Left word with the front desk" in html


def test_call_back_case_without_intake(counsellor_client):
    case = CaseFactory(source="callback")
    html = counsellor_client.get(url(case)).content.decode()
    assert "No questionnaire" in html


def test_case_page_is_addressed_by_reference_only(counsellor_client):
    case = CaseFactory()
    assert counsellor_client.get(f"/staff/cases/{case.pk}/").status_code == 404
    assert counsellor_client.get(url(case)).status_code == 200


def test_each_view_is_audited_without_health_data(counsellor_client, counsellor, intake_case):
    counsellor_client.get(url(intake_case))
    counsellor_client.get(url(intake_case))
    events = AuditEvent.objects.filter(action="case_viewed", case_reference=intake_case.reference)
    assert events.count() == 2
    event = events.first()
    assert event.actor == counsellor and event.actor_username == counsellor.username
    assert event.detail == "with answers"  # the questionnaire's answers were on the page; never the answers themselves


def test_new_to_referred_in_the_browser(counsellor_client, counsellor, intake_case, bupe_site):
    """The "done when" path: claim, call (no answer), call (reached), refer. Every step on the timeline and audited."""
    response = counsellor_client.post(url(intake_case, "claim"), {"claim-version": 1})
    assert response.status_code == 302 and response.url == url(intake_case)
    counsellor_client.post(url(intake_case, "contact"), {"contact-outcome": "no_answer"})
    counsellor_client.post(url(intake_case, "contact"), {"contact-outcome": "reached", "contact-note": "Wants bupe"})
    counsellor_client.post(url(intake_case, "note"), {"note-text": "Prefers mornings"})
    refer_page = counsellor_client.get(url(intake_case, "refer"))
    assert str(bupe_site.pk) in refer_page.content.decode()
    case = Case.objects.get(pk=intake_case.pk)
    response = counsellor_client.post(
        url(intake_case, "refer"),
        {"action": "refer", "version": case.version, "service_at_location": bupe_site.pk, "share_intake": "on"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "referred" and case.assigned_to == counsellor
    assert case.referrals.get().intake_shared is True
    html = counsellor_client.get(url(case)).content.decode()
    for text in (
        "Claimed by",
        "Contact attempt 1: called, no answer",
        "Contact: spoke to the person",
        "Status: New → Contacting",
        "Status: Contacting → Reached",
        "Status: Reached → Referred",
        "Referred to",
        "Check-ins scheduled",
        "Prefers mornings",
    ):
        assert text in html, text
    actions = set(AuditEvent.objects.filter(case_reference=case.reference).values_list("action", flat=True))
    assert actions >= {"claimed", "contact_attempt", "note_added", "referral_options_viewed", "referred", "case_viewed"}


def test_refused_action_re_renders_with_the_reason(counsellor_client, intake_case):
    response = counsellor_client.post(url(intake_case, "contact"), {"contact-outcome": "voicemail"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html and "There is a problem" in html
    assert "Voicemail isn&#x27;t safe for this person" in html


def test_invalid_input_re_renders_with_field_errors(counsellor_client, intake_case):
    response = counsellor_client.post(url(intake_case, "note"), {"note-text": "  "})
    assert response.status_code == 400
    assert 'href="#id_note-text"' in response.content.decode()


def test_stale_version_gives_409_and_saves_nothing(counsellor_client, counsellor, intake_case):
    counsellor_client.post(url(intake_case, "note"), {"note-text": "First"})  # version 1 -> 2
    response = counsellor_client.post(url(intake_case, "status"), {"status-version": 1, "status-target": "duplicate"})
    assert response.status_code == 409
    assert "Someone else changed this case" in response.content.decode()
    intake_case.refresh_from_db()
    assert intake_case.status == "new"


def test_invalid_transition_message(counsellor_client, intake_case):
    response = counsellor_client.post(
        url(intake_case, "status"), {"status-version": 1, "status-target": "in_treatment"}
    )
    assert response.status_code == 400
    assert "can’t move to “In treatment”" in response.content.decode()


def test_refer_without_share_consent_is_refused_over_http(counsellor_client, bupe_site):
    case = CaseFactory(status="reached", consent_share=False)
    page = counsellor_client.get(url(case, "refer")).content.decode()
    assert "data-no-share-consent" in page and 'name="share_intake"' not in page
    response = counsellor_client.post(
        url(case, "refer"),
        {"action": "refer", "version": case.version, "service_at_location": bupe_site.pk, "share_intake": "on"},
    )
    assert response.status_code == 400
    assert "didn&#x27;t consent to share" in response.content.decode()
    assert not case.referrals.exists()


def test_refine_matches_is_a_post_and_keeps_criteria_out_of_the_url(counsellor_client, intake_case, bupe_site):
    response = counsellor_client.post(
        url(intake_case, "refer"),
        {"action": "refine", "care_options": ["mat_methadone"], "postcode": "10001", "insurance": "medicaid"},
    )
    assert response.status_code == 200
    assert str(bupe_site.pk) not in response.content.decode()  # it offers no methadone


def test_schedule_and_complete_follow_up_over_http(counsellor_client, intake_case):
    response = counsellor_client.post(
        url(intake_case, "follow-ups"),
        {
            "follow_up-due_date": "2099-01-05",
            "follow_up-due_time": "10:30",
            "follow_up-reason": "Check the intake visit",
        },
    )
    assert response.status_code == 302
    follow_up = intake_case.follow_ups.get()
    response = counsellor_client.post(url(intake_case, "follow-ups/done"), {"done-follow_up": follow_up.pk})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done"


def test_follow_up_in_the_past_is_refused(counsellor_client, intake_case):
    response = counsellor_client.post(
        url(intake_case, "follow-ups"),
        {"follow_up-due_date": "2001-01-05", "follow_up-due_time": "10:30", "follow_up-reason": "Too late"},
    )
    assert response.status_code == 400
    assert "Choose a time in the future" in response.content.decode()


def test_supervisor_assigns_to_a_counsellor(supervisor_client, counsellor, intake_case):
    page = supervisor_client.get(url(intake_case)).content.decode()
    assert re.search(r'<select name="assign-assignee"', page)
    response = supervisor_client.post(
        url(intake_case, "assign"), {"assign-version": 1, "assign-assignee": counsellor.pk}
    )
    assert response.status_code == 302
    intake_case.refresh_from_db()
    assert intake_case.assigned_to == counsellor


def test_counsellor_cannot_post_assign(counsellor_client, supervisor, intake_case):
    response = counsellor_client.post(
        url(intake_case, "assign"), {"assign-version": 1, "assign-assignee": supervisor.pk}
    )
    assert response.status_code == 403
    intake_case.refresh_from_db()
    assert intake_case.assigned_to is None


def test_case_page_queries_do_not_grow_with_the_timeline(counsellor_client, counsellor, intake_case, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert counsellor_client.get(url(intake_case)).status_code == 200
        return len(captured)

    actions.add_note(intake_case.reference, counsellor, "one")
    queries()  # warm the session
    few = queries()
    for i in range(15):
        actions.add_note(intake_case.reference, counsellor, f"note {i}")
        actions.log_contact(intake_case.reference, counsellor, "no_answer")
    assert queries() == few
