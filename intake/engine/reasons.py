"""Plain-language reasons shown with each suggested or not-now option, written to the person.

Kept apart from the rules so the clinic can review every sentence in one place. They explain, they never
diagnose or dose, and they leave the decision to the person and their counselor.
"""

from __future__ import annotations

MEDICINE_NAMES = {"methadone": "methadone", "buprenorphine": "buprenorphine", "naltrexone": "naltrexone"}

USE_FREQUENCY_WORDS = {
    "daily": "every day",
    "most_days": "on most days",
    "weekly": "every week",
    "less_than_weekly": "less than once a week",
}

# --- Rule 2: no opioid use ----------------------------------------------------------------------------------------
NO_OPIOIDS_OUTPATIENT = (
    "You said you haven't used opioids, but your answers about other drugs suggest some support could help. "
    "Outpatient care gives you that support while you live at home."
)

# --- Rule 3: already on a medicine --------------------------------------------------------------------------------
CONTINUE_MEDICINE = (
    "You said you take {medicine} now. A counselor can help you continue or transfer your treatment, "
    "so there's no gap in your medicine."
)
ON_MEDICINE_NO_DETOX = (
    "You said you take {medicine} now. Staying on your medicine is usually safer than stopping it to go "
    "through withdrawal, so detox isn't suggested for now."
)
ON_MEDICINE_NO_NALTREXONE = (
    "You said you take {medicine} now. Naltrexone can only start after you've been off {medicine} for a while, "
    "so it isn't suggested for now."
)

# --- Rule 4: medicine for opioid use ------------------------------------------------------------------------------
PREFERS_NO_MEDICINE = (
    "You said you'd rather not take medicine. That's your choice. A counselor can talk it through with you "
    "if you'd like to know more."
)
BUPRENORPHINE = (
    "You said you use opioids {frequency}. Buprenorphine (like Suboxone) eases withdrawal and cravings and "
    "lowers the risk of overdose. It can often be prescribed at a visit or by video and taken at home."
)
METHADONE = (
    "You said you use opioids {frequency}. Methadone eases withdrawal and cravings and lowers the risk of "
    "overdose. It usually means visiting a clinic most days at first."
)
METHADONE_UNSURE_DAILY = (
    "You weren't sure you could visit a clinic most days. A counselor can help you work out whether that's possible."
)
METHADONE_NOT_DAILY = (
    "You said you can't visit a clinic most days. Methadone usually needs daily visits at first, "
    "so it isn't suggested for now."
)
METHADONE_UNDER_18 = (
    "You told us you are under 18. Methadone for people under 18 needs an assessment by a specialist first."
)
NALTREXONE = (
    "You said it's been more than a week since you last used opioids, so naltrexone (like Vivitrol) may be an "
    "option: a monthly shot that blocks opioids and helps prevent relapse. A clinician will check it's safe to "
    "start. The wait is longer after methadone or buprenorphine."
)
NALTREXONE_TOO_SOON = (
    "You said you used opioids in the past week. Naltrexone can only start after 7 to 10 days without any "
    "opioids (longer after methadone or buprenorphine), or it brings on withdrawal."
)
NALTREXONE_PREGNANT = (
    "You said you are or might be pregnant. Naltrexone isn't usually started during pregnancy: methadone or "
    "buprenorphine is safer for you and your baby."
)
NALTREXONE_LIVER = "You said you have liver disease. Naltrexone needs a doctor to check your liver first."

# --- The medicine the person would like to try (2026.2) ---------------------------------------------------------
PREFERRED_MEDICINE = "You said you'd like to try {medicine}."
PREFERRED_MEDICINE_NOT_YET = (
    "You asked about {medicine}. It isn't suggested yet for the reason given here. A counselor can talk it "
    "through with you and tell you what would need to change."
)

# --- Rule 5: pregnancy --------------------------------------------------------------------------------------------
PREGNANT_MEDICINE = (
    "You said you are or might be pregnant. Methadone and buprenorphine are the safest treatments for you "
    "and your baby, and pregnant people can get care sooner."
)
PREGNANT_BUT_PREFERS_NO_MEDICINE = (
    "We know you said you'd rather not take medicine. A counselor can talk it through with you, "
    "and the choice is yours."
)
PREGNANT_NO_WITHDRAWAL = (
    "You said you are or might be pregnant. Medication treatment is safer for you and your baby than going "
    "through withdrawal."
)

