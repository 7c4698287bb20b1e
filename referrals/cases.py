"""Opening cases. The intake and call-back flows call ``open_case``; nothing else creates cases."""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from messaging import notifications
from referrals import sla
from referrals.models import Case, CaseEvent


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
def open_case(*, source: str, urgency: str, contact: ContactDetails, flags=(), intake=None) -> Case:
    now = timezone.now()
    case = Case.objects.create(
        source=source,
        urgency=urgency,
        flags=list(flags),
        intake=intake,
        due_at=sla.due_at(urgency, now),
        consented_at=now if contact.consent_contact else None,
        **asdict(contact),
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.OPENED, summary=f"Opened from {case.get_source_display().lower()}"
    )
    # The confirmation and, for urgent cases, the on-call alert: outbox rows in this same transaction, handed to
    # the worker after commit (a broker outage never fails the submission; the outbox sweep sends them later).
    notifications.case_opened(case)
    return case
