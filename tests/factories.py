"""factory-boy factories shared across the test suite."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from referrals import sla
from referrals.models import Case, Source, Urgency


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # set_password only changes the instance: store the hash, or the user can't sign in (and a forced login's
        # session hash wouldn't match the stored password, so it would be dropped on the next request).
        if create:
            instance.save(update_fields=["password"])


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    source = Source.CALLBACK
    urgency = Urgency.ROUTINE
    due_at = factory.LazyAttribute(lambda case: sla.due_at(case.urgency, timezone.now()))
    first_name = "Sam"
    phone = factory.Sequence(lambda n: f"555-01{n:02d}")
    consent_contact = True


# --- Provider directory (referrals) -------------------------------------------------------------------------------


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "directory.Organization"

    name = factory.Sequence(lambda n: f"Provider {n}")
    description = "A treatment provider."


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service; ``terms=["mat_buprenorphine", "MD"]`` tags it with care option ids and SAMHSA codes."""

    class Meta:
        model = "directory.Service"
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    minimum_age = 18

    @factory.post_generation
    def terms(self, create, codes, **kwargs):
        from directory.models import TaxonomyTerm

        if create and codes:
            self.terms.set(TaxonomyTerm.objects.filter(code__in=codes))


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "directory.Location"

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    address_1 = "1 Main Street"
    city = "New York"
    state_province = "NY"
    postal_code = "10001"


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "directory.ServiceAtLocation"

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory, organization=factory.SelfAttribute("..service.organization"))


# --- Intakes, outbox messages and audit events --------------------------------------------------------------------


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "intake.Intake"

    draft_key = factory.Faker("uuid4", cast_to=None)
    questionnaire_version = "test"
    rules_version = "test"
    answers = factory.LazyFunction(lambda: {"danger_now": False, "age": 34})
    result = factory.LazyFunction(lambda: {"urgency": "routine", "care_options": [], "flags": []})
    consent_text_version = "test"


class MessageFactory(factory.django.DjangoModelFactory):
    """An outbox row; ``status``, ``kind`` and ``next_attempt_at`` set the scene."""

    class Meta:
        model = "messaging.Message"

    key = factory.Sequence(lambda n: f"test:{n}")
    kind = "confirmation"
    channel = "email"
    case = factory.SubFactory(CaseFactory)
    next_attempt_at = factory.LazyFunction(timezone.now)


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "referrals.AuditEvent"

    actor_username = "system"
    action = "case_viewed"
    case_reference = ""
