"""``manage.py bench_data``: a seeded, realistic benchmark data set made through the models."""

from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from bench import data
from bench.management.commands.bench_data import Command
from intake.models import Intake
from messaging.models import Message
from referrals.models import OPEN_STATUSES, Case, CaseEvent, FollowUp, Referral, Source

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def test_the_mix_is_realistic():
    data.generate(1200, seed=3, now=NOW)
    cases = list(Case.objects.select_related("intake"))
    sources = Counter(case.source for case in cases)
    open_share = sum(case.status in OPEN_STATUSES for case in cases) / len(cases)
    assert len(cases) == 1200
    assert 0.25 < open_share < 0.45, "about a third open"
    assert sources[Source.INTAKE] > sources[Source.CALLBACK] > sources[Source.CRISIS_CALLBACK] > 0
    assert all(case.intake.result["urgency"] == case.urgency for case in cases if case.source == Source.INTAKE)
    assert all(case.created_at <= NOW and case.due_at > case.created_at for case in cases)
    assert all(case.first_contact_at is None for case in cases if case.status == "new")
    assert Message.objects.filter(kind=Message.Kind.CONFIRMATION).count() == 1200
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.OPENED).count() == 1200
    referred = Referral.objects.count()
    assert referred > 0 and FollowUp.objects.filter(check_in_day__isnull=False).count() == 4 * referred
    assert FollowUp.objects.filter(status=FollowUp.Status.PENDING, due_at__lte=NOW).exists(), "some are due now"


def test_the_same_seed_makes_the_same_cases():
    data.generate(50, seed=7, now=NOW)
    first = list(Case.objects.order_by("pk").values_list("reference", "urgency", "status", "created_at"))
    Case.objects.all().delete()
    Intake.objects.all().delete()
    data.generate(50, seed=7, now=NOW)
    assert list(Case.objects.order_by("pk").values_list("reference", "urgency", "status", "created_at")) == first


def test_the_command_fills_only_an_empty_database():
    call_command(Command(), cases=20)
    assert Case.objects.count() == 20
    with pytest.raises(CommandError, match="already has cases"):
        call_command(Command(), cases=20)
    call_command(Command(), cases=20, seed=17, append=True)
    assert Case.objects.count() == 40 and Case.objects.values("reference").distinct().count() == 40
