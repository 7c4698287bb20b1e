"""Turning what someone sent into a stored ``Intake`` and a case in the counselor queue.

* ``submit_intake``: a finished draft plus contact details and consent -> ``Intake`` (answers, questionnaire
  version, the engine's output exactly as ``manage.py recommend`` prints it, consent) and, when the person gave
  contact details and consented to contact, a queue case with the engine's urgency. If they asked for a crisis
  call earlier in the same questionnaire, the intake joins that case instead. Idempotent per draft: a
  replayed or double-clicked submit returns the intake the first one created (``Intake.draft_key`` is unique).
* ``request_crisis_callback``: the crisis page's "call me as soon as possible" -> an emergency case, once per draft.
* ``request_callback``: /callback/ -> a routine case.

Cases are only ever created through ``referrals.cases.open_case``, inside the same transaction as the intake.
"""

from __future__ import annotations

import logging
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from intake import drafts
from intake.consent import CURRENT as CONSENT
from intake.engine.questionnaire import QUESTIONNAIRE_VERSION, visible_steps
from intake.engine.recommend import is_crisis, recommend
from intake.engine.urgency import FLAG_IDS
from intake.engine.validation import InvalidAnswers, prune_hidden
from intake.flow import Journey
from intake.models import Intake
from referrals.cases import ContactDetails, attach_intake, open_case
from referrals.models import Case, Source, Urgency

logger = logging.getLogger(__name__)

# A call-back request without the questionnaire tells us nothing about risk, so it gets the spec's "everything
# else" urgency. The form says so and points to 988/911 and to the questionnaire for a sooner, risk-based call.
CALLBACK_URGENCY = Urgency.ROUTINE

# Case.flags are "most important first": safety, then what makes a call same-day, then the rest.
FLAG_PRIORITY = (
    "emergency_now",
    "suicide_risk_high",
    "suicide_risk_moderate",
    "recent_overdose",
    "pregnancy",
    "minor",
    "active_withdrawal",
    "sedative_co_use",
    "suicide_risk_low",
    "fentanyl",
    "injecting",
    "overdose_risk_after_detox",
    "co_occurring_mental_health",
    "environment_risk",
    "qt_review",
    "liver_review",
    "current_moud",
    "naloxone",
    "no_opioid_use",
)


def ordered_flags(flags) -> list[str]:
    """Flags most important first; any flag the engine adds later goes after these, in the engine's order."""
    order = list(FLAG_PRIORITY) + [flag for flag in FLAG_IDS if flag not in FLAG_PRIORITY]
    return sorted(flags, key=lambda flag: order.index(flag) if flag in order else len(order))


class DraftGone(Exception):
    """The draft expired or never existed, and no intake was made from it."""


class NotReady(Exception):
    """The draft isn't finished (a page unanswered, or a safety page pending)."""


def contact_details(cleaned: dict, *, share: bool = False) -> ContactDetails:
    """``ContactDetails`` from a cleaned contact form (any of the intake, call-back or crisis forms)."""
    return ContactDetails(
        phone=cleaned.get("phone", ""),
        email=cleaned.get("email", ""),
        first_name=cleaned.get("first_name", "").strip(),
        preferred_method=cleaned.get("preferred_method") or "phone",
        best_time=cleaned.get("best_time") or "any",
        voicemail_safe=bool(cleaned.get("voicemail_safe")),
        text_safe=bool(cleaned.get("text_safe")),
        own_words=cleaned.get("own_words", "").strip(),
        consent_contact=bool(cleaned.get("consent_contact")),
        consent_share=share,
        consent_version=CONSENT.version,
    )


def submit_intake(draft_id: uuid.UUID, contact: ContactDetails | None, share_signed_name: str = "") -> Intake:
    """Store the intake made from this draft (once) and open its case. Raises ``DraftGone`` or ``NotReady``."""
    try:
        with transaction.atomic():
            draft = drafts.locked(draft_id)
            if draft is None:
                existing = Intake.objects.filter(draft_key=draft_id).first()
                if existing is None:
                    raise DraftGone
                return existing
            if not Journey.of(draft).is_complete:
                raise NotReady
            answers = prune_hidden(draft.answers)
            try:
                result = recommend(answers).as_dict()
            except InvalidAnswers as error:  # can't happen for a complete draft; never store what's invalid
                raise NotReady from error
            share_signed_name = share_signed_name.strip()
            intake = Intake.objects.create(
                draft_key=draft.pk,
                questionnaire_version=QUESTIONNAIRE_VERSION,
                rules_version=result["rules_version"],
                answers=answers,
                result=result,
                consent_text_version=CONSENT.version,
                consent_share_text=CONSENT.share_text if share_signed_name else "",
                consent_share_signed_name=share_signed_name,
                crisis_shown_at=draft.crisis_shown_at,
            )
            flags = ordered_flags(result["flags"])
            crisis_case = draft.crisis_case
            if crisis_case is not None and crisis_case.is_open and crisis_case.intake_id is None:
                attach_intake(crisis_case, intake=intake, urgency=result["urgency"], flags=flags, contact=contact)
            elif contact is not None:
                open_case(
                    source=Source.INTAKE, urgency=result["urgency"], contact=contact, flags=flags, intake=intake
                )
            draft.delete()
    except IntegrityError:
        # Two submits raced past the lock (SQLite has no row locks): the other one won.
        existing = Intake.objects.filter(draft_key=draft_id).first()
        if existing is None:
            raise
        return existing
    logger.info("intake %s submitted", intake.pk)
    return intake


@transaction.atomic
def request_crisis_callback(draft_id: uuid.UUID, contact: ContactDetails) -> Case | None:
    """Open an emergency case for someone at high suicide risk who asked to be called as soon as possible.

    Returns the case, or ``None`` if this draft already asked (a double-click). Raises ``DraftGone`` or
    ``NotReady`` (no high risk in the answers: the crisis page isn't theirs to post to).
    """
    draft = drafts.locked(draft_id)
    if draft is None:
        raise DraftGone
    if not is_crisis(draft.answers):
        raise NotReady
    if draft.crisis_callback_at is not None:
        return None
    # The counselor sees what was answered before the questionnaire stopped, and where it stopped (the drafts are
    # deleted within a day).
    pages_done = [step for step in visible_steps(draft.answers) if step.id in set(draft.completed_steps)]
    case = open_case(
        source=Source.CRISIS_CALLBACK, urgency=Urgency.EMERGENCY, contact=contact, flags=["suicide_risk_high"],
        answers_so_far=draft.answers, stopped_at_page=len(pages_done),
    )
    draft.crisis_callback_at = timezone.now()
    draft.crisis_case = case
    draft.save()
    logger.info("crisis call-back case %s opened", case.pk)
    return case


def request_callback(contact: ContactDetails) -> Case:
    case = open_case(source=Source.CALLBACK, urgency=CALLBACK_URGENCY, contact=contact)
    logger.info("call-back case %s opened", case.pk)
    return case
