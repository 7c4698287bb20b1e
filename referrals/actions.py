"""Everything a counsellor does to a case, as plain functions the views (and tests) call.

Each action runs in one transaction that starts by locking the case row (``SELECT ... FOR UPDATE``), so two
counsellors acting on the same case at once are served one after the other. Actions that decide on what the
counsellor saw (claim, assign, status, refer) also carry the case ``version`` their page showed: if the case changed
meanwhile they are refused with a reload message instead of silently overwriting the other person's change. Every
action bumps the version, writes a line on the case timeline and an audit event.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from directory.models import ServiceAtLocation, ServiceStatus
from referrals import access, audit, consent, followups, sla, workflow
from referrals.models import OPEN_IN_QUEUE, QUEUE_ORDER, Case, CaseEvent, FollowUp, Referral, Status

Kind = CaseEvent.Kind


class ActionRefused(Exception):
    """The action can't be done; the message says why, in words a counsellor can act on."""


class StaleCase(ActionRefused):
    def __init__(self):
        super().__init__(
            "Someone else changed this case while you had it open. Nothing was saved: check the latest details "
            "below and try again."
        )


class ContactOutcome:
    NO_ANSWER = "no_answer"
    VOICEMAIL = "voicemail"
    TEXT_SENT = "text_sent"
    REACHED = "reached"
    WRONG_NUMBER = "wrong_number"
    BUSY = "busy"

    CHOICES = (
        (NO_ANSWER, "Called, no answer"),
        (BUSY, "Called, line busy"),
        (VOICEMAIL, "Left a voicemail"),
        (TEXT_SENT, "Sent a text"),
        (REACHED, "Spoke to the person"),
        (WRONG_NUMBER, "Wrong number"),
    )
    LABELS = dict(CHOICES)


@contextmanager
def _locked(reference: str, expected_version: int | None = None):
    with transaction.atomic():
        try:
            case = Case.objects.select_for_update().get(reference=reference)
        except Case.DoesNotExist:
            raise ActionRefused("There is no case with that reference.") from None
        if case.anonymised_at is not None:
            raise ActionRefused("This case has been anonymised and can't be changed.")
        if expected_version is not None and case.version != expected_version:
            raise StaleCase()
        yield case


def _save(case: Case, *fields: str) -> None:
    case.version = F("version") + 1
    case.save(update_fields=[*fields, "version"])
    case.refresh_from_db(fields=["version"])


def _must_hold(case: Case, actor) -> None:
    """Acting on a case someone else holds needs taking it over first (``take_over``), with a reason."""
    if access.held_by_someone_else(case, actor):
        raise ActionRefused(
            f"{_name(case.assigned_to)} has this case. Take it over, with a reason, before acting on it."
        )
    if not access.can_read(case, actor):
        raise ActionRefused("This case is closed. Only the counselor who had it and supervisors can open it.")


def _event(case, actor, kind, summary, *, body="", **data) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, summary=summary[:200], body=body, data=data)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


# --- Assignment -------------------------------------------------------------------------------------------------


def claim(reference: str, actor, *, version: int) -> Case:
    """Assign the case to ``actor``. Refused if someone already has it, so a case is never claimed twice."""
    with _locked(reference, version) as case:
        if not access.can_read(case, actor):
            raise ActionRefused("This case is closed. Only the counselor who had it and supervisors can open it.")
        if case.assigned_to_id == actor.pk:
            raise ActionRefused("You already have this case.")
        if case.assigned_to_id is not None:
            raise ActionRefused(f"{_name(case.assigned_to)} already has this case.")
        case.assigned_to = actor
        _save(case, "assigned_to")
        _event(case, actor, Kind.ASSIGNED, f"Claimed by {_name(actor)}", assignee=actor.pk)
        audit.record(actor, audit.Action.CLAIMED, case.reference)
    return case


