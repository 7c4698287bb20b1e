"""A realistic, seeded data set for the benchmarks: ``N`` cases with their intakes, timelines, messages, referrals
and follow-ups, written through the models with bulk inserts (``manage.py bench_data --cases N``).

The mix: cases opened evenly over two years; 70% questionnaires (the engine's real results for the clinical vignettes),
27% call-back requests and 3% crisis call-backs; about a third open (nearly all of the last two days' cases,
a quarter of the older ones); the others closed, half of them after a referral with four check-ins. The same seed
and count give the same rows.
"""

import json
import random
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import COUNSELLORS, SUPERVISORS
from directory.models import Location, Organization, Service, ServiceAtLocation
from intake.engine.questionnaire import QUESTIONNAIRE_VERSION
from intake.engine.recommend import recommend
from intake.models import Intake
from intake.submission import ordered_flags
from messaging.models import Message
from referrals import phones, sla
from referrals.models import (
    OPEN_STATUSES,
    REFERENCE_ALPHABET,
    URGENCY_RANK,
    Case,
    CaseEvent,
    FollowUp,
    Referral,
    Source,
    Status,
    Urgency,
)

VIGNETTES = Path(__file__).resolve().parent.parent / "tests" / "intake" / "vignettes.json"
HISTORY_DAYS = 730
BATCH = 5_000
COUNSELLOR_COUNT = 40
CHECK_IN_DAYS = (1, 7, 30, 90)
SOURCES = ((Source.INTAKE, 70), (Source.CALLBACK, 27), (Source.CRISIS_CALLBACK, 3))
OPEN_MIX = ((Status.NEW, 35), (Status.CONTACTING, 30), (Status.REACHED, 15), (Status.REFERRED, 20))
CLOSED_MIX = (
    (Status.IN_TREATMENT, 35),
    (Status.UNREACHABLE, 30),
    (Status.DECLINED, 20),
    (Status.REFERRED_ELSEWHERE, 10),
    (Status.DUPLICATE, 5),
)
REFERRED = (Status.REFERRED, Status.IN_TREATMENT)
BEST_TIMES = ("morning", "afternoon", "evening", "any")
# Users the benchmark signs in as (sessions are made directly, so they need no password).
SUPERVISOR_USERNAME = "bench-supervisor"
COUNSELLOR_USERNAME = "bench-counsellor-01"


@contextmanager
def keeping_timestamps(*models):
    """Let bulk inserts write the historical times we give them instead of "now" (``auto_now_add``)."""
    fields = [field for model in models for field in model._meta.concrete_fields if getattr(field, "auto_now_add", 0)]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


@dataclass(frozen=True)
class EngineResult:
    answers: dict
    result: dict
    flags: list


def engine_results() -> list[EngineResult]:
    """The engine's real output for every clinical vignette (the worked cases the engine is tested against)."""
    results = []
    for vignette in json.loads(VIGNETTES.read_text(encoding="utf-8")):
        result = recommend(vignette["answers"]).as_dict()
        results.append(EngineResult(vignette["answers"], result, ordered_flags(result["flags"])))
    return results


def directory_sites(count: int = 6) -> list[ServiceAtLocation]:
    """Services to refer to: the directory's, or a few made up for an empty one."""
    if not ServiceAtLocation.objects.exists():
        for number in range(1, count + 1):
            organization = Organization.objects.create(name=f"Bench Treatment Center {number}",
                                                       description="A benchmark provider.")
            service = Service.objects.create(organization=organization, name="Medication treatment")
            location = Location.objects.create(organization=organization, name=f"Site {number}",
                                               address_1=f"{number} Main Street", city="New York",
                                               state_province="NY", postal_code="10001")
            ServiceAtLocation.objects.create(service=service, location=location)
    return list(ServiceAtLocation.objects.select_related("service__organization"))


def pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def staff() -> tuple[list, list]:
    User = get_user_model()
    counsellors_group = Group.objects.get(name=COUNSELLORS)
    supervisors_group = Group.objects.get(name=SUPERVISORS)
    counsellors, supervisors = [], []
    for number in range(1, COUNSELLOR_COUNT + 1):
        user, _ = User.objects.get_or_create(
            username=f"bench-counsellor-{number:02d}", defaults={"first_name": f"Counselor {number}"}
        )
        user.groups.add(counsellors_group)
        counsellors.append(user)
    for username in (SUPERVISOR_USERNAME, "bench-supervisor-02"):
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": "Supervisor"})
        user.groups.add(supervisors_group)
        supervisors.append(user)
    return counsellors, supervisors


