"""The results page leads somewhere: up to 3 providers from the directory near the person's ZIP code, offering a
suggested option and taking their payment; or, without a ZIP code or a match, it says so and offers other help."""

import re

import pytest

from config import demo
from tests.intake.answers import BASE
from tests.intake.web_helpers import RESULTS_URL, fresh_rate_limits, submit  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def directory():
    demo.create_directory()


def results(client, **changes):
    answers = {key: value for key, value in {**BASE, **changes}.items() if value is not None}
    assert submit(client, answers)["Location"] == RESULTS_URL
    return client.get(RESULTS_URL).content.decode()


def providers(page):
    return re.findall(r'data-provider="([0-9a-f-]+)"', page)


def test_results_show_up_to_3_providers_near_a_demo_zip_code_in_words(client, directory):
    page = results(client, postcode="10001", insurance="medicaid", preferred_medicine="methadone")
    shown = providers(page)
    assert 1 <= len(shown) <= 3
    first = page[page.index(f'data-provider="{shown[0]}"') :]
    assert "Harbor Opioid Treatment Program" in first[:3000]  # offers methadone, the suggested option listed first
    assert re.search(r"Less than 1 mile away|About \d+ miles away", page)  # ZIP codes are placed roughly
    assert 'href="tel:+12125550141"' in page
    assert "412 West 37th Street, New York, NY 10018" in page
    assert "Mon\u2013Fri 6 am\u20132 pm" in page and "MO,TU" not in page
    assert "English, Spanish" in page


def test_only_providers_that_take_the_persons_payment(client, directory):
    page = results(client, postcode="10455", insurance="none")
    assert providers(page)
    assert "Bronx Community Health" in page  # free care and a sliding scale
    assert "Brooklyn Bridge" not in page  # takes insurance or cash only
    assert "data-paying-help" in page and 'href="/pages/paying-for-treatment/"' in page


def test_the_paying_box_only_for_no_insurance_or_not_sure(client, directory):
    assert "data-paying-help" not in results(client, postcode="10001", insurance="medicaid")
    client.cookies.clear()
    assert "data-paying-help" in results(client, postcode="10001", insurance="not_sure")


@pytest.mark.parametrize(
    ("postcode", "status", "words"),
    [
        (None, "no_postcode", "You didn&#x27;t give a ZIP code"),
        ("SW1A 1AA", "unknown_postcode", "We couldn&#x27;t find places near"),
        ("99501", "none_nearby", "We didn&#x27;t find a place near you"),  # Anchorage: no demo provider near
    ],
)
def test_without_a_zip_code_or_a_match_it_says_so_and_offers_a_call_back_and_the_helpline(
    client, directory, postcode, status, words
):
    page = results(client, postcode=postcode)
    assert not providers(page)
    assert f'data-providers="{status}"' in page and words in page
    assert 'href="/callback/"' in page and 'href="tel:+18006624357"' in page
