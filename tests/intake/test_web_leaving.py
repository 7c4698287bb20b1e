"""Leaving leaves nothing behind: "Leave this site quickly" and "Delete my answers" end the visit on the server, and
pages with answers on them are never stored by the browser."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from intake.models import IntakeDraft
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    CHECK_URL,
    CONTACT_URL,
    CRISIS_URL,
    FIRST_STEP_URL,
    RESULTS_URL,
    VIGNETTES,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
    step_url,
    submit,
    walk,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

EXIT_URL = reverse("quick-exit")
DELETE_URL = reverse("intake:delete_answers")


def started(client):
    """A visitor part-way through the questionnaire: a draft and a session that points at it."""
    response = client.post(FIRST_STEP_URL, step_data("danger", BASE))
    assert response.status_code == 302
    assert IntakeDraft.objects.count() == 1
    return client.session.session_key


def test_leaving_quickly_deletes_the_draft_and_the_session_then_goes_to_the_neutral_site(client, settings):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    session_key = started(client)
    response = client.get(EXIT_URL)
    assert response.status_code == 302 and response["Location"] == "https://weather.example/"
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    assert not IntakeDraft.objects.exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    # Coming back offers nothing to carry on with, and the old question page holds no answer.
    assert "Carry on where you left off" not in client.get(reverse("intake:start")).content.decode()
    assert "checked" not in client.get(FIRST_STEP_URL).content.decode()


def test_leaving_quickly_works_for_a_visitor_who_never_started(client):
    assert client.get(EXIT_URL).status_code == 302


def test_the_quick_exit_default_is_a_neutral_us_site(settings):
    assert settings.QUICK_EXIT_URL == "https://www.weather.gov/"


def delete_form(page: str) -> str:
    """The "Delete my answers" form on a page, as HTML."""
    match = re.search(rf'<form method="post" action="{DELETE_URL}"[^>]*>.*?</form>', page, re.S)
    assert match, "no Delete my answers form"
    return match.group()


def test_delete_my_answers_is_a_post_with_csrf(client):
    started(client)
    form = delete_form(client.get(step_url("safety_feelings")).content.decode())
    assert "csrfmiddlewaretoken" in form and "Delete my answers" in form
    assert client.get(DELETE_URL).status_code == 405  # never a link that a crawler or a prefetch could follow


def test_delete_my_answers_deletes_the_draft_and_the_session_and_confirms_on_the_next_page(client):
    session_key = started(client)
    response = client.post(DELETE_URL)
    assert response["Location"] == reverse("intake:answers_deleted")
    assert not IntakeDraft.objects.exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Your answers have been deleted" in page
    assert "Carry on where you left off" not in client.get(reverse("intake:start")).content.decode()


def test_the_whole_questionnaire_offers_delete_my_answers_on_every_page_up_to_sending(client):
    answers = VIGNETTES["P10"]["answers"]
    visited = walk(client, answers)
    assert visited[-1] == CHECK_URL
    for url in [step_url(step_id) for step_id in visited[:-1]] + [CHECK_URL, CONTACT_URL]:
        assert delete_form(client.get(url).content.decode()), url


@pytest.mark.parametrize(
    "url",
    [
        reverse("intake:start"),
        FIRST_STEP_URL,
        reverse("intake:emergency"),
        reverse("intake:callback"),
        reverse("intake:callback_done"),
        reverse("intake:crisis_requested"),
        reverse("intake:selfcheck"),
        reverse("intake:help_now"),
        reverse("intake:answers_deleted"),
        CRISIS_URL,
        CHECK_URL,
        CONTACT_URL,
        RESULTS_URL,
    ],
)
def test_pages_of_the_visit_are_never_stored(client, url):
    response = client.get(url)
    assert "no-store" in response["Cache-Control"], url


def test_the_results_page_is_never_stored(client):
    submit(client, VIGNETTES["P01"]["answers"])
    response = client.get(RESULTS_URL)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_browsing_safely_is_linked_beside_the_exit_button_and_explains_private_browsing(client):
    home = client.get("/").content.decode()
    bar = home[home.index('class="quick-exit"') : home.index("</div>", home.index('class="quick-exit"'))]
    assert 'href="/browsing-safely/"' in bar and "Leave this site quickly" in bar
    page = client.get("/browsing-safely/").content.decode()
    for words in ("private", "history", "call log", "Shift key 3 times"):
        assert words in page, words
