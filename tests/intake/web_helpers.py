"""Helpers for the web tests (tests/intake/test_web_*.py): drive the questionnaire through the test client the way
a browser would, using only the testability hooks (field names = answer ids, yes/no posts yes/no, a multiple choice
posts repeated values) and the redirects the site answers with."""

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import resolve, reverse

from intake.engine.questionnaire import STEPS, STEPS_BY_ID
from intake.forms import form_data

VIGNETTES = {v["id"]: v for v in json.loads((Path(__file__).parent / "vignettes.json").read_text(encoding="utf-8"))}

FIRST_STEP_URL = reverse("intake:step", args=[STEPS[0].id])
CHECK_URL = reverse("intake:check")
CONTACT_URL = reverse("intake:contact")
RESULTS_URL = reverse("intake:results")
CRISIS_URL = reverse("intake:crisis")
EMERGENCY_URL = reverse("intake:emergency")

CONTACT = {
    "first_name": "Sam",
    "phone": "(555) 010-4477",
    "email": "",
    "preferred_method": "phone",
    "best_time": "evening",
    "voicemail_safe": "no",
    "text_safe": "yes",
    "own_words": "Please call after 6.",
    "consent_contact": "on",
}


@pytest.fixture
def fresh_rate_limits(settings):
    """Rate-limit counters live in the cache and would leak between tests; a whole questionnaire posts ~35 pages
    in well under a minute, faster than any person, so the tests allow more (test_web_security checks the limit)."""
    settings.PUBLIC_POST_RATE = "1000/m"
    cache.clear()
    yield
    cache.clear()


def step_url(step_id: str, change: bool = False) -> str:
    url = reverse("intake:step", args=[step_id])
    return f"{url}?change=1" if change else url


def step_data(step_id: str, answers: dict) -> dict:
    """What a browser posts for this page: the page's answers among ``answers`` (blank ones left out)."""
    step = STEPS_BY_ID[step_id]
    return form_data({key: answers[key] for key in step.question_ids if key in answers})


def walk(client, answers: dict, url: str = FIRST_STEP_URL, on_crisis: str = "continue", limit: int = 80) -> list[str]:
    """Answer every page the site asks for, following its redirects, until it leaves the question pages.

    Returns the ids of the pages visited and, last, the URL it ended on (check answers, emergency, crisis...).
    ``on_crisis="continue"`` carries on past the crisis page as a person choosing "continue" would.
    """
    visited = []
    for _ in range(limit):
        match = resolve(url.split("?")[0])
        if match.url_name == "step":
            step_id = match.kwargs["step_id"]
            visited.append(step_id)
            response = client.post(url, step_data(step_id, answers))
            assert response.status_code == 302, (step_id, _errors(response))
            url = response["Location"]
        elif match.url_name == "crisis" and on_crisis == "continue":
            visited.append("crisis")
            response = client.post(reverse("intake:crisis_continue"))
            assert response.status_code == 302
            url = response["Location"]
        else:
            visited.append(url)
            return visited
    raise AssertionError("the questionnaire did not end")


def complete(client, answers: dict) -> None:
    """Answer the whole questionnaire; ends on "Check your answers"."""
    visited = walk(client, answers)
    assert visited[-1] == CHECK_URL, visited


def submit(client, answers: dict, contact: dict | None = None):
    complete(client, answers)
    return client.post(CONTACT_URL, CONTACT if contact is None else contact)


def _errors(response) -> str:
    form = response.context.get("form") if response.context else None
    return str(form.errors.as_data()) if form is not None else response.content[:500].decode(errors="replace")
