"""What the results page says about the engine's flags and urgency, in plain, calm words.

Advice is practical and kind: it never diagnoses, never names a dose, and never frightens. Flags that are only for
the counselor (``current_moud``, ``no_opioid_use`` ...) either get a reassuring line or none. The texts sit here,
apart from the templates, so the clinic can review them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake.submission import FLAG_PRIORITY


@dataclass(frozen=True)
class Advice:
    flag: str
    heading: str
    text: str


_ADVICE = {
    "suicide_risk_high": (
        "Support is there for you right now",
        "You told us you've had thoughts of ending your life. You don't have to wait for our call: you can call "
        "or text 988 at any time, day or night. If you feel you might act on these thoughts, call 911.",
    ),
    "suicide_risk_moderate": (
        "Support is there for you right now",
        "You told us you've had thoughts of ending your life. You can call or text 988 at any time, day or "
        "night, to talk to someone. If you feel you might act on these thoughts, call 911.",
    ),
    "suicide_risk_low": (
        "You don't have to carry this alone",
        "You told us you've sometimes wished you weren't alive. Many people feel this way at times, and it can "
        "get better. If you'd like to talk to someone before we call, you can call or text 988, any time.",
    ),
    "recent_overdose": (
        "After a recent overdose",
        "An overdose in the past month means the next weeks matter. Try not to use alone, keep naloxone "
        "(Narcan) close, and tell someone you trust where it is. We'll aim to call you today.",
    ),
    "pregnancy": (
        "If you're pregnant",
        "Please don't try to stop opioids suddenly on your own: treatment with medicine is safer for you and "
        "your baby. Pregnant people can get care sooner, so we'll aim to call you today. It also helps to tell "
        "whoever gives you pregnancy care.",
    ),
    "minor": (
        "Help for young people",
        "Young people can get treatment too. A specialist in care for people under 18 will usually be "
        "involved, and your counselor can explain who else needs to know.",
    ),
    "active_withdrawal": (
        "If you feel unwell now",
        "Your answers suggest you may be in withdrawal now. Drink plenty of water and rest if you can. If you "
        "keep vomiting, can't keep fluids down or feel very unwell, get medical help.",
    ),
    "sedative_co_use": (
        "Benzos or alcohol with opioids",
        "Taking benzodiazepines or alcohol together with opioids raises the risk of overdose. Please don't stop "
        "benzos or alcohol suddenly on your own either: that can be dangerous too. Your counselor can help you "
        "plan this safely.",
    ),
    "fentanyl": (
        "About fentanyl",
        "Fentanyl is very strong and is often mixed into other drugs. If you start buprenorphine, your care "
        "team will plan the timing with you so it goes smoothly.",
    ),
    "injecting": (
        "If you inject",
        "Using new, sterile equipment every time protects your health. Your care team can also offer free, "
        "private tests for HIV and hepatitis C.",
    ),
    "overdose_risk_after_detox": (
        "After detox: your body's tolerance drops",
        "After a few days without opioids, your body is no longer used to them. The amount you used before could "
        "then cause an overdose. If you do use again, use much less than before, don't use alone, and keep "
        "naloxone (Narcan) nearby. Medicine after detox also lowers this risk: ask your counselor about it.",
    ),
    "co_occurring_mental_health": (
        "How you've been feeling",
        "You told us you've been feeling low, worried or on edge. That's very common, and it can be treated "
        "alongside your opioid use. Your counselor can include support for it.",
    ),
    "environment_risk": (
        "Where you live",
        "Your living situation can make recovery harder. Your counselor will take it into account and can talk "
        "about care that gives you more support.",
    ),
    "qt_review": (
        "Your heart",
        "Because you have a heart rhythm problem, a doctor will want to check your heart (usually with a quick "
        "test called an ECG) before methadone.",
    ),
    "liver_review": (
        "Your liver",
        "Because you have liver disease, a doctor may want to check your liver before some medicines.",
    ),
    "current_moud": (
        "Your current medicine",
        "Keep taking your medicine as prescribed. Please don't stop it on your own while you wait for our call.",
    ),
    "naloxone": (
        "Carry naloxone (Narcan)",
        "Naloxone can reverse an opioid overdose. Anyone who uses opioids should have it, and people around you "
        "should know where it is. You can buy the nasal spray at most pharmacies without a prescription, and "
        "many health departments give it out for free.",
    ),
    "no_opioid_use": (
        "Help with other drugs or alcohol",
        "You told us you don't use opioids. Our service focuses on opioids, but your counselor can still point "
        "you to the right help. The SAMHSA National Helpline (1-800-662-4357) can help too, 24/7.",
    ),
}

ADVICE: dict[str, Advice] = {flag: Advice(flag, heading, text) for flag, (heading, text) in _ADVICE.items()}


def advice_for(flags) -> list[Advice]:
    """Advice for these flags, most important first."""
    rank = {flag: index for index, flag in enumerate(FLAG_PRIORITY)}
    return [ADVICE[flag] for flag in sorted(flags, key=lambda f: rank.get(f, len(rank))) if flag in ADVICE]


# When the counselor will call, by urgency (the case's due time is shown beside it).
WHEN_WE_CALL = {
    "emergency": "as soon as possible",
    "urgent": "today",
    "soon": "by the end of the next business day",
    "routine": "within 2 business days",
}

# Titles used when the content app has no text for an option yet.
OPTION_TITLES = {
    "detox_inpatient": "Withdrawal care with a stay (inpatient detox)",
    "detox_outpatient": "Withdrawal care while living at home (outpatient detox)",
    "mat_methadone": "Treatment with methadone",
    "mat_buprenorphine": "Treatment with buprenorphine (like Suboxone)",
    "mat_naltrexone": "Treatment with naltrexone (like Vivitrol)",
    "inpatient_stay": "A stay at a treatment center",
    "outpatient": "Outpatient care",
    "aftercare": "Aftercare and support",
}
