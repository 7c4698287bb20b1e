"""Where a person could go: up to 3 treatment providers for their results page.

The matching is the directory's own (``directory.matching``), the one the counselor's referral page uses; this
module only says what an intake asks for and turns each match into what the page shows, in words. Plain Python:
no HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from directory import geo, matching
from directory.hours import hours_in_words
from directory.models import LocationType
from directory.vocabulary import care_option_label

# The insurance answers that show the "Paying for treatment" box.
UNSURE_HOW_TO_PAY = ("none", "not_sure")

FOUND = "found"
NO_POSTCODE = "no_postcode"
UNKNOWN_POSTCODE = "unknown_postcode"
NONE_NEARBY = "none_nearby"


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    service: str
    offers: tuple[str, ...]
    miles: float | None
    by_video_or_phone: bool
    phone: str
    phone_href: str
    address: tuple[str, ...]
    hours: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Providers:
    status: str
    providers: tuple[Provider, ...] = ()


def providers_for(intake) -> Providers:
    """Up to 3 providers near the person that offer a suggested option (the first one first) and take their
    payment; or why there are none to show."""
    criteria = matching.Criteria.from_intake(intake)
    if not criteria.postcode:
        return Providers(NO_POSTCODE)
    if geo.point_for_postcode(criteria.postcode) is None:
        return Providers(UNKNOWN_POSTCODE)
    if not criteria.care_options:
        return Providers(NONE_NEARBY)
    found = tuple(_provider(match) for match in matching.nearby(criteria))
    return Providers(FOUND if found else NONE_NEARBY, found)


def _provider(match: matching.Match) -> Provider:
    location, service = match.location, match.service
    phones = list(location.phones.all()) or list(service.phones.all())
    number = phones[0].number if phones else ""
    digits = "".join(character for character in number if character.isdigit())
    address = (
        location.address_1,
        location.address_2,
        f"{location.city}, {location.state_province} {location.postal_code}".strip(", "),
    )
    return Provider(
        id=str(match.service_at_location.pk),
        name=service.organization.name,
        service=service.name,
        offers=tuple(str(care_option_label(option)) for option in match.offers),
        miles=match.miles,
        by_video_or_phone=location.location_type == LocationType.VIRTUAL,
        phone=number,
        phone_href=f"tel:+1{digits}" if len(digits) == 10 else (f"tel:{digits}" if digits else ""),
        address=tuple(line for line in address if line) if location.has_address else (),
        hours=tuple(hours_in_words(location.schedules.all())),
        languages=tuple(language.name for language in service.languages.all()),
    )


def paying_help_needed(intake) -> bool:
    """No insurance, or not sure how they'd pay: show the "Paying for treatment" box."""
    return (intake.answers or {}).get("insurance") in UNSURE_HOW_TO_PAY


NO_PROVIDER_REASONS = {
    NO_POSTCODE: _("You didn't give a ZIP code, so we can't show places near you."),
    UNKNOWN_POSTCODE: _("We couldn't find places near the ZIP code or postcode you gave."),
    NONE_NEARBY: _("We didn't find a place near you in our directory that fits your answers."),
}
