"""Versioned configuration of the scoring bands and rule thresholds (intake-spec.md §2–3).

The numbers live here, not in the rule code, so the clinic can review them in one place and a change is visible
as a change of ``RULES_VERSION``. Callers may override a value with ``dataclasses.replace(DEFAULT, ...)``; whoever
does so in production must also give the result a new ``version``, because a stored intake records the version
that produced its suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES_VERSION = "2026.2"

# The order in which care options are listed (intake-spec.md §3 "Order"), after a suggested preferred medicine.
# Medicine first because maintenance medicine is the standard of care and lowers overdose deaths (reference.md §3);
# buprenorphine before methadone because it needs fewer clinic visits to start, naltrexone last of the three because
# it needs a week or more without opioids. Then withdrawal care (a first step, never treatment on its own), the
# setting (an inpatient stay before outpatient care, since it is only suggested when something at home or in the
# history calls for more support), and aftercare, which follows all.
CARE_OPTION_ORDER = (
    "mat_buprenorphine",
    "mat_methadone",
    "mat_naltrexone",
    "detox_inpatient",
    "detox_outpatient",
    "inpatient_stay",
    "outpatient",
    "aftercare",
)

# A band table is a tuple of (lowest score in the band, band name), in ascending order, starting at 0.
Bands = tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class RulesConfig:
    """Band edges and thresholds, with the spec's defaults."""

    version: str = RULES_VERSION
    # DAST-10 (Skinner 1982, CAMH bands): none 0, low 1–2, moderate 3–5, substantial 6–8, severe 9–10.
    dast10_bands: Bands = ((0, "none"), (1, "low"), (3, "moderate"), (6, "substantial"), (9, "severe"))
    # SOWS (Handelsman 1987): none 0, mild 1–10, moderate 11–20, severe 21+.
    sows_bands: Bands = ((0, "none"), (1, "mild"), (11, "moderate"), (21, "severe"))
    # PHQ-2 and GAD-2 are positive at this sum or more.
    phq2_positive: int = 3
    gad2_positive: int = 3
    # "OUD likely" when opioids are used and the DAST-10 reaches this (or use is daily / most days).
    oud_likely_dast10: int = 3
    # Rule 2: without opioid use, outpatient care and aftercare are suggested from this DAST-10 score.
    no_opioid_care_dast10: int = 3
    # Rule 7: a DAST-10 at or above this, without a support person, suggests an inpatient stay.
    inpatient_dast10_without_support: int = 9
    # Rule 7: relapse after this many kinds of previous treatment suggests an inpatient stay.
    inpatient_previous_treatments: int = 2
    # Flag active_withdrawal at this SOWS or more; urgency "urgent" at the second.
    active_withdrawal_sows: int = 11
    urgent_sows: int = 21
    # Under this age: flag "minor", methadone needs a specialist assessment.
    adult_age: int = 18
    # Listing order of suggested and not-now options; a suggested preferred medicine goes first (2026.2).
    care_option_order: tuple[str, ...] = CARE_OPTION_ORDER

    def __post_init__(self):
        for name in ("dast10_bands", "sows_bands"):
            bands = getattr(self, name)
            edges = [edge for edge, _ in bands]
            if not bands or edges[0] != 0 or edges != sorted(set(edges)):
                raise ValueError(f"{name} must start at 0 and rise strictly, got {bands!r}")


DEFAULT = RulesConfig()


def band(score: int, bands: Bands) -> str:
    """Name of the band ``score`` falls in: the last band whose lower edge it reaches."""
    name = bands[0][1]
    for edge, band_name in bands:
        if score >= edge:
            name = band_name
    return name