class Generator:
    def __init__(self, seed: int, now: datetime):
        self.rng = random.Random(seed)
        self.now = now
        self.engine = engine_results()
        self.counsellors, self.supervisors = staff()
        self.sites = directory_sites()
        self.references = set(Case.objects.values_list("reference", flat=True))
        self.statuses = Counter()

    def reference(self) -> str:
        while True:
            body = "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(8))
            reference = f"{body[:4]}-{body[4:]}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def minutes(self, median: float, cap: timedelta) -> timedelta:
        """A wait drawn from a long-tailed (log-normal) distribution, never past ``cap``."""
        return min(timedelta(minutes=self.rng.lognormvariate(0, 1.2) * median), cap)

    def status(self, age: timedelta) -> str:
        is_open = self.rng.random() < (0.95 if age < timedelta(days=2) else 0.33)
        return pick(self.rng, OPEN_MIX if is_open else CLOSED_MIX)

    def batch(self, size: int) -> None:
        rng = self.rng
        intakes, cases = [], []
        for _ in range(size):
            age = timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86_400))
            created = self.now - age
            source = pick(rng, SOURCES)
            intake, urgency, flags = None, Urgency.ROUTINE, []
            if source == Source.INTAKE:
                engine = rng.choice(self.engine)
                urgency, flags = engine.result["urgency"], engine.flags
                intake = Intake(
                    id=self.uuid(), submitted_at=created, draft_key=self.uuid(),
                    questionnaire_version=QUESTIONNAIRE_VERSION, rules_version=engine.result["rules_version"],
                    answers=engine.answers, result=engine.result, consent_text_version="bench",
                )
                intakes.append(intake)
            elif source == Source.CRISIS_CALLBACK:
                urgency, flags = Urgency.EMERGENCY, ["suicide_risk_high"]
            status = self.status(age)
            self.statuses[status] += 1
            first_contact = None if status == Status.NEW else created + self.minutes(90, age)
            cases.append(Case(
                reference=self.reference(), source=source, intake=intake, urgency=urgency,
                urgency_rank=URGENCY_RANK[urgency], flags=flags, status=status, created_at=created,
                due_at=sla.due_at(urgency, created), first_contact_at=first_contact,
                assigned_to=None if status == Status.NEW and rng.random() < 0.7 else rng.choice(self.counsellors),
                contact_attempts=3 if status == Status.UNREACHABLE else rng.choice((0, 0, 1, 2)),
                closed_at=None if status in OPEN_STATUSES else first_contact + self.minutes(3 * 1440, age),
                first_name=rng.choice(("Sam", "Alex", "Jo", "Chris", "Pat", "Robin")),
                phone=(phone := f"(555) {rng.randrange(100, 1000)}-{rng.randrange(0, 10_000):04d}"),
                phone_e164=phones.e164(phone),
                email="" if rng.random() < 0.6 else f"person{rng.randrange(10**9)}@example.org",
                best_time=rng.choice(BEST_TIMES), voicemail_safe=rng.random() < 0.5, text_safe=rng.random() < 0.6,
                consent_contact=True, consent_version="bench", consented_at=created,
            ))
        Intake.objects.bulk_create(intakes)
        Case.objects.bulk_create(cases)
        self.histories(cases)

    def histories(self, cases: list[Case]) -> None:
        """Each case's timeline, confirmation message, referral and check-ins."""
        rng = self.rng
        events, messages, referrals, follow_ups = [], [], [], []
        for case in cases:
            events.append(CaseEvent(case=case, kind=CaseEvent.Kind.OPENED, created_at=case.created_at,
                                    summary=f"Opened from {case.get_source_display().lower()}"))
            messages.append(Message(
                key=f"confirmation:case:{case.pk}", kind=Message.Kind.CONFIRMATION,
                channel=Message.Channel.SMS if case.text_safe else Message.Channel.EMAIL, status=Message.Status.SENT,
                case=case, created_at=case.created_at, next_attempt_at=case.created_at, attempts=1,
                sent_at=case.created_at,
            ))
            if case.first_contact_at is None:
                continue
            for attempt in range(case.contact_attempts + 1):
                events.append(CaseEvent(case=case, kind=CaseEvent.Kind.CONTACT_ATTEMPT, actor=case.assigned_to,
                                        created_at=case.first_contact_at + timedelta(hours=attempt * 20),
                                        summary="Contact attempt"))
            events.append(CaseEvent(case=case, kind=CaseEvent.Kind.STATUS, actor=case.assigned_to,
                                    created_at=case.first_contact_at, summary=f"Status: {case.get_status_display()}"))
            if case.status in REFERRED:
                referred_at = case.first_contact_at + timedelta(hours=rng.uniform(1, 48))
                site = rng.choice(self.sites)
                referrals.append(Referral(
                    case=case, service=site.service, service_at_location=site,
                    provider_name=site.service.organization.name, service_name=site.service.name,
                    referred_at=referred_at, referred_by=case.assigned_to, consent_share_on_file=False,
                ))
                follow_ups += self.check_ins(case, referred_at)
        CaseEvent.objects.bulk_create(events)
        Message.objects.bulk_create(messages)
        Referral.objects.bulk_create(referrals)
        FollowUp.objects.bulk_create(follow_ups)

    def check_ins(self, case: Case, referred_at: datetime) -> list[FollowUp]:
        follow_ups = []
        for day in CHECK_IN_DAYS:
            due = referred_at + timedelta(days=day)
            past = due <= self.now
            # A few past check-ins are still waiting for the counsellor (dispatched, not yet marked done).
            done = past and self.rng.random() < 0.98
            follow_ups.append(FollowUp(
                case=case, check_in_day=day, due_at=due, reason=f"Check-in {day} day{'s' if day != 1 else ''} after "
                "referral", created_at=referred_at, status=FollowUp.Status.DONE if done else FollowUp.Status.PENDING,
                dispatched_at=due if past else None, completed_at=due + timedelta(hours=4) if done else None,
            ))
        return follow_ups


def generate(cases: int, *, seed: int = 16, now: datetime | None = None, progress=None) -> Counter:
    """Add ``cases`` cases and their histories, in batches of ``BATCH`` rows, each batch its own transaction."""
    generator = Generator(seed, now or timezone.now())
    with keeping_timestamps(Intake, Case, CaseEvent, Message, FollowUp):
        for start in range(0, cases, BATCH):
            with transaction.atomic():
                generator.batch(min(BATCH, cases - start))
            if progress:
                progress(min(start + BATCH, cases))
    return generator.statuses
