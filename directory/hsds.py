"""The provider directory as Open Referral HSDS 3.0 JSON, for partners (211s, other clinics).

Shape: the HSDS API's ``GET /services`` page envelope, every service "full": its organization, service at
locations with their location (address, phones, schedules), phones, schedules, languages and taxonomy-backed
attributes (care option ids and SAMHSA locator codes). Rows that HSDS models as their own objects but we keep as
fields (a location's address, a service's languages, capacity) get stable UUIDv5 ids derived from their parent, so
an export is reproducible. HSDS 3.0 has no capacity object yet (3.1's ``service_capacity``), so capacity and
"accepting new patients" travel as attributes with their own ``link_type``.

Opening hours are wall-clock times at the clinic; HSDS wants an offset, so they carry the clinic time zone's UTC
offset on the day of the export.
"""

import uuid
from datetime import datetime

from django.utils import timezone

from directory.models import Location, LocationType, Schedule, Service, Taxonomy

TAXONOMY_IDS = {
    Taxonomy.CARE_OPTION: uuid.UUID("6f0d8a1e-31b5-5a4f-9a51-0b7c1c8f2a01"),
    Taxonomy.SAMHSA: uuid.UUID("6f0d8a1e-31b5-5a4f-9a51-0b7c1c8f2a02"),
}
TAXONOMY_DESCRIPTIONS = {
    Taxonomy.CARE_OPTION: "Care option ids of the clinic's intake recommendation (intake-spec §3)",
    Taxonomy.SAMHSA: "SAMHSA FindTreatment.gov locator service codes",
}


def _derived_id(parent: uuid.UUID, name: str) -> str:
    return str(uuid.uuid5(parent, name))


def _offset(now: datetime) -> str:
    local = timezone.localtime(now)
    minutes = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _drop_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None)}


def _phone(phone, **link) -> dict:
    return _drop_empty(
        {"id": str(phone.id), **link, "number": phone.number, "extension": phone.extension, "type": phone.type,
         "description": phone.description}
    )


def _schedule(schedule: Schedule, offset: str, **link) -> dict:
    return _drop_empty(
        {
            "id": str(schedule.id),
            **link,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": schedule.byday,
            "opens_at": f"{schedule.opens_at:%H:%M}{offset}",
            "closes_at": f"{schedule.closes_at:%H:%M}{offset}",
            "description": schedule.description,
        }
    )


def _location(location: Location, offset: str) -> dict:
    data = {
        "id": str(location.id),
        "location_type": location.location_type,
        "organization_id": str(location.organization_id),
        "name": location.name,
        "description": location.description,
        "transportation": location.transportation,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
    }
    data = _drop_empty(data)
    data["addresses"] = []
    if location.location_type == LocationType.PHYSICAL and location.has_address:
        data["addresses"].append(
            _drop_empty(
                {
                    "id": _derived_id(location.id, "address"),
                    "location_id": str(location.id),
                    "address_1": location.address_1,
                    "address_2": location.address_2,
                    "city": location.city,
                    "state_province": location.state_province,
                    "postal_code": location.postal_code,
                    "country": location.country,
                    "address_type": "physical",
                }
            )
        )
    data["phones"] = [_phone(p, location_id=str(location.id)) for p in location.phones.all()]
    data["schedules"] = [_schedule(s, offset, location_id=str(location.id)) for s in location.schedules.all()]
    return data


def _attributes(service: Service) -> list[dict]:
    attributes = []
    for term in service.terms.all():
        link_type = "care_option" if term.taxonomy == Taxonomy.CARE_OPTION else f"samhsa_{term.category.lower()}"
        attributes.append(
            {
                "id": _derived_id(service.id, f"term:{term.id}"),
                "link_id": str(service.id),
                "link_entity": "service",
                "link_type": link_type,
                "taxonomy_term_id": str(term.id),
                "taxonomy_term": {
                    "id": str(term.id),
                    "code": term.code,
                    "name": term.name,
                    "description": term.description or term.name,
                    "taxonomy": TAXONOMY_DESCRIPTIONS[term.taxonomy],
                    "taxonomy_id": str(TAXONOMY_IDS[term.taxonomy]),
                },
            }
        )
    attributes.append(
        {
            "id": _derived_id(service.id, "accepting_new_patients"),
            "link_id": str(service.id),
            "link_entity": "service",
            "link_type": "accepting_new_patients",
            "value": "true" if service.accepting_new_patients else "false",
        }
    )
    if service.capacity is not None:
        attributes.append(
            {
                "id": _derived_id(service.id, "capacity"),
                "link_id": str(service.id),
                "link_entity": "service",
                "link_type": "new_patient_slots_this_week",
                "value": str(service.capacity),
            }
        )
    return attributes


def service_to_hsds(service: Service, offset: str) -> dict:
    organization = service.organization
    data = _drop_empty(
        {
            "id": str(service.id),
            "organization_id": str(organization.id),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.assured_date.isoformat() if service.assured_date else None,
            "assurer_email": service.assured_by.email if service.assured_by and service.assured_by.email else None,
            "last_modified": service.updated_at.isoformat(timespec="milliseconds"),
        }
    )
    data["organization"] = _drop_empty(
        {
            "id": str(organization.id),
            "name": organization.name,
            "alternate_name": organization.alternate_name,
            "description": organization.description,
            "website": organization.website,
            "email": organization.email,
        }
    )
    data["phones"] = [_phone(p, service_id=str(service.id)) for p in service.phones.all()]
    data["schedules"] = [_schedule(s, offset, service_id=str(service.id)) for s in service.schedules.all()]
    data["languages"] = [
        {"id": _derived_id(service.id, f"language:{lang.code}"), "service_id": str(service.id), "name": lang.name,
         "code": lang.code}
        for lang in service.languages.all()
    ]
    data["service_at_locations"] = [
        _drop_empty(
            {
                "id": str(sal.id),
                "service_id": str(service.id),
                "location_id": str(sal.location_id),
                "description": sal.description,
            }
        )
        | {
            "phones": [_phone(p, service_at_location_id=str(sal.id)) for p in sal.phones.all()],
            "schedules": [_schedule(s, offset, service_at_location_id=str(sal.id)) for s in sal.schedules.all()],
            "location": _location(sal.location, offset),
        }
        for sal in service.locations_at.all()
    ]
    data["attributes"] = _attributes(service)
    return data


def export(now: datetime | None = None) -> dict:
    """Every service in the directory, as one HSDS ``Page``."""
    offset = _offset(now or timezone.now())
    services = [
        service_to_hsds(service, offset)
        for service in Service.objects.for_export().select_related("assured_by").order_by("organization__name", "name")
    ]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
