"""Opening cases. The intake and call-back flows call ``open_case``; nothing else creates cases.

``attach_intake`` joins a finished questionnaire to the case its crisis call-back opened, so one person in
crisis is one case in the queue, not two.
"""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from referrals import consent, notifications, sla
from referrals.models import URGENCY_RANK, Case, CaseEvent


@dataclass(frozen=True)
class ContactDetails:
    """How and when the person wants to be contacted, and what they consented to."""

    phone: str = ""
    email: str = ""
    first_name: str = ""
    preferred_method: str = "phone"
    best_time: str = "any"
    voicemail_safe: bool = False
    text_safe: bool = False
    own_words: str = ""
    consent_contact: bool = False
    consent_share: bool = False
    consent_version: str = ""


@transaction.atomic
def open_case(
    *, source: str, urgency: str, contact: ContactDetails, flags=(), intake=None, answers_so_far=None,
    stopped_at_page: int | None = None,
) -> Case:
    """Open a case; ``answers_so_far`` and ``stopped_at_page`` record a questionnaire a crisis stopped."""
    now = timezone.now()
    case = Case.objects.create(
        source=source,
        urgency=urgency,
        flags=list(flags),
        intake=intake,
        answers_so_far=dict(answers_so_far or {}),
        stopped_at_page=stopped_at_page,
        due_at=sla.due_at(urgency, now),
        consented_at=now if contact.consent_contact else None,
        share_consent_expires_at=consent.expiry(now) if contact.consent_share else None,
        **asdict(contact),
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.OPENED, summary=f"Opened from {case.get_source_display().lower()}"
    )
    # The confirmation and, for urgent cases, the on-call alert: outbox rows in this same transaction, handed to
    # the worker after commit (a broker outage never fails the submission; the outbox sweep sends them later).
    notifications.case_opened(case)
    return case


@transaction.atomic
def attach_intake(case: Case, *, intake, urgency: str, flags=(), contact: ContactDetails | None = None) -> Case:
    """Add a submitted intake to an open case that has none (the person's crisis call-back).

    The case keeps the more urgent of its urgency and the intake's, and its earlier due time; the contact details
    become the ones given with the intake, the person's latest word. No second confirmation is sent."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.intake = intake
    case.flags = list(dict.fromkeys([*flags, *case.flags]))
    if URGENCY_RANK[urgency] < case.urgency_rank:
        case.urgency = urgency
        case.due_at = min(case.due_at, sla.due_at(urgency, timezone.now()))
    if contact is not None:
        for name, value in asdict(contact).items():
            setattr(case, name, value)
        case.consented_at = case.consented_at or (timezone.now() if contact.consent_contact else None)
        if contact.consent_share and (case.share_consent_expires_at is None or case.share_consent_revoked_at):
            case.share_consent_expires_at, case.share_consent_revoked_at = consent.expiry(timezone.now()), None
    case.version += 1
    case.save()
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.OPENED, summary="Questionnaire completed and added to this case"
    )
    return case
