"""Fixtures and helpers shared by tests/jobs and tests/messaging (imported by both conftests)."""

from datetime import timedelta

import factory
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from config.celery import app as celery_app
from referrals.models import FollowUp
from tests.factories import CaseFactory, UserFactory
from tests.messaging.backends import FailingEmailBackend, MemorySMSBackend

# Words no message may contain: clinical, drug and specialty words (the list and their relatives).
FORBIDDEN_WORDS = (
    "heroin", "opioid", "opiate", "fentanyl", "methadone", "buprenorphine", "suboxone", "subutex", "naltrexone",
    "vivitrol", "naloxone", "narcan", "narcotic", "detox", "addict", "rehab", "overdose", "treatment", "withdraw",
    "drug", "substance", "recovery", "sober", "relapse", "clinic", "health", "medical", "medic", "therap",
    "counsel", "diagnos", "prescri", "patient", "abuse", "dependen", "samhsa", "mental", "psych", "crisis",
    "symptom", "pregnan", "inject", "dose",
)
# Short ones, as whole words only.
FORBIDDEN_WHOLE_WORDS = ("mat", "oud", "sud", "moud", "otp", "aa", "na")


@pytest.fixture(autouse=True)
def jobs_settings(settings):
    """No quiet hours unless a test sets them; texts kept in memory; tasks in-process."""
    settings.MESSAGING_QUIET_HOURS = ""
    settings.SMS_BACKEND = "tests.messaging.backends.MemorySMSBackend"
    settings.ON_CALL_ALERT_EMAILS = []
    settings.SITE_URL = "https://intake.example.org"
    settings.MESSAGING_REDRIVE_AFTER = 120
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast staff users
    MemorySMSBackend.sent.clear()
    MemorySMSBackend.fail_with = None
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield settings
    celery_app.conf.task_always_eager = eager
    MemorySMSBackend.fail_with = None


@pytest.fixture
def sms_outbox():
    return MemorySMSBackend.sent


@pytest.fixture
def failing_email(settings):
    settings.EMAIL_BACKEND = "tests.messaging.backends.FailingEmailBackend"
    return FailingEmailBackend


def quiet_hours_around_now() -> str:
    """A quiet-hours setting that covers the current clinic time."""
    local = timezone.localtime()
    return f"{local - timedelta(hours=1):%H:%M}-{local + timedelta(hours=1):%H:%M}"


def quiet_hours_away_from_now() -> str:
    local = timezone.localtime()
    return f"{local + timedelta(hours=2):%H:%M}-{local + timedelta(hours=3):%H:%M}"


def staff(group: str, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def texting_case(**kwargs):
    """A consented person who prefers texts and said they are safe."""
    return CaseFactory(**{"preferred_method": "text", "text_safe": True, **kwargs})


def emailing_case(**kwargs):
    return CaseFactory(**{"preferred_method": "email", "email": "sam@example.net", **kwargs})


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    case = factory.SubFactory(CaseFactory, preferred_method="text", text_safe=True)
    check_in_day = 7
    reason = "Check-in 7 days after referral"
    due_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=5))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``committed(job, *args)`` runs a job and then its on-commit callbacks, as a real commit would (the test
    transaction itself never commits)."""

    def run(job, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job(*args, **kwargs)

    return run
