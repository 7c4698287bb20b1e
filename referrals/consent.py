"""The person's 42 CFR Part 2 consent to share their intake with a provider, as a record with an end: given with
the intake, it expires ``SHARE_CONSENT_DAYS`` later (Part 2 consents must name when they end) and the person can
revoke it at any time, by telling a counselor. A revoked or expired consent blocks sharing in a referral
(``actions.refer``); what was shared before stays recorded on the referral."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from referrals import audit
from referrals.models import Case, CaseEvent


def expiry(given_at: datetime) -> datetime:
    return given_at + timedelta(days=settings.SHARE_CONSENT_DAYS)


def why_not_shareable(case: Case, now: datetime | None = None) -> str:
    """Why the intake can't be shared with a provider now, or "" if it can."""
    now = now or timezone.now()
    if not case.consent_share:
        return "The person didn't consent to share their intake with a provider."
    if case.share_consent_revoked_at is not None:
        return "The person revoked their consent to share their intake with a provider."
    if case.share_consent_expires_at is not None and case.share_consent_expires_at <= now:
        return "The person's consent to share their intake with a provider has expired."
    return ""


def revoke(reference: str, actor) -> Case:
    """Record that the person revoked their consent to share: on the timeline and in the audit log."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(reference=reference, anonymised_at__isnull=True)
        if why_not_shareable(case):
            return case
        case.share_consent_revoked_at = timezone.now()
        case.version += 1
        case.save(update_fields=["share_consent_revoked_at", "version"])
        CaseEvent.objects.create(case=case, actor=actor, kind=CaseEvent.Kind.NOTE,
                                 summary="Consent to share with a provider revoked by the person")
        audit.record(actor, audit.Action.CONSENT_REVOKED, case.reference)
    return case
