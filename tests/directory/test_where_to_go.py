"""What a person's results page needs from the directory: hours in words, the first suggested option first, and
only places within reach of their ZIP code."""

from datetime import time
from types import SimpleNamespace

import pytest

from directory import matching
from directory.hours import days_in_words, hours_in_words, time_in_words
from directory.matching import Criteria
from tests.factories import ServiceAtLocationFactory


@pytest.mark.parametrize(
    ("byday", "words"),
    [
        ("MO,TU,WE,TH,FR", "Mon\u2013Fri"),
        ("SA", "Sat"),
        ("SA,SU", "Sat, Sun"),
        ("MO,WE,FR", "Mon, Wed, Fri"),
        ("FR,MO,TU,WE,SU", "Mon\u2013Wed, Fri, Sun"),
        ("MO,TU,WE,TH,FR,SA,SU", "Mon\u2013Sun"),
    ],
)
def test_days_in_words(byday, words):
    assert days_in_words(byday) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [(time(6), "6 am"), (time(14), "2 pm"), (time(8, 30), "8:30 am"), (time(12), "noon"), (time(0), "midnight")],
)
def test_times_in_words_on_a_12_hour_clock(value, words):
    assert time_in_words(value) == words


def test_hours_in_words_never_show_codes():
    schedules = [
        SimpleNamespace(byday="MO,TU,WE,TH,FR", opens_at=time(6), closes_at=time(14)),
        SimpleNamespace(byday="SA", opens_at=time(7), closes_at=time(11)),
        SimpleNamespace(byday="MO,TU,WE,TH,FR,SA,SU", opens_at=time(0), closes_at=time(23, 59)),
    ]
    assert hours_in_words(schedules) == [
        "Mon\u2013Fri 6 am\u20132 pm",
        "Sat 7 am\u201311 am",
        "Mon\u2013Sun open 24 hours",
    ]


def site(terms, postal_code="10001", **location):
    return ServiceAtLocationFactory(
        service__terms=terms,
        location__postal_code=postal_code,
        **{f"location__{key}": value for key, value in location.items()},
    )


@pytest.mark.django_db
def test_places_offering_the_first_suggested_option_come_first_for_people_and_counselors():
    near_outpatient = site(["outpatient"], postal_code="10001")
    further_methadone = site(["mat_methadone", "outpatient"], postal_code="11201")
    matches = matching.find(Criteria(("mat_methadone", "outpatient"), postcode="10001"))
    assert [match.service_at_location for match in matches] == [further_methadone, near_outpatient]


@pytest.mark.django_db
def test_nearby_keeps_places_a_person_can_visit_within_reach_and_at_most_three():
    close = [site(["outpatient"], postal_code="10001") for _ in range(4)]
    site(["outpatient"], postal_code="12401")  # Kingston, about 90 miles from 10001
    site(["outpatient"], postal_code="", location_type="virtual", address_1="", city="")  # for the counselor
    criteria = Criteria(("outpatient",), postcode="10001")
    found = matching.nearby(criteria)
    assert len(found) == 3 and {match.service_at_location for match in found} <= set(close)
    everything = matching.nearby(criteria, limit=10)
    assert {match.service_at_location for match in everything} == set(close)
    assert all(match.miles <= matching.NEARBY_MILES for match in everything)
    assert len(matching.find(criteria)) == 6


@pytest.mark.django_db
def test_nearby_needs_a_zip_code_it_can_place():
    site(["outpatient"])
    assert matching.nearby(Criteria(("outpatient",), postcode="")) == []
    assert matching.nearby(Criteria(("outpatient",), postcode="SW1A 1AA")) == []
