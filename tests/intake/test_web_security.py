"""Bad input never gives a 500 and never stores anything invalid; CSRF, rate limits, honeypots, no caching."""

import pytest
from django.test import Client

from intake.models import Intake, IntakeDraft
from referrals.models import Case
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    CONTACT,
    CONTACT_URL,
    FIRST_STEP_URL,
    RESULTS_URL,
    complete,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
    step_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

HUGE = "x" * 100_000


def reach(client, step_id):
    url = FIRST_STEP_URL
    while url != step_url(step_id):
        url = client.post(url, step_data(url.split("/intake/q/")[1].strip("/"), BASE))["Location"]


def answers(client) -> dict:
    draft = IntakeDraft.objects.first()
    return draft.answers if draft else {}


@pytest.mark.parametrize(
    ("step_id", "data", "message"),
    [
        ("danger", {"danger_now": "maybe"}, "Select one of the answers shown"),
        ("danger", {"danger_now": "true"}, "Select one of the answers shown"),
        ("danger", {"danger_now": HUGE}, "Select one of the answers shown"),
        ("about_you", {"pregnant": "definitely"}, "Select one of the answers shown"),
        ("about_you", {"pregnant": ["yes", "no", HUGE]}, "Select one of the answers shown"),
        ("about_you", {"age": HUGE}, "Enter your age as a number, like 34"),
        ("about_you", {"age": "9" * 50}, "Enter a number from 12 to 110"),
        ("about_you", {"age": "9" * 5000}, "Enter your age as a number, like 34"),  # past Python's int-parsing limit
        ("about_you", {"age": "34.5"}, "Enter your age as a number, like 34"),
        ("about_you", {"age": "-1"}, "Enter a number from 12 to 110"),
        ("about_you", {"postcode": HUGE}, "Enter 10 characters or fewer"),
        ("about_you", {"postcode": "100\x0001"}, "Null characters are not allowed"),
        ("substances", {"opioids_used": ["heroin", "kryptonite"]}, "Select one of the answers shown"),
        ("substances", {"opioids_used": ["heroin", "heroin"]}, "Select one of the answers shown"),
        ("substances", {}, "Select the opioids you used in the past 12 months"),
        ("mood", {"phq_1": "7", "phq_2": "0", "gad_1": "0", "gad_2": "0"}, "Select one of the answers shown"),
        ("mood", {"phq_1": "1.0", "phq_2": "0", "gad_1": "0", "gad_2": "0"}, "Select one of the answers shown"),
    ],
)
def test_tampered_answers_are_refused_with_a_clear_error_and_not_stored(client, step_id, data, message):
    reach(client, step_id)
    before = dict(answers(client))
    response = client.post(step_url(step_id), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert message in page
    summary = page[page.index('class="error-summary"') : page.index("</ul>")]
    inline = "".join(part.split("</p>")[0] for part in page.split('class="error-message"')[1:])
    for text in (summary, inline):  # posted values are never echoed in messages
        assert HUGE[:50] not in text and "kryptonite" not in text
    assert answers(client) == before


def test_extra_fields_are_ignored_and_only_the_pages_own_answers_are_stored(client):
    reach(client, "about_you")
    extra = {"insurance": "medicaid", "danger_now": "yes", "is_admin": "1"}
    client.post(step_url("about_you"), {"age": "34", "pregnant": "no", **extra})
    stored = answers(client)
    assert stored["age"] == 34 and stored["danger_now"] is False
    assert "insurance" not in stored and "is_admin" not in stored


def test_a_page_posted_out_of_order_stores_nothing(client):
    response = client.post(step_url("about_you"), {"age": "34"})  # no draft: the safety questions come first
    assert response["Location"] == FIRST_STEP_URL
    assert not IntakeDraft.objects.exists()
    reach(client, "about_you")
    response = client.post(step_url("life_and_paying"), {"insurance": "medicaid", "responsibilities": "none"})
    assert response["Location"] == step_url("about_you")
    assert "insurance" not in answers(client)


def test_an_unknown_page_is_not_found(client):
    assert client.get(step_url("not_a_step")).status_code == 404
    assert client.post(step_url("not_a_step"), {"x": "y"}).status_code == 404


def test_contact_details_with_huge_or_malformed_values_are_refused(client):
    complete(client, BASE)
    data = {**CONTACT, "first_name": HUGE, "phone": HUGE, "email": HUGE, "own_words": HUGE, "best_time": HUGE}
    response = client.post(CONTACT_URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter 60 characters or fewer" in page
    assert "Enter 2,000 characters or fewer" in page
    assert not Intake.objects.exists() and not Case.objects.exists()


def test_a_final_submit_with_a_broken_draft_stores_nothing(client):
    complete(client, BASE)
    draft = IntakeDraft.objects.get()
    draft.answers = {**draft.answers, "age": "old"}  # cannot come from the forms; the engine would refuse it
    draft.save()
    response = client.post(CONTACT_URL, CONTACT)
    assert response.status_code == 302
    assert not Intake.objects.exists() and not Case.objects.exists()


def test_a_replayed_final_submit_after_the_draft_expired_stores_nothing(client):
    complete(client, BASE)
    IntakeDraft.objects.all().delete()
    response = client.post(CONTACT_URL, CONTACT)
    assert response["Location"] == "/intake/"
    assert not Intake.objects.exists() and not Case.objects.exists()


# --- CSRF, rate limits, honeypots, caching -------------------------------------------------------------------------


def test_every_public_post_needs_a_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    for url in (FIRST_STEP_URL, "/callback/", "/self-check/", "/intake/start-again/", "/intake/crisis/continue/"):
        assert browser.post(url, {}).status_code == 403, url
    page = browser.get(FIRST_STEP_URL)
    token = page.context["csrf_token"]
    response = browser.post(FIRST_STEP_URL, {"danger_now": "no", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    assert IntakeDraft.objects.get().answers == {"danger_now": False}


def visitor(address="198.51.100.20") -> Client:
    """A browser that has opened a form page (so it carries the CSRF cookie every real form post needs)."""
    browser = Client(REMOTE_ADDR=address)
    browser.get("/callback/")
    return browser


def test_public_posts_are_rate_limited_per_visitor_with_a_friendly_page(settings):
    settings.PUBLIC_POST_RATE = "3/m"
    someone = visitor()
    for _ in range(3):
        assert someone.post("/callback/", {}).status_code == 200  # errors, but served
    response = someone.post(FIRST_STEP_URL, {"danger_now": "no"})  # one limit across the public forms
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert 'href="tel:988"' in response.content.decode()
    assert not IntakeDraft.objects.exists()
    assert someone.get(FIRST_STEP_URL).status_code == 200  # reading is never limited
    # Someone else in the same waiting room (same address) is not blocked.
    assert visitor().post(FIRST_STEP_URL, {"danger_now": "no"}).status_code == 302


def test_many_people_behind_one_address_only_meet_the_much_higher_address_ceiling(settings):
    settings.PUBLIC_POST_RATE = "3/m"
    settings.PUBLIC_POST_ADDRESS_RATE = "12/m"
    waiting_room = [visitor() for _ in range(4)]
    for _ in range(3):
        for person in waiting_room:
            assert person.post("/callback/", {}).status_code == 200  # 12 posts from one address, 3 each
    assert visitor().post("/callback/", {}).status_code == 429  # the address ceiling: only a script gets here
    assert visitor("203.0.113.9").post("/callback/", {}).status_code == 200


def test_posts_without_any_cookie_count_their_address_at_the_visitor_rate(settings):
    settings.PUBLIC_POST_RATE = "3/m"
    for _ in range(3):
        assert Client().post("/callback/", {}).status_code == 200  # a script that drops every cookie
    assert Client().post("/callback/", {}).status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.9").post("/callback/", {}).status_code == 200


def test_a_filled_honeypot_stores_nothing(client):
    response = client.post(FIRST_STEP_URL, {"danger_now": "no", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not IntakeDraft.objects.exists()
    complete(client, BASE)
    client.post(CONTACT_URL, {**CONTACT, "website": "spam"})
    assert not Intake.objects.exists()
    client.post(
        "/callback/",
        {
            "phone": "5550100000",
            "best_time": "any",
            "voicemail_safe": "no",
            "text_safe": "no",
            "consent_contact": "on",
            "website": "spam",
        },
    )
    assert not Case.objects.exists()


def test_every_form_carries_the_honeypot(client):
    complete(client, BASE)
    for url in (FIRST_STEP_URL, CONTACT_URL, "/callback/", "/self-check/", "/intake/"):
        assert 'name="website"' in client.get(url).content.decode(), url


def test_pages_with_answers_are_never_cached(client):
    complete(client, BASE)
    for url in (step_url("about_you"), "/intake/check/", CONTACT_URL):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.post(CONTACT_URL, CONTACT)
    assert "no-store" in client.get(RESULTS_URL)["Cache-Control"]
