"""Cases in the counsellor queue and what happens to them.

A case is opened by a submitted intake or a call-back request. It holds the person's contact details and
preferences (the only place they live), its urgency and due time, and its workflow status. Everything that
happens to a case is a ``CaseEvent`` on its timeline.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

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


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"


class BestTime(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"
    ANY = "any", "Any time"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def in_queue_order(self):
        return self.order_by("urgency_rank", "due_at", "created_at")

    def overdue(self, now):
        """Open cases nobody has tried to contact yet although their due time has passed."""
        return self.open().filter(first_contact_at__isnull=True, due_at__lt=now)


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
        help_text="When a counsellor first tried to contact the person (any outcome): the moment the case stopped "
        "waiting on us. Its due time is met when this is on or before due_at.",
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
    email = models.EmailField(blank=True)
    preferred_method = models.CharField(max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE)
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    voicemail_safe = models.BooleanField(default=False)
    text_safe = models.BooleanField(default=False)
    own_words = models.TextField(blank=True, help_text="Anything the person chose to tell us in their own words.")
    consent_contact = models.BooleanField(default=False)
    consent_share = models.BooleanField(default=False)
    consent_version = models.CharField(max_length=20, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "urgency_rank", "due_at"], name="case_queue_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="case_urgency_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="case_status_valid"),
        ]
        permissions = [
            ("reassign_case", "Can assign cases to any counsellor"),
            ("view_metrics", "Can see queue metrics"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.urgency_rank = URGENCY_RANK[Urgency(self.urgency)]
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaiting_first_contact(self) -> bool:
        return self.first_contact_at is None and self.is_open


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
    service = models.ForeignKey("Service", null=True, on_delete=models.SET_NULL, related_name="referrals")
    service_at_location = models.ForeignKey(
        "ServiceAtLocation", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
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


# --- Provider directory (Open Referral HSDS 3.0 shaped) -----------------------------------------------------------
#
# Organization → Service → ServiceAtLocation ← Location, with Phone and Schedule hanging off any of them, as in
# HSDS. Ids are UUIDs as HSDS requires, so the export never reveals row counts. Services carry taxonomy terms: the
# intake's care option ids and the SAMHSA locator service codes (types of care, medications, payment accepted),
# which makes the matching filters data rather than code.


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    alternate_name = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    samhsa_frid = models.CharField("SAMHSA facility id", max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language spoken at a service without an interpreter (ISO 639-1 code)."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Taxonomy(models.TextChoices):
    CARE_OPTION = "care_option", "Care option (intake)"
    SAMHSA = "samhsa", "SAMHSA locator service code"


class TaxonomyTerm(models.Model):
    """One term of a controlled vocabulary: a care option id, or a SAMHSA locator code such as METH or MD."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.CharField(max_length=20, choices=Taxonomy.choices)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=120)
    category = models.CharField(
        max_length=10, blank=True, help_text="SAMHSA category code: TC type of care, OM medication, PAY payment, ..."
    )
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["taxonomy", "category", "code"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="term_code_unique_in_taxonomy")]

    def __str__(self):
        return f"{self.code} – {self.name}"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class ServiceQuerySet(models.QuerySet):
    def for_export(self):
        return self.select_related("organization").prefetch_related(
            "terms",
            "languages",
            "phones",
            "schedules",
            "locations_at__location__phones",
            "locations_at__location__schedules",
            "locations_at__phones",
            "locations_at__schedules",
        )


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    application_process = models.TextField(blank=True, help_text="How to get in: walk-in, referral, phone first ...")
    fees_description = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="services")
    terms = models.ManyToManyField(
        TaxonomyTerm, blank=True, related_name="services", help_text="Care options offered and SAMHSA service codes."
    )
    accepting_new_patients = models.BooleanField(default=True)
    capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="New-patient intake slots open this week, if the provider tells us."
    )
    capacity_updated_at = models.DateTimeField(null=True, blank=True)
    assured_date = models.DateField("last verified", null=True, blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="last verified by",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_valid",
            )
        ]

    def __str__(self):
        return f"{self.organization.name}: {self.name}"

    def clean(self):
        if self.minimum_age is not None and self.maximum_age is not None and self.minimum_age > self.maximum_age:
            raise ValidationError({"maximum_age": "The maximum age must not be below the minimum age."})

    def serves_age(self, age: int | None) -> bool:
        if age is None:
            return True
        return (self.minimum_age is None or age >= self.minimum_age) and (
            self.maximum_age is None or age <= self.maximum_age
        )


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical (people visit)"
    VIRTUAL = "virtual", "Virtual (telehealth or phone only)"


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200)
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    description = models.TextField(blank=True)
    transportation = models.CharField(max_length=200, blank=True, help_text="e.g. bus lines and subway stops nearby")
    address_1 = models.CharField(max_length=200, blank=True)
    address_2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state_province = models.CharField("state", max_length=2, blank=True)
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    country = models.CharField(max_length=2, default="US")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["organization__name", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.location_type == LocationType.PHYSICAL:
            missing = [f for f in ("address_1", "city", "state_province", "postal_code") if not getattr(self, f)]
            if missing:
                raise ValidationError(dict.fromkeys(missing, "A physical location needs a full address."))

    @property
    def has_address(self) -> bool:
        return bool(self.address_1 and self.city and self.state_province and self.postal_code)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations_at")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_at")
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "service at location"
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_once_per_location")]

    def __str__(self):
        return f"{self.service.name} at {self.location.name}"


class _AttachedToDirectory(models.Model):
    """Phones and schedules hang off an organization, a service, a location or a service at a location."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )

    class Meta:
        abstract = True

    def clean(self):
        owners = [self.organization_id, self.service_id, self.location_id, self.service_at_location_id]
        if sum(owner is not None for owner in owners) != 1:
            raise ValidationError("Attach this to exactly one organization, service, location or service at location.")


class Phone(_AttachedToDirectory):
    class Type(models.TextChoices):
        VOICE = "voice", "Voice"
        TEXT = "text", "Text"
        FAX = "fax", "Fax"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=32)
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(max_length=200, blank=True, help_text="e.g. Intake line, 24/7")

    def __str__(self):
        return self.number


class Schedule(_AttachedToDirectory):
    """Weekly opening hours on the given days (an iCal RRULE with FREQ=WEEKLY, as HSDS schedules are)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    byday = models.CharField(
        "days", max_length=40, help_text="iCal day codes separated by commas, e.g. MO,TU,WE,TH,FR"
    )
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    description = models.CharField(max_length=200, blank=True, help_text="e.g. Walk-in intake until 11am")

    class Meta:
        ordering = ["opens_at"]

    def __str__(self):
        return f"{self.byday} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self):
        super().clean()
        days = [day.strip() for day in self.byday.upper().split(",") if day.strip()]
        if not days or any(day not in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"} for day in days):
            raise ValidationError({"byday": "Use the day codes MO, TU, WE, TH, FR, SA, SU separated by commas."})
        self.byday = ",".join(days)

