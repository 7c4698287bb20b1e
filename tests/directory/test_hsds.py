"""GET /staff/directory.hsds.json validates against the HSDS 3.0 schemas (copied in hsds_schemas/)."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from config import demo
from directory.models import Phone, Schedule
from tests.factories import ServiceAtLocationFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "hsds_schemas"


def validator_for(name: str) -> Draft202012Validator:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def errors(document, name="service.json"):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator_for(name).iter_errors(document)]


def test_the_validator_catches_a_missing_required_field():
    assert errors({"id": "6f0d8a1e-31b5-5a4f-9a51-0b7c1c8f2a01", "name": "x"})  # no status
    assert errors({"id": "6f0d8a1e-31b5-5a4f-9a51-0b7c1c8f2a01", "name": "x", "status": "active",
                   "organization": {"id": "6f0d8a1e-31b5-5a4f-9a51-0b7c1c8f2a01", "name": "Org"}})  # no description


def test_demo_directory_export_validates(counsellor_client, supervisor):
    demo.create_directory(verified_by=supervisor)
    response = counsellor_client.get("/staff/directory.hsds.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    page = response.json()
    assert page["total_items"] == len(demo.DEMO_PROVIDERS) == len(page["contents"])
    for service in page["contents"]:
        assert errors(service) == [], service["name"]
    harbor = next(s for s in page["contents"] if s["organization"]["name"] == "Harbor Opioid Treatment Program")
    assert harbor["status"] == "active" and harbor["minimum_age"] == 18
    [sal] = harbor["service_at_locations"]
    location = sal["location"]
    assert location["addresses"][0]["postal_code"] == "10018"
    assert location["phones"][0]["number"] == "(212) 555-0141"
    assert {s["byday"] for s in location["schedules"]} == {"MO,TU,WE,TH,FR", "SA"}
    assert location["schedules"][0]["opens_at"][:5] in {"06:00", "07:00"}
    codes = {a["taxonomy_term"]["code"] for a in harbor["attributes"] if "taxonomy_term" in a}
    assert {"mat_methadone", "METH", "OTP", "MD"} <= codes
    assert {"en", "es"} == {language["code"] for language in harbor["languages"]}
    assert harbor["assured_date"]
    capacity = next(a for a in harbor["attributes"] if a["link_type"] == "new_patient_slots_this_week")
    assert capacity["value"] == "4"


def test_virtual_location_and_service_level_phones_and_schedules_validate(counsellor_client):
    sal = ServiceAtLocationFactory(location__location_type="virtual", location__address_1="",
                                   location__postal_code="", service__terms=["mat_buprenorphine", "TELE"])
    Phone.objects.create(service=sal.service, number="555-0100", type="text")
    Schedule.objects.create(service_at_location=sal, byday="MO", opens_at="09:00", closes_at="12:00")
    [service] = counsellor_client.get("/staff/directory.hsds.json").json()["contents"]
    assert errors(service) == []
    assert service["service_at_locations"][0]["location"]["addresses"] == []
    assert service["phones"][0]["type"] == "text"


def test_export_query_count_does_not_grow_with_services(counsellor_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            counsellor_client.get("/staff/directory.hsds.json")
        return len(captured)

    ServiceAtLocationFactory(service__terms=["outpatient", "MD"])
    counsellor_client.get("/staff/directory.hsds.json")  # warm the session
    one = queries()
    for _ in range(4):
        ServiceAtLocationFactory(service__terms=["outpatient", "MD"])
    assert queries() == one