def take_next(actor) -> Case | None:
    """Assign the next case nobody has to ``actor``: the most urgent, then the most overdue, of the open cases whose
    person hasn't been reached (queue order). None when there is none.

    Two counselors taking at the same moment get different cases: the candidate row is locked with ``FOR UPDATE
    SKIP LOCKED``, so the second request passes over the row the first holds instead of waiting for it.
    """
    with transaction.atomic():
        case = (
            Case.objects.filter(OPEN_IN_QUEUE, assigned_to__isnull=True, reached_at__isnull=True)
            .order_by(*QUEUE_ORDER)
            .select_for_update(skip_locked=True)
            .first()
        )
        if case is None:
            return None
        case.assigned_to = actor
        _save(case, "assigned_to")
        _event(case, actor, Kind.ASSIGNED, f"Taken by {_name(actor)} (next in the queue)", assignee=actor.pk)
        audit.record(actor, audit.Action.CLAIMED, case.reference, "take next")
    return case


def assign(reference: str, actor, assignee, *, version: int) -> Case:
    """Give the case to ``assignee`` (supervisors), replacing any current assignee."""
    if assignee.pk != actor.pk and not actor.has_perm("referrals.reassign_case"):
        raise ActionRefused("Only a supervisor can assign a case to someone else.")
    if not assignee.has_perm("referrals.change_case"):
        raise ActionRefused(f"{_name(assignee)} doesn't work on cases.")
    with _locked(reference, version) as case:
        if case.assigned_to_id == assignee.pk:
            raise ActionRefused(f"{_name(assignee)} already has this case.")
        previous = case.assigned_to
        case.assigned_to = assignee
        _save(case, "assigned_to")
        summary = f"Assigned to {_name(assignee)}" + (f" (was {_name(previous)})" if previous else "")
        _event(case, actor, Kind.ASSIGNED, summary, assignee=assignee.pk)
        audit.record(actor, audit.Action.ASSIGNED, case.reference, f"to user {assignee.pk}")
    return case


def take_over(reference: str, actor, reason: str, *, version: int) -> Case:
    """Take a case another counselor holds, to act on it: the reason goes on the timeline, which both see, and the
    audit log records from whom (never the reason: it may carry health details)."""
    reason = reason.strip()
    if not reason:
        raise ActionRefused("Say why you are taking this case over.")
    with _locked(reference, version) as case:
        if not access.held_by_someone_else(case, actor):
            raise ActionRefused("Nobody else has this case: claim it instead.")
        if case.closed_at is not None:
            raise ActionRefused("This case is closed. A supervisor can reopen it.")
        previous = case.assigned_to
        case.assigned_to = actor
        _save(case, "assigned_to")
        _event(case, actor, Kind.ASSIGNED, f"Taken over from {_name(previous)} by {_name(actor)}", body=reason,
               assignee=actor.pk, taken_from=previous.pk)
        audit.record(actor, audit.Action.TAKEN_OVER, case.reference, f"from user {previous.pk}")
    return case


def unassign(reference: str, actor, *, version: int) -> Case:
    with _locked(reference, version) as case:
        if case.assigned_to_id is None:
            raise ActionRefused("Nobody has this case.")
        if case.assigned_to_id != actor.pk and not actor.has_perm("referrals.reassign_case"):
            raise ActionRefused("Only a supervisor can take a case away from someone else.")
        previous = case.assigned_to
        case.assigned_to = None
        _save(case, "assigned_to")
        _event(case, actor, Kind.ASSIGNED, f"Unassigned (was {_name(previous)})", assignee=None)
        audit.record(actor, audit.Action.UNASSIGNED, case.reference)
    return case


# --- Contact, notes, status ---------------------------------------------------------------------------------------


