"""Controlled vocabularies of the provider directory.

* Care option ids (intake-spec.md §3) and SAMHSA locator service codes (FindTreatment.gov ``sCodes``,
  design/anchors.md §1) become ``TaxonomyTerm`` rows, synced after every ``migrate`` like the roles, so that a term
  added here reaches existing installations and the matching filters are data.
* The person's insurance answer maps to the SAMHSA payment codes a service must accept.
"""

from django.db.models.signals import post_migrate

CARE_OPTIONS = {
    "mat_buprenorphine": "Buprenorphine",
    "mat_methadone": "Methadone",
    "mat_naltrexone": "Naltrexone",
    "detox_inpatient": "Inpatient withdrawal care",
    "detox_outpatient": "Outpatient withdrawal care",
    "inpatient_stay": "Inpatient / residential stay",
    "outpatient": "Outpatient treatment",
    "aftercare": "Aftercare and recovery support",
}

# (category, code, name). Categories follow the locator: TC type of care, OT opioid treatment, OM opioid
# medications, PAY payment accepted.
SAMHSA_CODES = (
    ("TC", "DT", "Detoxification"),
    ("TC", "OP", "Outpatient"),
    ("TC", "RES", "Residential (non-hospital)"),
    ("TC", "HI", "Hospital inpatient"),
    ("TC", "HH", "Transitional or halfway house"),
    ("TC", "CO", "Co-occurring mental health and substance use"),
    ("TC", "TELE", "Telemedicine / telehealth"),
    ("OT", "OTP", "Certified opioid treatment program"),
    ("OM", "METH", "Methadone"),
    ("OM", "BU", "Buprenorphine"),
    ("OM", "NU", "Naltrexone"),
    ("OM", "VTRL", "Extended-release injectable naltrexone"),
    ("PAY", "PI", "Private health insurance"),
    ("PAY", "MD", "Medicaid"),
    ("PAY", "MC", "Medicare"),
    ("PAY", "MI", "Military insurance (TRICARE)"),
    ("PAY", "SF", "Cash or self-payment"),
    ("PAY", "SS", "Sliding fee scale"),
    ("PAY", "PA", "Payment assistance"),
    ("PAY", "NP", "No payment accepted (free)"),
    ("PAY", "ITU", "IHS / Tribal / Urban (ITU) funds"),
)

PRIVATE_PLANS = (
    "cigna",
    "aetna",
    "united_healthcare",
    "humana",
    "blue_cross_blue_shield",
    "kaiser_permanente",
    "other_private",
)

# The intake's ``insurance`` answer → SAMHSA payment codes, any one of which the service must accept. The locator
# records "private insurance", not plan networks, so a named plan matches PI and the counsellor checks the network
# on the call. ``not_sure`` (or no answer) filters nothing.
INSURANCE_PAYMENT_CODES: dict[str, frozenset[str]] = {
    "medicaid": frozenset({"MD"}),
    "medicare": frozenset({"MC"}),
    **{plan: frozenset({"PI"}) for plan in PRIVATE_PLANS},
    "self_pay": frozenset({"SF", "SS"}),
    "none": frozenset({"NP", "SS", "PA"}),
}

INSURANCE_LABELS = {
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "cigna": "Cigna",
    "aetna": "Aetna",
    "united_healthcare": "UnitedHealthcare",
    "humana": "Humana",
    "blue_cross_blue_shield": "Blue Cross Blue Shield",
    "kaiser_permanente": "Kaiser Permanente",
    "other_private": "Other private insurance",
    "self_pay": "Paying themselves",
    "none": "No insurance, can't pay",
    "not_sure": "Not sure",
}

LANGUAGES = (
    ("en", "English"),
    ("es", "Spanish"),
    ("zh", "Chinese"),
    ("ru", "Russian"),
    ("ht", "Haitian Creole"),
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("ko", "Korean"),
    ("fr", "French"),
    ("pl", "Polish"),
)


def care_option_label(option: str) -> str:
    return CARE_OPTIONS.get(option, option.replace("_", " ").capitalize())


def sync_vocabulary(**kwargs):
    """Create or update the taxonomy terms and languages. Never deletes: services may still carry old terms."""
    from directory.models import Language, Taxonomy, TaxonomyTerm

    for code, name in CARE_OPTIONS.items():
        TaxonomyTerm.objects.update_or_create(
            taxonomy=Taxonomy.CARE_OPTION, code=code, defaults={"name": name, "category": ""}
        )
    for category, code, name in SAMHSA_CODES:
        TaxonomyTerm.objects.update_or_create(
            taxonomy=Taxonomy.SAMHSA, code=code, defaults={"name": name, "category": category}
        )
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})


def connect_signals(app_config):
    post_migrate.connect(sync_vocabulary, sender=app_config, dispatch_uid="directory.sync_vocabulary")
