"""Matching a case to services in the directory.

A service matches when it is active and accepting new patients (and not at zero capacity), offers at least one of
the wanted care options, accepts the person's insurance (``vocabulary.INSURANCE_PAYMENT_CODES``) and serves their
age. Results are per service *at a location*: those offering the first wanted option (the most fitting suggestion)
first, then nearest first when the person gave a ZIP code (``directory.geo``); telehealth-only locations have no
distance and come after the ones a person can visit; ties go to the service that covers more of the wanted options.
The counsellor picks one (``find``); the person's results page shows the first few within reach (``nearby``).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from directory import geo
from directory.models import (
    LocationType,
    Phone,
    Schedule,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from directory.vocabulary import INSURANCE_PAYMENT_CODES

# "Near" for a person's results: about an hour's travel. Further away, a counsellor helps (they see every match).
NEARBY_MILES = 50.0


@dataclass(frozen=True)
class Criteria:
    care_options: tuple[str, ...] = ()
    insurance: str = ""
    age: int | None = None
    postcode: str = ""

    @classmethod
    def from_intake(cls, intake) -> "Criteria":
        """What an intake (its ``answers`` and ``result``) tells us: its suggested options, insurance, age and ZIP
        code. A call-back request has no intake (None), so nothing is filtered until the counsellor says what the
        person needs."""
        if intake is None:
            return cls()
        answers, result = intake.answers or {}, intake.result or {}
        return cls(
            care_options=tuple(option["id"] for option in result.get("care_options", ())),
            insurance=answers.get("insurance", "") or "",
            age=answers.get("age"),
            postcode=answers.get("postcode", "") or "",
        )

    @property
    def payment_codes(self) -> frozenset[str]:
        return INSURANCE_PAYMENT_CODES.get(self.insurance, frozenset())


@dataclass
class Match:
    service_at_location: ServiceAtLocation
    offers: list[str]
    miles: float | None
    payment: list[str] = field(default_factory=list)

    @property
    def service(self):
        return self.service_at_location.service

    @property
    def location(self):
        return self.service_at_location.location


def candidates(criteria: Criteria):
    """The matching services at locations, unordered, with everything the result list shows prefetched."""
    qs = ServiceAtLocation.objects.filter(
        service__status=ServiceStatus.ACTIVE, service__accepting_new_patients=True
    ).exclude(service__capacity=0)
    if criteria.care_options:
        qs = qs.filter(
            service__terms__taxonomy=Taxonomy.CARE_OPTION, service__terms__code__in=criteria.care_options
        )
    if criteria.payment_codes:
        qs = qs.filter(service__terms__taxonomy=Taxonomy.SAMHSA, service__terms__code__in=criteria.payment_codes)
    if criteria.age is not None:
        qs = qs.filter(
            Q(service__minimum_age__isnull=True) | Q(service__minimum_age__lte=criteria.age),
            Q(service__maximum_age__isnull=True) | Q(service__maximum_age__gte=criteria.age),
        )
    return (
        qs.distinct()
        .select_related("service__organization", "service__assured_by", "location")
        .prefetch_related(
            Prefetch("service__terms", queryset=TaxonomyTerm.objects.order_by("taxonomy", "code")),
            "service__languages",
            Prefetch("location__phones", queryset=Phone.objects.order_by("type", "number")),
            Prefetch("location__schedules", queryset=Schedule.objects.order_by("opens_at")),
            Prefetch("service__phones", queryset=Phone.objects.order_by("type", "number")),
        )
    )


def find(criteria: Criteria) -> list[Match]:
    origin = geo.point_for_postcode(criteria.postcode)
    matches = []
    for sal in candidates(criteria):
        terms = list(sal.service.terms.all())
        offered = {t.code for t in terms if t.taxonomy == Taxonomy.CARE_OPTION}
        wanted = [option for option in criteria.care_options if option in offered]
        payment = [t.name for t in terms if t.taxonomy == Taxonomy.SAMHSA and t.category == "PAY"]
        matches.append(Match(sal, wanted or sorted(offered), _distance(origin, sal.location), payment))
    first = criteria.care_options[:1]
    matches.sort(
        key=lambda m: (
            bool(first) and first[0] not in m.offers,
            m.miles is None,
            m.miles if m.miles is not None else 0,
            -len(m.offers),
            m.service.organization.name,
            m.service.name,
        )
    )
    return matches


def nearby(criteria: Criteria, *, limit: int = 3, within_miles: float = NEARBY_MILES) -> list[Match]:
    """Up to ``limit`` places a person can visit within ``within_miles`` of their ZIP code. None without a ZIP code
    we can place: "near you" would mean nothing. Telehealth-only services are left to the counsellor, who knows
    whether they may treat someone in the person's state."""
    if geo.point_for_postcode(criteria.postcode) is None:
        return []
    return [match for match in find(criteria) if match.miles is not None and match.miles <= within_miles][:limit]


def _distance(origin, location) -> float | None:
    if origin is None or location.location_type == LocationType.VIRTUAL:
        return None
    if location.latitude is not None and location.longitude is not None:
        here = (float(location.latitude), float(location.longitude))
    else:
        here = geo.point_for_postcode(location.postal_code)
    return round(geo.miles(origin, here), 1) if here else None