# --- Rule 6: withdrawal care (detox) ------------------------------------------------------------------------------
DETOX_GOAL_STOP = (
    "You said you want to stop using completely. Withdrawal care (detox) helps you get through withdrawal safely."
)
DETOX_NO_MEDICINE = (
    "You said you'd rather not take medicine for opioid use. Withdrawal care (detox) helps you get through "
    "withdrawal safely."
)
DETOX_INPATIENT_SEDATIVES = (
    "You said you take benzodiazepines or drink alcohol on most days. Stopping safely needs medical care "
    "around the clock."
)
DETOX_INPATIENT_COMPLICATED = (
    "You said you've had seizures, seen or heard things, or needed hospital care when stopping before. "
    "Withdrawal care with medical staff close by is safer."
)
DETOX_INPATIENT_SEIZURES = (
    "You said you have seizures or epilepsy. Withdrawal care with medical staff close by is safer."
)
DETOX_INPATIENT_HEART = (
    "You said you have a heart rhythm problem. Withdrawal care with medical staff close by is safer."
)
DETOX_INPATIENT_ENVIRONMENT = (
    "You told us home isn't a steady or drug-free place right now. Staying at a center for withdrawal care "
    "can make it easier to get through."
)
DETOX_OUTPATIENT = (
    "Nothing you told us suggests you need to stay overnight, so you could get withdrawal care while living "
    "at home, with regular check-ins."
)
DETOX_OVERDOSE_RISK = (
    "After detox, your body can't handle the amount you used to take, so an overdose is more likely if you use "
    "again. Keep naloxone (Narcan) with you, and plan ongoing support or medicine after detox."
)

# --- Rule 7: a stay at a treatment center ------------------------------------------------------------------------
INPATIENT_HOUSING = (
    "You said your housing isn't steady right now. A stay at a treatment center gives you a safe, steady place "
    "to start recovery."
)
INPATIENT_HOMELESS = (
    "You said you don't have a place to live right now. A stay at a treatment center gives you a safe place "
    "to start recovery."
)
INPATIENT_OTHERS_USE = (
    "You said someone you live with uses drugs. Time away from that can help when you start recovery."
)
INPATIENT_RELAPSE = (
    "You said you started using again after treatment before. That's common, and a stay at a treatment center "
    "can give you more support this time."
)
INPATIENT_PREFERENCE = "You said you'd prefer to stay at a treatment center for a while."
INPATIENT_SEVERE_NO_SUPPORT = (
    "Your answers suggest drugs are affecting many parts of your life, and you said you don't have someone "
    "supporting your recovery right now. A treatment center can give you that support."
)
INPATIENT_MOOD_NO_SUPPORT = (
    "You said you've been feeling down or anxious lately, and that you don't have someone supporting your "
    "recovery right now. A treatment center can help with both."
)

# --- Rule 8: outpatient care -------------------------------------------------------------------------------------
OUTPATIENT = (
    "You can get counseling and support at a clinic, or by phone or video, while you live at home and keep up "
    "with daily life."
)
OUTPATIENT_PREFERENCE = {
    "outpatient": "You said you'd prefer to visit a clinic while living at home.",
    "telehealth": "You said you'd prefer care by phone or video. Many outpatient programs offer this.",
}
OUTPATIENT_PREFERS_INPATIENT = (
    "You said you'd rather stay somewhere for a while, and a stay at a treatment center is suggested, so visiting "
    "a clinic from home isn't suggested for now."
)
OUTPATIENT_LIGHTER_USE = (
    "You said you use opioids {frequency}. Outpatient counseling is a good place to start, and you can keep "
    "living at home."
)

# --- Rule 9: aftercare -------------------------------------------------------------------------------------------
AFTERCARE = (
    "Ongoing support after treatment, like counseling, peer groups or check-ins, helps you keep the progress you make."
)