def log_contact(reference: str, actor, outcome: str, *, note: str = "") -> Case:
    """Record a contact attempt and move the case along: the first attempt makes a new case *contacting*; reaching
    the person makes it *reached* and sets ``reached_at``. The first attempt of any outcome sets
    ``first_contact_at``; an unsuccessful one sets when the next is due (``sla.next_attempt_due``), and the case
    stays overdue, and escalating, until the person is reached."""
    if outcome not in ContactOutcome.LABELS:
        raise ActionRefused("Choose what happened.")
    with _locked(reference) as case:
        _must_hold(case, actor)
        if case.status in workflow.CLOSING:
            raise ActionRefused("This case is closed. Reopen it before logging contact.")
        if outcome == ContactOutcome.VOICEMAIL and not case.voicemail_safe:
            raise ActionRefused("Voicemail isn't safe for this person: they didn't say a message could be left.")
        if outcome == ContactOutcome.TEXT_SENT and not case.text_safe:
            raise ActionRefused("Texting isn't safe for this person: they didn't say a text could be sent.")
        now = timezone.now()
        fields = []
        if case.first_contact_at is None:
            case.first_contact_at = now
            fields.append("first_contact_at")
        if outcome == ContactOutcome.REACHED:
            summary = "Contact: spoke to the person"
            target = Status.REACHED if case.status in (Status.NEW, Status.CONTACTING) else None
            fields += _mark_reached(case, now)
        else:
            case.contact_attempts += 1
            case.next_attempt_due_at = sla.next_attempt_due(case.urgency, now)
            fields += ["contact_attempts", "next_attempt_due_at"]
            summary = f"Contact attempt {case.contact_attempts}: {ContactOutcome.LABELS[outcome].lower()}"
            target = Status.CONTACTING if case.status == Status.NEW else None
        _event(case, actor, Kind.CONTACT_ATTEMPT, summary, body=note, outcome=outcome)
        if target:
            _event(case, actor, Kind.STATUS, _status_summary(case.status, target), old=case.status, new=target)
            case.status = target
            fields.append("status")
        _save(case, *fields)
        audit.record(actor, audit.Action.CONTACT_ATTEMPT, case.reference, outcome)
    return case


def _mark_reached(case: Case, now: datetime) -> list[str]:
    """The person was reached: no retry is due any more, and the first time is the case's ``reached_at``."""
    case.next_attempt_due_at = None
    fields = ["next_attempt_due_at"]
    if case.reached_at is None:
        case.reached_at = now
        fields.append("reached_at")
    return fields


def add_note(reference: str, actor, text: str) -> Case:
    text = text.strip()
    if not text:
        raise ActionRefused("Write the note.")
    with _locked(reference) as case:
        _must_hold(case, actor)
        _event(case, actor, Kind.NOTE, "Note", body=text)
        _save(case)
        audit.record(actor, audit.Action.NOTE_ADDED, case.reference)
    return case


def change_status(reference: str, actor, target: str, *, version: int, note: str = "") -> Case:
    with _locked(reference, version) as case:
        try:
            workflow.check(case.status, target, contact_attempts=case.contact_attempts)
        except workflow.TransitionRefused as refusal:
            raise ActionRefused(str(refusal)) from None
        if workflow.is_reopen(case.status, target):
            if not access.is_supervisor(actor):
                raise ActionRefused("Only a supervisor can reopen a case.")
            if not note.strip():
                raise ActionRefused("Say why the case is being reopened.")
        else:
            _must_hold(case, actor)
        old = case.status
        fields = ["status"]
        if target in workflow.CLOSING:
            case.closed_at = timezone.now()
            fields.append("closed_at")
            cancelled = case.follow_ups.filter(status=FollowUp.Status.PENDING).update(
                status=FollowUp.Status.CANCELLED
            )
        else:
            cancelled = 0
            if case.closed_at is not None:
                case.closed_at = None
                fields.append("closed_at")
        if target == Status.REACHED:
            fields += _mark_reached(case, timezone.now())
        case.status = target
        summary = "Reopened" if workflow.is_reopen(old, target) else _status_summary(old, target)
        if cancelled:
            summary += f"; {cancelled} pending follow-up{'s' if cancelled != 1 else ''} cancelled"
        _event(case, actor, Kind.STATUS, summary, body=note, old=old, new=target)
        _save(case, *fields)
        audit.record(actor, audit.Action.STATUS_CHANGED, case.reference, f"{old} -> {target}")
    return case


def _status_summary(old: str, new: str) -> str:
    return f"Status: {Status(old).label} → {Status(new).label}"


# --- Referral and follow-ups --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralResult:
    case: Case
    referral: Referral
    check_ins: list


