"""Provider matching, proximity, the directory admin for supervisors, and the demo data."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from directory import geo, matching
from directory.matching import Criteria
from directory.models import Location, Service
from referrals.models import Case
from tests.factories import CaseFactory, ServiceAtLocationFactory
from tests.referrals.conftest import logged_in, make_intake

pytestmark = pytest.mark.django_db


def site(terms, postal_code="10001", **service):
    return ServiceAtLocationFactory(
        service__terms=terms, location__postal_code=postal_code, **{f"service__{k}": v for k, v in service.items()}
    )


def names(matches):
    return [m.service_at_location for m in matches]


def test_filters_on_options_insurance_age_and_accepting():
    wanted = site(["mat_buprenorphine", "MD"])
    site(["mat_methadone", "MD"])  # not a wanted option
    site(["mat_buprenorphine", "PI"])  # doesn't take Medicaid
    site(["mat_buprenorphine", "MD"], minimum_age=40)  # too young
    site(["mat_buprenorphine", "MD"], maximum_age=25)  # too old
    site(["mat_buprenorphine", "MD"], accepting_new_patients=False)
    site(["mat_buprenorphine", "MD"], capacity=0)  # no slots this week
    site(["mat_buprenorphine", "MD"], status="inactive")
    criteria = Criteria(care_options=("mat_buprenorphine", "outpatient"), insurance="medicaid", age=34)
    assert names(matching.find(criteria)) == [wanted]


def test_private_plans_match_private_insurance_and_uninsured_match_free_or_sliding():
    private = site(["outpatient", "PI"])
    free = site(["outpatient", "NP"])
    sliding = site(["outpatient", "SS"])
    assert names(matching.find(Criteria(("outpatient",), insurance="aetna"))) == [private]
    assert set(names(matching.find(Criteria(("outpatient",), insurance="none")))) == {free, sliding}
    assert len(matching.find(Criteria(("outpatient",), insurance="not_sure"))) == 3


def test_nearest_first_when_a_zip_code_is_known_and_telehealth_last():
    kingston = site(["outpatient"], postal_code="12401")
    newark = site(["outpatient"], postal_code="07102")
    brooklyn = site(["outpatient"], postal_code="11201")
    telehealth = ServiceAtLocationFactory(service__terms=["outpatient"], location__location_type="virtual",
                                          location__postal_code="")
    matches = matching.find(Criteria(("outpatient",), postcode="10001"))
    assert names(matches) == [brooklyn, newark, kingston, telehealth]
    assert matches[0].miles < matches[1].miles < matches[2].miles
    assert matches[-1].miles is None


def test_more_wanted_options_rank_first_without_a_zip_code():
    one = site(["outpatient"])
    two = site(["outpatient", "aftercare"])
    matches = matching.find(Criteria(("outpatient", "aftercare")))
    assert names(matches) == [two, one]
    assert matches[0].offers == ["outpatient", "aftercare"]


def test_criteria_from_the_intake():
    case = CaseFactory(intake=make_intake(answers={"insurance": "medicare", "age": 70, "postcode": "11201"}))
    criteria = Criteria.from_intake(case.intake)
    assert criteria.care_options == ("mat_buprenorphine", "mat_methadone", "outpatient", "aftercare")
    assert (criteria.insurance, criteria.age, criteria.postcode) == ("medicare", 70, "11201")
    assert Criteria.from_intake(CaseFactory().intake) == Criteria()


def test_zip_prefix_distances_are_plausible():
    manhattan, boston = geo.point_for_postcode("10001"), geo.point_for_postcode("02108")
    assert 150 < geo.miles(manhattan, boston) < 230  # about 190 miles
    assert geo.point_for_postcode("not a zip") is None
    assert geo.point_for_postcode("10001-1234") == manhattan


def test_location_and_service_validation():
    with pytest.raises(ValidationError):
        Location(name="x", location_type="physical").full_clean(exclude=["organization"])
    with pytest.raises(ValidationError):
        Service(name="x", minimum_age=30, maximum_age=20).full_clean(exclude=["organization"])


def test_supervisors_edit_the_directory_in_the_admin_counsellors_do_not(supervisor, counsellor):
    supervisor.is_staff = counsellor.is_staff = True
    supervisor.save()
    counsellor.save()
    sal = site(["outpatient"])
    supervisor_client = logged_in(supervisor)
    assert supervisor_client.get("/admin/directory/service/").status_code == 200
    assert supervisor_client.get(f"/admin/directory/service/{sal.service.pk}/change/").status_code == 200
    assert supervisor_client.get("/admin/directory/organization/add/").status_code == 200
    counsellor_client = logged_in(counsellor)
    assert counsellor_client.get(f"/admin/directory/service/{sal.service.pk}/change/").status_code == 200  # view
    assert counsellor_client.get("/admin/directory/organization/add/").status_code == 403


def test_marking_verified_records_who(supervisor):
    supervisor.is_staff = True
    supervisor.save()
    sal = site(["outpatient"])
    response = logged_in(supervisor).post("/admin/directory/service/", {
        "action": "mark_verified", "_selected_action": [sal.service.pk]})
    assert response.status_code == 302
    sal.service.refresh_from_db()
    assert sal.service.assured_by == supervisor and sal.service.assured_date is not None


def test_load_demo_gives_a_live_queue_and_directory():
    call_command("load_demo", stdout=io.StringIO())
    assert Service.objects.count() == 7
    cases = Case.objects.all()
    assert {c.urgency for c in cases} >= {"emergency", "urgent", "soon", "routine"}
    assert cases.filter(intake__isnull=False).exists() and cases.filter(intake__isnull=True).exists()
    harbor = Service.objects.get(organization__name="Harbor Opioid Treatment Program")
    assert harbor.assured_by.username == "supervisor"
    call_command("load_demo", stdout=io.StringIO())  # a second run changes nothing
    assert Service.objects.count() == 7 and Case.objects.count() == cases.count()
