"""Cases in the counsellor queue and what happens to them.

A case is opened by a submitted intake or a call-back request. It holds the person's contact details and
preferences (the only place they live), its urgency and due time, and its workflow status. Everything that
happens to a case is a ``CaseEvent`` on its timeline.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Right

from messaging.models import ContactMethod
from referrals import phones

# Case references are read out on the phone: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}"


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent (same day)"
    SOON = "soon", "Soon (next business day)"
    ROUTINE = "routine", "Routine"


# Queue order: most urgent first. Stored as a small integer so the database can sort by it.
URGENCY_RANK = {Urgency.EMERGENCY: 0, Urgency.URGENT: 1, Urgency.SOON: 2, Urgency.ROUTINE: 3}


class Source(models.TextChoices):
    INTAKE = "intake", "Questionnaire"
    CALLBACK = "callback", "Call-back request"
    CRISIS_CALLBACK = "crisis_callback", "Crisis call-back request"


class Status(models.TextChoices):
    NEW = "new", "New"
    CONTACTING = "contacting", "Contacting"
    REACHED = "reached", "Reached"
    REFERRED = "referred", "Referred"
    IN_TREATMENT = "in_treatment", "In treatment"
    DECLINED = "declined", "Closed: declined"
    UNREACHABLE = "unreachable", "Closed: unreachable"
    DUPLICATE = "duplicate", "Closed: duplicate"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Closed: referred elsewhere"


OPEN_STATUSES = (Status.NEW, Status.CONTACTING, Status.REACHED, Status.REFERRED)


class BestTime(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"
    ANY = "any", "Any time"


# Most urgent first, then the soonest due, then the longest waiting; the primary key makes the order total, so a
# page boundary (``referrals.queue.page``) is never ambiguous.
QUEUE_ORDER = ("urgency_rank", "due_at", "created_at", "pk")
# The queue shows open cases that still hold a person; its indexes cover only those rows (a third of the table).
OPEN_IN_QUEUE = Q(status__in=OPEN_STATUSES, anonymised_at__isnull=True)


def overdue_q(now) -> Q:
    """Overdue: an open case whose person hasn't been reached although its due time, or the due time of its next
    contact attempt, has passed. Unsuccessful attempts don't take a case off the list; reaching the person or
    closing the case does."""
    return Q(status__in=OPEN_STATUSES, reached_at__isnull=True) & (Q(due_at__lt=now) | Q(next_attempt_due_at__lt=now))


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def in_queue_order(self):
        return self.order_by(*QUEUE_ORDER)

    def overdue(self, now):
        return self.filter(overdue_q(now))


class Case(models.Model):
    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    intake = models.OneToOneField(
        "intake.Intake", null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    urgency_rank = models.PositiveSmallIntegerField(editable=False)
    flags = models.JSONField(default=list, blank=True, help_text="Flag ids from the engine, most important first.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    due_at = models.DateTimeField(db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_cases"
    )
    first_contact_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a counselor first tried to contact the person (any outcome): the moment the case stopped "
        "waiting on us. Its due time is met when this is on or before due_at.",
    )
    reached_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a counselor first spoke to the person: the target. Until then the case stays overdue once "
        "due, and keeps escalating.",
    )
    next_attempt_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="After an unsuccessful attempt, when the next one is due (by urgency, settings CONTACT_RETRY).",
    )
    contact_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Unsuccessful contact attempts (no answer, voicemail, text, wrong number)."
    )
    escalation_level = models.PositiveSmallIntegerField(default=0)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every change; forms carry it so two counsellors can't silently overwrite each other.
    version = models.PositiveIntegerField(default=1)

    # The person. Personal data lives here only, and is removed by anonymisation.
    first_name = models.CharField(max_length=60, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    phone_e164 = models.CharField(
        max_length=16, blank=True, editable=False,
        help_text="The phone number in E.164 (+15558675309), kept from ``phone`` on save, for the queue's search.",
    )
    email = models.EmailField(blank=True)
    preferred_method = models.CharField(max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE)
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    voicemail_safe = models.BooleanField(default=False)
    text_safe = models.BooleanField(default=False)
    own_words = models.TextField(blank=True, help_text="Anything the person chose to tell us in their own words.")
    # A questionnaire stopped by a crisis (the person asked for an immediate call back instead of going on): what
    # they had answered by then, and on which page it stopped. Health data: anonymisation clears it.
    answers_so_far = models.JSONField(default=dict, blank=True)
    stopped_at_page = models.PositiveSmallIntegerField(null=True, blank=True)
    consent_contact = models.BooleanField(default=False)
    consent_share = models.BooleanField(default=False)
    # The 42 CFR Part 2 consent to share with a provider ends on a date, or earlier when the person revokes it
    # (referrals.consent); either one stops sharing.
    share_consent_expires_at = models.DateTimeField(null=True, blank=True)
    share_consent_revoked_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["status", "urgency_rank", "due_at"], name="case_queue_order"),
            # The queue's first page and its later pages (keyset), and the same per counsellor ("mine",
            # "unassigned", the supervisor's workload): partial, so they grow with open cases, not with history.
            models.Index(fields=["urgency_rank", "due_at", "created_at", "id"], condition=OPEN_IN_QUEUE,
                         name="case_open_queue"),
            models.Index(fields=["assigned_to", "urgency_rank", "due_at", "created_at", "id"],
                         condition=OPEN_IN_QUEUE, name="case_open_by_assignee"),
            # Phone search: "ends in 4242" reads the cases whose number ends so, then compares whole numbers.
            models.Index(Right("phone_e164", 4), F("phone_e164"), name="case_phone_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="case_urgency_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="case_status_valid"),
        ]
        permissions = [
            ("reassign_case", "Can assign cases to any counselor"),
            ("view_metrics", "Can see queue metrics"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.urgency_rank = URGENCY_RANK[Urgency(self.urgency)]
        self.phone_e164 = phones.e164(self.phone)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaiting_first_contact(self) -> bool:
        return self.first_contact_at is None and self.is_open

    @property
    def next_due_at(self):
        """When the next contact attempt is due while the person hasn't been reached: the case's due time until a
        first attempt, then the retry time that attempt set. None once reached or closed."""
        if self.reached_at is not None or not self.is_open:
            return None
        return self.next_attempt_due_at or self.due_at

    def is_overdue(self, now) -> bool:
        """``overdue_q`` for one case in memory."""
        if self.reached_at is not None or not self.is_open:
            return False
        return self.due_at < now or (self.next_attempt_due_at is not None and self.next_attempt_due_at < now)


class CaseEvent(models.Model):
    """One line on a case's timeline. Append-only; ``summary`` is written for staff and holds no health data."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        STATUS = "status", "Status changed"
        ASSIGNED = "assigned", "Assigned"
        CONTACT_ATTEMPT = "contact_attempt", "Contact attempt"
        NOTE = "note", "Note"
        REFERRAL = "referral", "Referral"
        FOLLOW_UP = "follow_up", "Follow-up"
        MESSAGE = "message", "Message"
        ESCALATION = "escalation", "Escalation"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    summary = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Free text such as a note; removed by anonymisation.")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class FollowUp(models.Model):
    """A follow-up due on a case: a check-in after referral, or one a counsellor scheduled."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_at = models.DateTimeField(db_index=True)
    reason = models.CharField(max_length=120)
    check_in_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Day after referral for automatic check-ins (1, 7, 30, 90 ...)."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(
        null=True, blank=True, help_text="When the check-in job put it in the queue and queued its message."
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        # The queue's "Follow-ups due" (``referrals.followups.due``): the pending ones, soonest first, without
        # walking past the done ones.
        indexes = [models.Index(fields=["due_at"], condition=Q(status="pending"), name="followup_pending_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "check_in_day"],
                condition=Q(check_in_day__isnull=False),
                name="one_check_in_per_day_per_case",
            )
        ]

    def __str__(self):
        return f"{self.case_id} follow-up {self.due_at:%Y-%m-%d}"


class PurgeLog(models.Model):
    """What a retention run removed: counts only, never the data itself."""

    ran_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=40, help_text="e.g. expired_drafts, anonymised_cases")
    count = models.PositiveIntegerField()
    cutoff = models.DateTimeField()

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self):
        return f"{self.kind}: {self.count} on {self.ran_at:%Y-%m-%d}"


# --- Referrals ----------------------------------------------------------------------------------------------------


class Referral(models.Model):
    """A counsellor referred the person to a service in the directory.

    ``consent_share_on_file`` is what the case said at that moment; ``intake_shared`` says whether the intake summary
    went to the provider, which ``referrals.actions.refer`` refuses without that consent.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey("directory.Service", null=True, on_delete=models.SET_NULL, related_name="referrals")
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    # What it was called then, so the record reads the same after the directory changes.
    provider_name = models.CharField(max_length=200)
    service_name = models.CharField(max_length=200)
    referred_at = models.DateTimeField()
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    consent_share_on_file = models.BooleanField()
    intake_shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-referred_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intake_shared=False) | Q(consent_share_on_file=True), name="referral_shared_needs_consent"
            )
        ]

    def __str__(self):
        return f"{self.case_id} → {self.provider_name}"