def refer(
    reference: str, actor, service_at_location: ServiceAtLocation, *, share_intake: bool, version: int
) -> ReferralResult:
    """Refer the person to a service at a location, mark the case referred and schedule the check-ins.

    Sharing the intake with the provider is refused unless the person's consent to share (42 CFR Part 2) is in
    force: given, not revoked, not expired (``referrals.consent``).
    """
    service = service_at_location.service
    if service.status != ServiceStatus.ACTIVE:
        raise ActionRefused(f"{service.name} isn't active in the directory.")
    with _locked(reference, version) as case:
        _must_hold(case, actor)
        not_shareable = consent.why_not_shareable(case)
        if share_intake and not_shareable:
            raise ActionRefused(f"{not_shareable} Refer without sharing it, or record their written consent first.")
        if case.status not in (Status.REACHED, Status.REFERRED):
            raise ActionRefused("Speak to the person before referring them: log the call as “spoke to the person”.")
        now = timezone.now()
        referral = Referral.objects.create(
            case=case,
            service=service,
            service_at_location=service_at_location,
            provider_name=service.organization.name,
            service_name=f"{service.name} ({service_at_location.location.name})",
            referred_at=now,
            referred_by=actor,
            consent_share_on_file=not not_shareable,
            intake_shared=share_intake,
        )
        fields = []
        if case.status != Status.REFERRED:
            workflow.check(case.status, Status.REFERRED, contact_attempts=case.contact_attempts, via_referral=True)
            _event(case, actor, Kind.STATUS, _status_summary(case.status, Status.REFERRED),
                   old=case.status, new=Status.REFERRED)
            case.status = Status.REFERRED
            fields.append("status")
        shared = "intake shared" if share_intake else "intake not shared"
        _event(
            case, actor, Kind.REFERRAL, f"Referred to {referral.provider_name}: {referral.service_name} ({shared})",
            referral=referral.pk,
        )
        check_ins = followups.schedule_check_ins(case, now, created_by=actor)
        if check_ins:
            days = ", ".join(str(f.check_in_day) for f in check_ins)
            _event(case, actor, Kind.FOLLOW_UP, f"Check-ins scheduled for days {days} after referral")
        _save(case, *fields)
        audit.record(actor, audit.Action.REFERRED, case.reference, f"referral {referral.pk}")
    return ReferralResult(case, referral, check_ins)


def schedule_follow_up(reference: str, actor, *, due_at: datetime, reason: str) -> FollowUp:
    if due_at <= timezone.now():
        raise ActionRefused("Choose a time in the future.")
    with _locked(reference) as case:
        _must_hold(case, actor)
        if case.status in workflow.CLOSING:
            raise ActionRefused("This case is closed. Reopen it before scheduling a follow-up.")
        follow_up = FollowUp.objects.create(case=case, due_at=due_at, reason=reason.strip(), created_by=actor)
        local = timezone.localtime(due_at)
        _event(case, actor, Kind.FOLLOW_UP, f"Follow-up scheduled for {date_format(local, 'D, M j, Y, g:i A')}",
               body=reason.strip(), follow_up=follow_up.pk)
        _save(case)
        audit.record(actor, audit.Action.FOLLOW_UP_SCHEDULED, case.reference, f"follow-up {follow_up.pk}")
    return follow_up


def complete_follow_up(reference: str, actor, follow_up_id: int, *, note: str = "") -> FollowUp:
    with _locked(reference) as case:
        _must_hold(case, actor)
        follow_up = case.follow_ups.select_for_update().filter(pk=follow_up_id).first()
        if follow_up is None:
            raise ActionRefused("That follow-up isn't on this case.")
        if follow_up.status != FollowUp.Status.PENDING:
            raise ActionRefused("That follow-up is already done or cancelled.")
        follow_up.status = FollowUp.Status.DONE
        follow_up.completed_at = timezone.now()
        follow_up.save(update_fields=["status", "completed_at"])
        _event(case, actor, Kind.FOLLOW_UP, f"Follow-up done: {follow_up.reason}", body=note.strip(),
               follow_up=follow_up.pk)
        _save(case)
        audit.record(actor, audit.Action.FOLLOW_UP_COMPLETED, case.reference, f"follow-up {follow_up.pk}")
    return follow_up
