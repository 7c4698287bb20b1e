"""Server-side questionnaire drafts.

The answers live in ``IntakeDraft`` rows; the session holds only the draft's id (never answers, never in the URL).
A draft expires 24 hours after its last answer (``lifetime()``), or when the questionnaire version changes; an
expired draft is deleted and the person starts again.

Two tabs can't corrupt each other: every change locks the draft row (``select_for_update``), re-reads it, and
changes only its own page's answers (``flow.merge_step``), re-checking against the answers as they are now, so a
stale tab can neither undo another tab's answers nor store an answer to a question that is no longer asked.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from intake.engine.items import Step
from intake.engine.questionnaire import QUESTIONNAIRE_VERSION
from intake.flow import CRISIS, Journey, merge_step
from intake.forms import QuestionsForm
from intake.models import IntakeDraft

SESSION_KEY = "intake_draft"
RENEWED_KEY = "intake_draft_renewed"
SESSION_RENEW_SECONDS = 3600


def lifetime() -> timedelta:
    """How long a draft lives after its last answer (``DRAFT_RETENTION_HOURS``, 24 by default); the retention job
    (``intake.retention.purge_expired_drafts``) deletes the leftovers with the same setting."""
    return timedelta(hours=getattr(settings, "DRAFT_RETENTION_HOURS", 24))


def live_drafts():
    return IntakeDraft.objects.filter(
        updated_at__gte=timezone.now() - lifetime(), questionnaire_version=QUESTIONNAIRE_VERSION
    )


def draft_id(request) -> uuid.UUID | None:
    value = request.session.get(SESSION_KEY)
    try:
        return uuid.UUID(value) if value else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Found:
    draft: IntakeDraft | None
    expired: bool = False


def find(request) -> Found:
    """The visitor's draft, if it is still live. A draft that has expired is deleted and reported as ``expired``."""
    key = draft_id(request)
    if key is None:
        forget(request)
        return Found(None)
    draft = live_drafts().filter(pk=key).first()
    if draft is None:
        IntakeDraft.objects.filter(pk=key).delete()
        forget(request)
        return Found(None, expired=True)
    return Found(draft)


def remember(request, draft: IntakeDraft) -> None:
    """Point the visitor's session at their draft. The session (and its cookie) is written when that changes and
    then at most once every ``SESSION_RENEW_SECONDS`` while they answer, not on every answer: an answer is then
    one transaction on the draft alone, and the session still outlives the draft's last answer by ~23 hours."""
    now = int(time.time())
    if request.session.get(SESSION_KEY) != str(draft.pk) or now - request.session.get(RENEWED_KEY, 0) >= (
        SESSION_RENEW_SECONDS
    ):
        request.session[SESSION_KEY] = str(draft.pk)
        request.session[RENEWED_KEY] = now


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)


def discard(request) -> None:
    """Delete the visitor's unfinished questionnaire, live or expired, and forget it: "Delete my answers", "Start
    again" and "Leave this site quickly"."""
    key = draft_id(request)
    if key is not None:
        IntakeDraft.objects.filter(pk=key).delete()
    forget(request)


def locked(draft_id) -> IntakeDraft | None:
    """The live draft, locked until the end of the surrounding transaction."""
    return live_drafts().select_for_update().filter(pk=draft_id).first()


# --- Answering a page ---------------------------------------------------------------------------------------------

SAVED = "saved"
INVALID = "invalid"
REFUSED = "refused"  # the page isn't open for these answers (out of order, hidden), or a bot filled the honeypot
EXPIRED = "expired"


@dataclass(frozen=True)
class StepOutcome:
    status: str
    journey: Journey
    draft: IntakeDraft | None = None
    form: QuestionsForm | None = None


@transaction.atomic
def answer_step(draft_id, step: Step, data) -> StepOutcome:
    """Validate and store the answers posted for one page. Creates the draft on the first page's first answer.

    One transaction of at most three statements: lock the draft (which also finds it), update (or insert) it; an
    expired draft is deleted instead. Tested in tests/intake/test_web_drafts.py."""
    draft = None
    if draft_id is not None:
        draft = locked(draft_id)
        if draft is None:
            IntakeDraft.objects.filter(pk=draft_id).delete()
            return StepOutcome(EXPIRED, Journey({}))
    journey = Journey.of(draft)
    if not journey.can_open(step):
        return StepOutcome(REFUSED, journey, draft)
    form = QuestionsForm(data, questions=journey.questions_for(step))
    if form.is_bot():
        return StepOutcome(REFUSED, journey, draft)
    if not form.is_valid():
        return StepOutcome(INVALID, journey, draft, form)
    if draft is None:
        draft = IntakeDraft(questionnaire_version=QUESTIONNAIRE_VERSION)
    draft.answers, draft.completed_steps = merge_step(draft.answers, draft.completed_steps, step, form.answers())
    journey = Journey.of(draft)
    if journey.gate == CRISIS and draft.crisis_shown_at is None:
        draft.crisis_shown_at = timezone.now()  # the person is sent to it now, before any further question
    draft.save()
    return StepOutcome(SAVED, journey, draft, form)


def mark_crisis_shown(draft: IntakeDraft) -> None:
    if draft.crisis_shown_at is None:
        IntakeDraft.objects.filter(pk=draft.pk, crisis_shown_at__isnull=True).update(crisis_shown_at=timezone.now())


@transaction.atomic
def acknowledge_crisis(draft_id) -> IntakeDraft | None:
    """The person chose to carry on with the questionnaire after the crisis page."""
    draft = locked(draft_id)
    if draft is not None and draft.crisis_acknowledged_at is None:
        draft.crisis_acknowledged_at = timezone.now()
        draft.save()
    return draft
