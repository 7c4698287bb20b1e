"""The person's rights over what we hold about them (HIPAA right of access; erasure on request): a supervisor
exports everything held about the person of one case, as JSON with the audit trail, or erases it. Erasing
anonymises the case, its intake and answers, timeline notes and follow-up reasons, and cancels queued messages
(``referrals.retention.anonymise``, the same as the retention job); the rows stay, so counts and metrics don't
change. Both are audit-logged; the audit log itself holds ids and status names only, and is kept."""

from django.forms.models import model_to_dict
from django.utils import timezone

from referrals import audit, retention
from referrals.models import AuditEvent, Case

EXPORT_FORMAT = "clinic-intake person export v1"


def export(case: Case, actor) -> dict:
    """Everything held about the person of ``case``. Records the export in the audit log first, so the export
    contains its own entry."""
    audit.record(actor, audit.Action.PERSON_EXPORTED, case.reference)
    intake = case.intake
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "case": model_to_dict(case, exclude=["intake", "assigned_to"]) | {
            "reference": case.reference, "created_at": case.created_at,
            "assigned_to": case.assigned_to.get_username() if case.assigned_to else None,
        },
        "intake": None if intake is None else {
            "submitted_at": intake.submitted_at, "answers": intake.answers, "result": intake.result,
            "questionnaire_version": intake.questionnaire_version, "rules_version": intake.rules_version,
            "consent_text_version": intake.consent_text_version, "consent_share_text": intake.consent_share_text,
        },
        "timeline": [
            {"at": event.created_at, "kind": event.kind, "summary": event.summary, "body": event.body,
             "by": event.actor.get_username() if event.actor else None}
            for event in case.events.select_related("actor").order_by("created_at", "pk")
        ],
        "follow_ups": list(case.follow_ups.order_by("due_at").values("due_at", "reason", "status", "completed_at")),
        "referrals": list(case.referrals.order_by("referred_at").values(
            "referred_at", "provider_name", "service_name", "consent_share_on_file", "intake_shared")),
        "messages": list(case.messages.order_by("created_at").values(
            "created_at", "kind", "channel", "status", "sent_at")),
        "audit_trail": list(AuditEvent.objects.filter(case_reference=case.reference).order_by("at", "pk").values(
            "at", "actor_username", "action", "detail")),
    }


def erase(case: Case, actor) -> None:
    """Anonymise everything held about the person of ``case`` now, whatever its status."""
    retention.anonymise([case.pk], timezone.now())
    audit.record(actor, audit.Action.PERSON_ERASED, case.reference)
