"""The provider directory, shaped as Open Referral HSDS 3.0.

Organization → Service → ServiceAtLocation ← Location, with Phone and Schedule hanging off any of them, as in
HSDS. Ids are UUIDs as HSDS requires, so the export never reveals row counts. Services carry taxonomy terms: the
intake's care option ids and the SAMHSA locator service codes (types of care, medications, payment accepted),
which makes the matching filters data rather than code. Nothing here knows about cases or people.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


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

