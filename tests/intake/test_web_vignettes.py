"""Every clinical vignette through the web questionnaire, page by page as a browser would: at most 16 question
pages, a progress line whose number of parts never changes, and the results the engine gives, in its order."""

import re

import pytest
from django.urls import resolve

from intake.engine.questionnaire import STEPS
from tests.intake.web_helpers import (
    CONTACT,
    CONTACT_URL,
    FIRST_STEP_URL,
    RESULTS_URL,
    VIGNETTES,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PROGRESS = re.compile(r"Part (\d+) of (\d+): ([^<]+)</p>")


def answer_every_page(client, answers):
    """Open and answer each page the site sends to; returns the progress lines read, in order, and the last URL."""
    progress, url = [], FIRST_STEP_URL
    while (match := resolve(url.split("?")[0])).url_name in ("step", "crisis"):
        if match.url_name == "crisis":
            url = client.post("/intake/crisis/continue/")["Location"]
            continue
        page = client.get(url).content.decode()
        progress.append(PROGRESS.search(page).groups())
        step_id = match.kwargs["step_id"]
        response = client.post(url, step_data(step_id, answers))
        assert response.status_code == 302, (step_id, response.content.decode()[:300])
        url = response["Location"]
        assert len(progress) <= len(STEPS), progress
    return progress, url


def test_the_longest_possible_path_has_at_most_16_question_pages():
    assert len(STEPS) <= 16


@pytest.mark.parametrize("vignette_id", sorted(VIGNETTES))
def test_vignette_through_the_web(client, vignette_id):
    vignette = VIGNETTES[vignette_id]
    progress, end = answer_every_page(client, vignette["answers"])
    if vignette["answers"]["danger_now"]:
        assert end == "/intake/emergency/" and len(progress) == 1
        return
    assert end == "/intake/check/"
    assert 1 <= len(progress) <= 16
    assert {total for _, total, _ in progress} == {"7"}  # the total never changes during the visit
    parts = [int(part) for part, _, _ in progress]
    assert parts == sorted(parts) and parts[0] == 1 and parts[-1] == 7
    assert client.post(CONTACT_URL, CONTACT)["Location"] == RESULTS_URL
    page = client.get(RESULTS_URL).content.decode()
    expected = vignette["expect"]
    assert re.findall(r'data-option="([a-z_]+)"', page) == expected["care_options"]
    assert re.findall(r'data-not-now="([a-z_]+)"', page) == expected["not_now"]
