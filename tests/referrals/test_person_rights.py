"""The person's rights: a supervisor exports everything held about the person of a case (JSON, with the audit
trail) or erases it (anonymised, counts kept), both audit-logged; the consent to share with a provider is a record
with an end, and a revoked or expired one blocks sharing in a referral."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from intake.models import Intake
from messaging.models import Message
from referrals import actions, consent
from referrals.actions import ActionRefused
from referrals.cases import ContactDetails, open_case
from referrals.models import AuditEvent, Case, Status
from tests.factories import MessageFactory
from tests.referrals.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_case(intake_case, counsellor):
    intake_case.first_name, intake_case.phone, intake_case.email = "Robin", "(212) 555-0147", "robin@example.org"
    intake_case.save()
    actions.add_note(intake_case.reference, counsellor, "Robin asked us to call after 5.")
    return intake_case


def test_a_supervisor_exports_everything_held_with_the_audit_trail(person_case, supervisor):
    response = logged_in(supervisor).get(f"/staff/cases/{person_case.reference}/person.json")

    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["case"]["first_name"] == "Robin" and data["case"]["email"] == "robin@example.org"
    assert data["case"]["own_words"] == "I want to stop before my daughter's birthday."
    assert data["intake"]["answers"]["postcode"] == "10001"
    assert "Robin asked us to call after 5." in [event["body"] for event in data["timeline"]]
    actions_logged = [entry["action"] for entry in data["audit_trail"]]
    assert "note_added" in actions_logged and "person_exported" in actions_logged
    assert AuditEvent.objects.filter(action="person_exported", actor=supervisor,
                                     case_reference=person_case.reference).exists()


def test_counselors_can_neither_export_nor_erase(person_case, counsellor_client):
    assert counsellor_client.get(f"/staff/cases/{person_case.reference}/person.json").status_code == 403
    assert counsellor_client.post(f"/staff/cases/{person_case.reference}/erase/",
                                  {"confirm": person_case.reference}).status_code == 403
    assert Case.objects.get(pk=person_case.pk).first_name == "Robin"


def test_erasing_anonymises_the_case_intake_answers_and_notes_and_keeps_the_counts(person_case, supervisor):
    message = MessageFactory(case=person_case)
    client = logged_in(supervisor)
    url = f"/staff/cases/{person_case.reference}/erase/"

    assert client.post(url, {"confirm": "WRONG"}).status_code == 400
    assert Case.objects.get(pk=person_case.pk).anonymised_at is None

    response = client.post(url, {"confirm": person_case.reference.lower()})

    assert response.status_code == 302
    case = Case.objects.get(pk=person_case.pk)
    assert case.anonymised_at is not None
    assert (case.first_name, case.phone, case.phone_e164, case.email, case.own_words) == ("", "", "", "", "")
    assert not case.events.exclude(body="").exists()
    intake = Intake.objects.get(pk=person_case.intake_id)
    assert intake.anonymised_at is not None and "postcode" not in json.dumps(intake.answers)
    message.refresh_from_db()
    assert message.status == Message.Status.CANCELLED
    assert Case.objects.count() == 1
    assert AuditEvent.objects.filter(action="person_erased", actor=supervisor, case_reference=case.reference).exists()
    assert client.get(f"/staff/cases/{case.reference}/").status_code == 404


def test_a_consent_to_share_ends_after_its_term(settings):
    settings.SHARE_CONSENT_DAYS = 30
    case = open_case(source="callback", urgency="routine",
                     contact=ContactDetails(phone="(212) 555-0147", consent_contact=True, consent_share=True))
    assert case.share_consent_expires_at - case.created_at < timedelta(days=30, seconds=5)
    assert consent.why_not_shareable(case) == ""
    assert "expired" in consent.why_not_shareable(case, timezone.now() + timedelta(days=31))


@pytest.fixture
def reached_case(intake_case, counsellor):
    intake_case.share_consent_expires_at = timezone.now() + timedelta(days=300)
    intake_case.status, intake_case.assigned_to = Status.REACHED, counsellor
    intake_case.save()
    return intake_case


def test_a_revoked_consent_blocks_sharing_with_a_provider(reached_case, counsellor, counsellor_client, bupe_site):
    response = counsellor_client.post(f"/staff/cases/{reached_case.reference}/consent/revoke/")
    assert response.status_code == 302
    reached_case.refresh_from_db()
    assert reached_case.share_consent_revoked_at is not None
    assert AuditEvent.objects.filter(action="consent_revoked", case_reference=reached_case.reference).exists()
    assert "revoked" in counsellor_client.get(f"/staff/cases/{reached_case.reference}/").content.decode()

    refer_page = counsellor_client.get(f"/staff/cases/{reached_case.reference}/refer/").content.decode()
    assert "revoked their consent" in refer_page and 'name="share_intake"' not in refer_page
    with pytest.raises(ActionRefused, match="revoked their consent"):
        actions.refer(reached_case.reference, counsellor, bupe_site, share_intake=True, version=reached_case.version)
    result = actions.refer(reached_case.reference, counsellor, bupe_site, share_intake=False,
                           version=reached_case.version)
    assert not result.referral.intake_shared and not result.referral.consent_share_on_file


def test_an_expired_consent_blocks_sharing_with_a_provider(reached_case, counsellor, bupe_site):
    Case.objects.filter(pk=reached_case.pk).update(share_consent_expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ActionRefused, match="has expired"):
        actions.refer(reached_case.reference, counsellor, bupe_site, share_intake=True, version=reached_case.version)


def test_a_consent_in_force_still_shares(reached_case, counsellor, bupe_site):
    result = actions.refer(reached_case.reference, counsellor, bupe_site, share_intake=True,
                           version=reached_case.version)
    assert result.referral.intake_shared and result.referral.consent_share_on_file
