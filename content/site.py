"""The clinic's details and the crisis lines shown on every page, from the editable tables with safe fallbacks.

The fixed numbers of ``content.crisis`` always come first and cannot be edited away; the editable helplines of the
clinic's own country (``Helpline.country``'s default, US) are added after them, and other countries' helplines are
offered separately, grouped by country. Empty tables fall back to the
defaults below, so a fresh installation still shows a clinic name and every crisis number.
"""

from dataclasses import dataclass

from content.crisis import ALWAYS_SHOWN, CrisisLine
from content.models import ClinicSettings, Helpline

DEFAULT_CLINIC_NAME = "Riverside Health Partners"


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str = ""
    tel: str = ""
    opening_hours: str = ""
    email: str = ""


@dataclass(frozen=True)
class CountryLines:
    country: str
    lines: tuple[CrisisLine, ...]


@dataclass(frozen=True)
class SiteDetails:
    clinic: Clinic
    # The fixed lines and the clinic's own country's helplines: the footer of every page.
    crisis_lines: tuple[CrisisLine, ...]
    # Other countries' helplines, by country: for the help page, not every footer.
    helplines_elsewhere: tuple[CountryLines, ...]


def clinic_from(row: ClinicSettings | None) -> Clinic:
    if row is None or not row.clinic_name.strip():
        return Clinic(name=DEFAULT_CLINIC_NAME)
    return Clinic(row.clinic_name, row.phone, row.tel if row.phone else "", row.opening_hours, row.email)


def _line(helpline: Helpline) -> CrisisLine:
    available = helpline.available.strip().rstrip(".")
    how = " ".join(part for part in (helpline.how_to_use.strip(), f"Open {available}." if available else "") if part)
    return CrisisLine(name=helpline.name, number=helpline.number, how=how, tel=helpline.tel)


def crisis_lines_with(helplines: list[Helpline]) -> tuple[tuple[CrisisLine, ...], tuple[CountryLines, ...]]:
    """(the fixed lines followed by the home country's helplines, other countries' helplines by country).

    A home helpline with the number of a fixed line is not shown twice; the fixed line's wording wins."""
    home = Helpline._meta.get_field("country").default
    seen = {(home, line.tel) for line in ALWAYS_SHOWN}
    here = list(ALWAYS_SHOWN)
    elsewhere: dict[str, list[CrisisLine]] = {}
    for helpline in sorted(helplines, key=lambda h: (h.country, h.order, h.name)):
        country = helpline.country.strip() or home
        if not helpline.tel or (country, helpline.tel) in seen:
            continue
        seen.add((country, helpline.tel))
        (here if country == home else elsewhere.setdefault(country, [])).append(_line(helpline))
    return tuple(here), tuple(CountryLines(country, tuple(lines)) for country, lines in elsewhere.items())


def load_site_details() -> SiteDetails:
    crisis_lines, helplines_elsewhere = crisis_lines_with(list(Helpline.objects.all()))
    return SiteDetails(
        clinic=clinic_from(ClinicSettings.objects.first()),
        crisis_lines=crisis_lines,
        helplines_elsewhere=helplines_elsewhere,
    )
