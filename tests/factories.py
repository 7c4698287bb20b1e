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


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    source = Source.CALLBACK
    urgency = Urgency.ROUTINE
    due_at = factory.LazyAttribute(lambda case: sla.due_at(case.urgency, timezone.now()))
    first_name = "Sam"
    phone = factory.Sequence(lambda n: f"555-01{n:02d}")
    consent_contact = True
