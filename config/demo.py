"""Demo data for the embedded development set-up. Never loaded in production mode."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.roles import CONTENT_EDITORS, COUNSELLORS, SUPERVISORS
from directory.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from referrals import sla
from referrals.cases import ContactDetails, open_case
from referrals.models import Case, Source, Urgency


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


DEMO_LOGINS = (
    DemoLogin("counsellor", "demo-counsellor-pass", COUNSELLORS),
    DemoLogin("supervisor", "demo-supervisor-pass", SUPERVISORS),
    DemoLogin("editor", "demo-editor-pass", CONTENT_EDITORS),
    DemoLogin("admin", "demo-admin-pass", "Administrator (superuser)"),
)


def create_staff() -> tuple[DemoLogin, ...]:
    """One login per role, with known passwords (reset on every run so the printed ones always work)."""
    User = get_user_model()
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.first_name = login.username.title()
        user.set_password(login.password)
        user.email = f"{login.username}@example.org"  # so the demo's staff e-mails go out (console backend)
        user.is_superuser = user.is_staff = login.username == "admin"
        # Supervisors edit the provider directory and editors the content, both in the admin.
        if login.role in (SUPERVISORS, CONTENT_EDITORS):
            user.is_staff = True
        user.save()
        if login.role in (COUNSELLORS, SUPERVISORS, CONTENT_EDITORS):
            user.groups.set([Group.objects.get(name=login.role)])
        if login.role == COUNSELLORS:  # on call: the demo's urgent-case alerts reach someone
            # get_or_create: a migration makes the group, but a flushed test database has lost it.
            user.groups.add(Group.objects.get_or_create(name=settings.ON_CALL_GROUP)[0])
    return DEMO_LOGINS


def enrol_two_factor(user) -> str:
    """Give a demo login its authenticator app, with a secret that stays the same across runs (derived from the
    username, so the printed one keeps working); returns the secret as an app takes it."""
    key = hashlib.sha256(f"demo-two-factor-{user.username}".encode()).hexdigest()[:40]
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=two_factor.APP_DEVICE_NAME, defaults={"key": key, "confirmed": True}
    )
    return two_factor.secret_for_people(device)


# --- Demo directory -----------------------------------------------------------------------------------------------

DEMO_NAMESPACE = uuid.UUID("3b1f6a52-8f0e-5c7a-9d43-0c6a1d2e7f10")

WEEKDAYS = "MO,TU,WE,TH,FR"


@dataclass(frozen=True)
class DemoSite:
    name: str
    kind: str  # "physical" or "virtual"
    address_1: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    phone: str = ""
    hours: tuple = ()  # (byday, opens, closes, description)
    transportation: str = ""


@dataclass(frozen=True)
class DemoProvider:
    organization: str
    description: str
    service: str
    care_options: tuple[str, ...]
    samhsa: tuple[str, ...]
    sites: tuple[DemoSite, ...]
    languages: tuple[str, ...] = ("en",)
    minimum_age: int | None = 18
    maximum_age: int | None = None
    accepting: bool = True
    capacity: int | None = None
    verified_days_ago: int | None = 14
    application_process: str = ""
    website: str = ""


DEMO_PROVIDERS = (
    DemoProvider(
        organization="Harbor Opioid Treatment Program",
        description="A certified opioid treatment program in Midtown Manhattan.",
        service="Methadone and buprenorphine maintenance",
        care_options=("mat_methadone", "mat_buprenorphine", "outpatient", "aftercare"),
        samhsa=("OTP", "METH", "BU", "OP", "MD", "MC", "PI", "SS"),
        sites=(
            DemoSite("Harbor OTP – West 37th Street", "physical", "412 West 37th Street", "New York", "NY", "10018",
                     "(212) 555-0141", (("MO,TU,WE,TH,FR", "06:00", "14:00", "Dosing; walk-in intake until 11am"),
                                         ("SA", "07:00", "11:00", "Dosing only")), "34 St–Penn Station"),
        ),
        languages=("en", "es"),
        capacity=4,
        application_process="Walk in before 11am on a weekday, or call the intake line.",
        website="https://harbor-otp.example.org",
    ),
    DemoProvider(
        organization="Brooklyn Bridge Recovery Center",
        description="Office-based medication treatment and counselling, in person or by video.",
        service="Office-based buprenorphine and naltrexone",
        care_options=("mat_buprenorphine", "mat_naltrexone", "outpatient", "aftercare", "detox_outpatient"),
        samhsa=("BU", "NU", "VTRL", "OP", "DT", "TELE", "MD", "PI", "SF"),
        sites=(
            DemoSite("Brooklyn Bridge – Downtown Brooklyn", "physical", "88 Court Street", "Brooklyn", "NY", "11201",
                     "(718) 555-0177", ((WEEKDAYS, "09:00", "19:00", "Same-week appointments"),), "Borough Hall"),
            DemoSite("Brooklyn Bridge – Telehealth", "virtual", phone="(718) 555-0178",
                     hours=((WEEKDAYS, "08:00", "20:00", "Video visits"),)),
        ),
        languages=("en", "ru", "es"),
        minimum_age=16,
        capacity=10,
    ),
    DemoProvider(
        organization="Bronx Community Health",
        description="A community health centre with an addiction medicine clinic, including an adolescent programme.",
        service="Addiction medicine clinic",
        care_options=("mat_buprenorphine", "detox_outpatient", "outpatient", "aftercare"),
        samhsa=("BU", "DT", "OP", "CO", "MD", "MC", "NP", "SS", "PA"),
        sites=(
            DemoSite("Bronx Community Health – 149th Street", "physical", "560 East 149th Street", "Bronx", "NY",
                     "10455", "(718) 555-0123", ((WEEKDAYS, "08:30", "17:00", ""),), "3 Av–149 St"),
        ),
        languages=("en", "es", "fr"),
        minimum_age=12,
        application_process="Call the intake line; same-day visits for people in withdrawal.",
    ),
    DemoProvider(
        organization="Hudson Valley Residential Treatment",
        description="Medically supported withdrawal and residential rehabilitation in the Hudson Valley.",
        service="Inpatient withdrawal and residential stay",
        care_options=("detox_inpatient", "inpatient_stay", "mat_buprenorphine", "aftercare"),
        samhsa=("DT", "RES", "BU", "MD", "PI", "SF"),
        sites=(
            DemoSite("Hudson Valley – Kingston campus", "physical", "200 Albany Avenue", "Kingston", "NY", "12401",
                     "(845) 555-0190", (("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59", "Admissions 24/7"),)),
        ),
        capacity=2,
        verified_days_ago=45,
    ),
    DemoProvider(
        organization="Newark Medication Treatment Clinic",
        description="Methadone, buprenorphine and injectable naltrexone in Newark.",
        service="Medication treatment for opioid use disorder",
        care_options=("mat_methadone", "mat_buprenorphine", "mat_naltrexone", "outpatient"),
        samhsa=("OTP", "METH", "BU", "NU", "VTRL", "OP", "MD", "SF"),
        sites=(
            DemoSite("Newark clinic – Broad Street", "physical", "1020 Broad Street", "Newark", "NJ", "07102",
                     "(973) 555-0155", ((WEEKDAYS, "06:30", "15:00", ""),)),
        ),
        accepting=False,
        verified_days_ago=90,
    ),
    DemoProvider(
        organization="Queens Women's Recovery Program",
        description="Medication treatment and counselling for women, including during pregnancy and after birth.",
        service="Women's and perinatal medication treatment",
        care_options=("mat_methadone", "mat_buprenorphine", "outpatient", "aftercare"),
        samhsa=("METH", "BU", "OP", "CO", "MD", "PI", "NP"),
        sites=(
            DemoSite("Queens Women's Recovery – Jamaica", "physical", "90-04 161st Street", "Jamaica", "NY", "11432",
                     "(718) 555-0166", ((WEEKDAYS, "08:00", "16:00", "Childcare on site"),), "Jamaica Center"),
        ),
        languages=("en", "es", "bn"),
        minimum_age=16,
        capacity=3,
    ),
    DemoProvider(
        organization="Telehealth Bridge Clinic",
        description="Buprenorphine starts by video, with prescriptions sent to a local pharmacy.",
        service="Telehealth buprenorphine",
        care_options=("mat_buprenorphine", "outpatient", "aftercare"),
        samhsa=("BU", "OP", "TELE", "PI", "MC", "SF", "SS"),
        sites=(
            DemoSite("Telehealth Bridge – video visits", "virtual", phone="(646) 555-0102",
                     hours=(("MO,TU,WE,TH,FR,SA,SU", "07:00", "23:00", ""),)),
        ),
        minimum_age=18,
    ),
)


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, "/".join(parts))


def create_directory(verified_by=None) -> int:
    """Create or refresh the demo providers (stable ids, so running it twice changes nothing). Returns how many."""
    terms = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    today = timezone.localdate()
    for provider in DEMO_PROVIDERS:
        org, _ = Organization.objects.update_or_create(
            id=_id(provider.organization),
            defaults={"name": provider.organization, "description": provider.description,
                      "website": provider.website},
        )
        service, _ = Service.objects.update_or_create(
            id=_id(provider.organization, provider.service),
            defaults={
                "organization": org,
                "name": provider.service,
                "description": provider.description,
                "minimum_age": provider.minimum_age,
                "maximum_age": provider.maximum_age,
                "accepting_new_patients": provider.accepting,
                "capacity": provider.capacity,
                "capacity_updated_at": timezone.now() if provider.capacity is not None else None,
                "application_process": provider.application_process,
                "assured_date": (
                    today - timedelta(days=provider.verified_days_ago) if provider.verified_days_ago else None
                ),
                "assured_by": verified_by,
            },
        )
        service.terms.set(
            [terms[(Taxonomy.CARE_OPTION, code)] for code in provider.care_options]
            + [terms[(Taxonomy.SAMHSA, code)] for code in provider.samhsa]
        )
        service.languages.set([languages[code] for code in provider.languages])
        for site in provider.sites:
            location, _ = Location.objects.update_or_create(
                id=_id(provider.organization, site.name),
                defaults={
                    "organization": org,
                    "name": site.name,
                    "location_type": site.kind,
                    "address_1": site.address_1,
                    "city": site.city,
                    "state_province": site.state,
                    "postal_code": site.postal_code,
                    "transportation": site.transportation,
                },
            )
            ServiceAtLocation.objects.update_or_create(
                id=_id(provider.organization, provider.service, site.name),
                defaults={"service": service, "location": location},
            )
            if site.phone:
                Phone.objects.update_or_create(
                    id=_id(site.name, "phone"),
                    defaults={"location": location, "number": site.phone, "description": "Intake line"},
                )
            for index, (byday, opens, closes, description) in enumerate(site.hours):
                Schedule.objects.update_or_create(
                    id=_id(site.name, "hours", str(index)),
                    defaults={"location": location, "byday": byday, "opens_at": opens, "closes_at": closes,
                              "description": description},
                )
    return len(DEMO_PROVIDERS)


# --- Demo cases ---------------------------------------------------------------------------------------------------

# A complete, valid answers object (vignette P01 of the clinical spec): daily heroin use, stable life, open to
# medication. The demo cases vary it.
BASE_ANSWERS = {
    "danger_now": False, "cssrs_1": False, "cssrs_2": False, "cssrs_6": False, "age": 34,
    "pregnant": "not_applicable", "postcode": "10001", "opioids_used": ["heroin"], "other_substances": ["none"],
    "injects": False, "use_frequency": "daily", "use_duration": "1_to_5_years", "last_use": "4_to_7_days",
    "overdose_history": "never", "dast_1": True, "dast_2": False, "dast_3": False, "dast_4": False, "dast_5": True,
    "dast_6": False, "dast_7": True, "dast_8": False, "dast_9": True, "dast_10": False, "phq_1": 0, "phq_2": 0,
    "gad_1": 0, "gad_2": 0, "conditions": ["none"], "current_moud": "none", "previous_treatment": ["none"],
    "complicated_withdrawal": False, "goal": "stop_with_medication", "medication_openness": "yes",
    "preferred_medicine": "no_preference", "housing": "stable", "others_use_at_home": False, "support_person": True,
    "can_attend_daily": "yes",
    "responsibilities": ["work"], "setting_preference": "no_preference", "insurance": "medicaid",
}


@dataclass(frozen=True)
class DemoCase:
    hours_ago: float
    contact: ContactDetails
    answers: dict | None = None  # changes to BASE_ANSWERS (None drops one); None: a call-back without a questionnaire
    source: str = Source.INTAKE
    urgency: str = Urgency.ROUTINE  # only for call-backs; an intake's urgency comes from the engine
    flags: tuple[str, ...] = ()
    # A crisis call-back asked for from inside the questionnaire: what was answered, and the page it stopped at.
    answers_so_far: dict | None = None
    stopped_at_page: int | None = None


DEMO_CASES = (
    DemoCase(0.1, ContactDetails(phone="(212) 555-0101", first_name="Jordan", best_time="any", voicemail_safe=False,
                                 text_safe=True, consent_contact=True), None, Source.CRISIS_CALLBACK,
             Urgency.EMERGENCY, ("suicide_risk_high",),
             answers_so_far={"danger_now": False, "cssrs_1": True, "cssrs_2": True, "cssrs_6": False,
                             "cssrs_3": True, "cssrs_4": True, "cssrs_5": False},
             stopped_at_page=3),
    DemoCase(1.5, ContactDetails(phone="(212) 555-0102", first_name="Maria", best_time="morning",
                                 voicemail_safe=True, text_safe=True, consent_contact=True, consent_share=True,
                                 own_words="I'm 5 months pregnant and scared to stop on my own."),
             {"pregnant": "yes", "medication_openness": "no", "preferred_medicine": None, "age": 27,
              "postcode": "11432"}),
    DemoCase(3, ContactDetails(phone="(212) 555-0103", first_name="Chris", best_time="evening", voicemail_safe=False,
                               text_safe=False, consent_contact=True, consent_share=False),
             {"overdose_history": "within_30_days", "insurance": "aetna", "postcode": "11201"}),
    DemoCase(20, ContactDetails(phone="(212) 555-0104", first_name="Sam", best_time="afternoon", voicemail_safe=True,
                                text_safe=True, consent_contact=True, consent_share=True,
                                own_words="I want to start buprenorphine, I work days."),
             {"postcode": "10018", "preferred_medicine": "buprenorphine"}),
    DemoCase(26, ContactDetails(phone="(212) 555-0105", best_time="any", voicemail_safe=True, text_safe=False,
                                consent_contact=True, consent_share=True),
             {"opioids_used": ["heroin", "fentanyl"], "injects": True, "insurance": "self_pay", "postcode": "10455"}),
    DemoCase(50, ContactDetails(phone="(212) 555-0106", first_name="Lee", best_time="morning", voicemail_safe=True,
                                text_safe=True, consent_contact=True, consent_share=True),
             {"current_moud": "methadone", "preferred_medicine": None, "insurance": "medicare", "age": 58,
              "postcode": "10018"}),
    DemoCase(80, ContactDetails(phone="(212) 555-0107", first_name="Alex", best_time="any", voicemail_safe=False,
                                text_safe=True, consent_contact=True), None, Source.CALLBACK, Urgency.ROUTINE),
)


def _engine():
    """The intake engine and what an intake records, or None when the intake app doesn't provide them yet."""
    try:
        from intake.engine.questionnaire import QUESTIONNAIRE_VERSION
        from intake.engine.recommend import recommend
        from intake.models import Intake
        from intake.submission import ordered_flags
    except ImportError:
        return None
    return Intake, QUESTIONNAIRE_VERSION, recommend, ordered_flags