# --- Audit log ----------------------------------------------------------------------------------------------------


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit record."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Who did what, when, to which case. Append-only, and holds no health data: only the action and ids.

    On PostgreSQL a trigger (migration 0004) also refuses UPDATE and DELETE, so not even raw SQL from the app
    can rewrite history.
    """

    class Action(models.TextChoices):
        CASE_VIEWED = "case_viewed", "Viewed case"
        REFERRAL_OPTIONS_VIEWED = "referral_options_viewed", "Viewed referral options"
        CLAIMED = "claimed", "Claimed case"
        ASSIGNED = "assigned", "Assigned case"
        UNASSIGNED = "unassigned", "Unassigned case"
        CONTACT_ATTEMPT = "contact_attempt", "Logged contact attempt"
        NOTE_ADDED = "note_added", "Added note"
        STATUS_CHANGED = "status_changed", "Changed status"
        REFERRED = "referred", "Referred to provider"
        FOLLOW_UP_SCHEDULED = "follow_up_scheduled", "Scheduled follow-up"
        FOLLOW_UP_COMPLETED = "follow_up_completed", "Completed follow-up"
        QUEUE_SEARCHED = "queue_searched", "Searched the queue"
        METRICS_EXPORTED = "metrics_exported", "Exported case metrics"
        MESSAGE_RETRIED = "message_retried", "Sent a failed message again"
        TAKEN_OVER = "taken_over", "Took over a case from someone else"
        PERSON_EXPORTED = "person_exported", "Exported everything held about a person"
        PERSON_ERASED = "person_erased", "Erased a person's details"
        CONSENT_REVOKED = "consent_revoked", "Recorded that the person revoked consent"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_username = models.CharField(max_length=150, help_text="Kept as written, whatever happens to the account.")
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    case_reference = models.CharField(max_length=9, blank=True, db_index=True)
    detail = models.CharField(max_length=200, blank=True, help_text="Ids and status names only, never health data.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.case_reference}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only: an event cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only: an event cannot be deleted.")
