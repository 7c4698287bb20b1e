"""Staff-facing labels for an intake's flags. Short and clinical: these are for counsellors, not the public."""

FLAG_LABELS = {
    "emergency_now": "Emergency now",
    "suicide_risk_high": "Suicide risk: high",
    "suicide_risk_moderate": "Suicide risk: moderate",
    "suicide_risk_low": "Suicide risk: low",
    "recent_overdose": "Overdose in last 30 days",
    "pregnancy": "Pregnant or may be",
    "minor": "Under 18",
    "active_withdrawal": "In withdrawal now",
    "sedative_co_use": "Daily sedatives or alcohol",
    "fentanyl": "Fentanyl use",
    "injecting": "Injecting",
    "overdose_risk_after_detox": "Overdose risk after detox",
    "qt_review": "QT review (heart rhythm)",
    "liver_review": "Liver review",
    "co_occurring_mental_health": "Mood/anxiety screen positive",
    "environment_risk": "Housing or home risk",
    "current_moud": "On MOUD now",
    "naloxone": "Offer naloxone",
    "no_opioid_use": "No opioid use",
}


def flag_label(flag: str) -> str:
    return FLAG_LABELS.get(flag, flag.replace("_", " ").capitalize())


def top_flags(flags, limit: int = 3) -> list[str]:
    """The first flags of a case: ``Case.flags`` is stored most important first."""
    return list(flags or ())[:limit]