def _intake(engine, changes: dict):
    Intake, questionnaire_version, recommend, _ = engine
    answers = {key: value for key, value in {**BASE_ANSWERS, **changes}.items() if value is not None}
    result = recommend(answers).as_dict()
    intake = Intake.objects.create(
        draft_key=uuid.uuid4(),
        questionnaire_version=questionnaire_version,
        rules_version=result["rules_version"],
        answers=answers,
        result=result,
        consent_text_version="demo",
    )
    return intake, result


def create_cases() -> int:
    """A handful of open cases of every urgency so the demo queue is alive. Only into an empty queue."""
    if Case.objects.exists():
        return 0
    engine = _engine()
    now = timezone.now()
    for demo in DEMO_CASES:
        intake, urgency, flags, source = None, demo.urgency, demo.flags, demo.source
        if demo.answers is not None and engine is not None:
            intake, result = _intake(engine, demo.answers)
            urgency, flags = result["urgency"], engine[3](result["flags"])
        elif demo.answers is not None:
            source = Source.CALLBACK  # no engine available: the same person as a plain call-back request
        case = open_case(source=source, urgency=urgency, contact=demo.contact, flags=flags, intake=intake,
                         answers_so_far=demo.answers_so_far, stopped_at_page=demo.stopped_at_page)
        opened = now - timedelta(hours=demo.hours_ago)
        # Backdate so "waited" and "due" look like a real morning's queue.
        Case.objects.filter(pk=case.pk).update(created_at=opened, due_at=sla.due_at(urgency, opened))
        case.events.update(created_at=opened)
    return len(DEMO_CASES)
