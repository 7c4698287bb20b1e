"""The outbox: every outgoing e-mail and text is a row here before anything is sent.

A row is written in the same transaction as the event that causes it (a case opened, a check-in dispatched, an
escalation), so a message exists exactly when its event does. The worker turns ``queued`` into ``sending`` (committed
before the provider is asked) and then ``sent`` (or ``failed``/``cancelled``); a message to a person found
``sending`` after a crash becomes ``unknown`` for staff to decide, never sent again by itself (``messaging.services``).
``key`` is unique, so the same event can never queue the same message twice. Rows hold no personal data: the
person's address is read from the case at send time, and ``context`` holds only references such as a case
reference or an escalation level.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ContactMethod(models.TextChoices):
    """How a person prefers to be contacted (a case stores it; the messaging policy routes by it)."""

    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"


class Message(models.Model):
    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation"
        CHECK_IN = "check_in", "Check-in message"
        URGENT_ALERT = "urgent_alert", "Urgent case alert"
        ESCALATION = "escalation", "Escalation alert"
        CONTENT_REVIEW = "content_review", "Content review reminder"

    class Channel(models.TextChoices):
        EMAIL = "email", "email"
        SMS = "sms", "text message"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Not sent"
        UNKNOWN = "unknown", "Delivery unknown"

    # Messages to the person the case is about; the others go to staff.
    PERSON_KINDS = frozenset({Kind.CONFIRMATION, Kind.CHECK_IN})

    key = models.CharField(
        max_length=120, unique=True, help_text="What this message is for, e.g. confirmation:case:42; never twice."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    case = models.ForeignKey(
        "referrals.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_address = models.CharField(
        max_length=254, blank=True, help_text="Staff messages only; the person's address is read from the case."
    )
    context = models.JSONField(default=dict, blank=True, help_text="References only, never personal data.")
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(
        help_text="When it may next be tried (quiet hours, backoff). A queued row left untouched past this is "
        "handed to the worker again by the outbox sweep. While sending: when that try began."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_ref = models.CharField(max_length=100, blank=True, help_text="The e-mail Message-ID or provider id.")
    last_error = models.CharField(max_length=200, blank=True, help_text="Why it failed, without personal data.")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="queued"), name="message_queued_due"),
            # The backlog gauges (messaging.gauges) read unsent rows only.
            models.Index(
                fields=["status", "kind"],
                condition=Q(status__in=["queued", "sending", "failed", "unknown"]),
                name="message_backlog",
            ),
            # Sends interrupted by a crash (the sweep) and those waiting for a person's decision (supervisors).
            models.Index(
                fields=["next_attempt_at"], condition=Q(status__in=["sending", "unknown"]), name="message_in_doubt"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "failed", "cancelled", "unknown"]),
                name="message_status_valid",
            ),
            models.CheckConstraint(condition=Q(channel__in=["email", "sms"]), name="message_channel_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def for_person(self) -> bool:
        return self.kind in self.PERSON_KINDS

    @property
    def can_retry(self) -> bool:
        """Failed, or delivery unknown: a person decides whether to send it (again)."""
        return self.status in {self.Status.FAILED, self.Status.UNKNOWN}

    @property
    def waiting_until(self):
        """When a queued message will next be tried, if that is later than now (quiet hours, backoff)."""
        if self.status == self.Status.QUEUED and self.next_attempt_at > timezone.now():
            return self.next_attempt_at
        return None

    @property
    def status_text(self) -> str:
        """Status as staff read it: "Failed: the provider refused the number"."""
        label = self.get_status_display()
        return f"{label}: {self.last_error}" if self.last_error and self.status != self.Status.SENT else label


class UndeliveredAlert(models.Model):
    """An urgent-case alert that reached nobody on call (``messaging.alerts``): the queue and supervisor pages show it
    in a red banner until someone acknowledges it, so it is never only a log line."""

    case = models.ForeignKey("referrals.Case", on_delete=models.CASCADE, related_name="undelivered_alerts")
    reason = models.CharField(max_length=200, help_text="Why nobody was reached, without personal data.")
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(acknowledged_at__isnull=True), name="one_open_undelivered_alert_per_case"
            )
        ]

    def __str__(self):
        return f"undelivered alert for case {self.case_id}"
