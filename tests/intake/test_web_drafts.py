"""Drafts live server-side (the session holds only the draft id), expire after 24 hours without an answer, let a
person carry on where they left off, and two tabs don't corrupt each other."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake import drafts
from intake.engine.questionnaire import STEPS, STEPS_BY_ID
from intake.models import IntakeDraft
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    FIRST_STEP_URL,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
    step_url,
    walk,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

ABOUT = step_data("about_you", BASE)


def start(client, until: str):
    """Answer the pages before ``until``."""
    url = FIRST_STEP_URL
    while url != step_url(until):
        url = client.post(url, step_data(url.split("/intake/q/")[1].strip("/"), BASE))["Location"]


def age_draft(hours: float):
    IntakeDraft.objects.update(updated_at=timezone.now() - timedelta(hours=hours))


def test_looking_at_a_question_creates_no_draft_and_no_session(client):
    client.get(FIRST_STEP_URL)
    assert not IntakeDraft.objects.exists()
    assert "sessionid" not in client.cookies


def test_the_session_holds_only_the_draft_id_and_the_answers_stay_on_the_server(client):
    start(client, "about_you")
    client.post(step_url("about_you"), ABOUT)
    draft = IntakeDraft.objects.get()
    assert client.session.keys() == {"intake_draft", "intake_draft_renewed"}
    assert client.session["intake_draft"] == str(draft.pk)
    assert draft.answers["age"] == 34
    assert "34" not in client.cookies["sessionid"].value


def test_coming_back_within_24_hours_carries_on_where_they_left_off(client):
    start(client, "about_you")
    client.post(step_url("about_you"), ABOUT)
    age_draft(23)
    page = client.get("/intake/")
    assert page.context["resume_url"] == step_url("substances")
    assert "Carry on where you left off" in page.content.decode()
    response = client.post(step_url("substances"), step_data("substances", BASE))
    assert response["Location"] == step_url("opioid_pattern")
    assert IntakeDraft.objects.get().answers["opioids_used"] == BASE["opioids_used"]


def test_an_answer_renews_the_24_hours(client):
    start(client, "about_you")
    age_draft(23)
    client.post(step_url("about_you"), ABOUT)
    age_draft(2)
    assert client.get(step_url("substances")).status_code == 200


def test_after_24_hours_without_an_answer_the_draft_is_gone_and_they_start_again_gently(client):
    start(client, "about_you")
    age_draft(24.1)
    response = client.get(step_url("about_you"))
    assert response["Location"] == "/intake/"
    assert not IntakeDraft.objects.exists()
    page = client.get("/intake/").content.decode()
    assert "we delete them when nobody has used them for 24 hours" in page
    assert "Start now" in page
    assert "intake_draft" not in client.session


def test_posting_to_an_expired_draft_stores_nothing(client):
    start(client, "about_you")
    age_draft(30)
    response = client.post(step_url("about_you"), ABOUT)
    assert response["Location"] == "/intake/"
    assert not IntakeDraft.objects.exists()


def test_a_draft_from_an_older_questionnaire_version_is_not_continued(client):
    start(client, "about_you")
    IntakeDraft.objects.update(questionnaire_version="2025.9")
    assert client.get(step_url("about_you"))["Location"] == "/intake/"


def test_start_again_deletes_the_draft(client):
    start(client, "about_you")
    response = client.post("/intake/start-again/")
    assert response["Location"] == FIRST_STEP_URL
    assert not IntakeDraft.objects.exists()
    assert "intake_draft" not in client.session


def test_two_tabs_each_change_only_their_own_page(client):
    """Tab A and tab B share the session. Each post changes only its own page's answers, so a stale tab's post
    never undoes what the other tab answered."""
    walk(client, BASE)
    tab_a, tab_b = client, Client()
    tab_b.cookies = client.cookies
    form_b = tab_b.get(step_url("goals", change=True))  # tab B opens "goals" and waits
    assert form_b.status_code == 200
    tab_a.post(step_url("about_you", change=True), {**ABOUT, "age": "52"})
    tab_b.post(step_url("goals", change=True), step_data("goals", {**BASE, "goal": "cut_down"}))
    answers = IntakeDraft.objects.get().answers
    assert answers["age"] == 52
    assert answers["goal"] == "cut_down"
    assert answers["insurance"] == BASE["insurance"]


def test_a_stale_tab_cannot_store_an_answer_to_a_question_the_other_tab_removed(client):
    walk(client, BASE)
    tab_b = Client()
    tab_b.cookies = client.cookies
    assert tab_b.get(step_url("opioid_pattern", change=True)).status_code == 200  # open in tab B
    no_opioids = {"opioids_used": ["none"], "other_substances": ["none"]}
    client.post(step_url("substances", change=True), step_data("substances", no_opioids))  # tab A: no opioids now
    response = tab_b.post(step_url("opioid_pattern", change=True), step_data("opioid_pattern", BASE))
    assert response.status_code == 302
    answers = IntakeDraft.objects.get().answers
    assert "injects" not in answers
    assert answers["opioids_used"] == ["none"]


def test_answering_a_page_reads_the_draft_once_under_a_row_lock(client):
    """Each post re-reads the draft with SELECT ... FOR UPDATE inside its transaction and merges into what it read,
    so concurrent posts from two tabs are applied one after the other on the latest answers."""
    start(client, "about_you")
    draft = IntakeDraft.objects.get()
    with CaptureQueriesContext(connection) as queries:
        outcome = drafts.answer_step(draft.pk, STEPS_BY_ID["about_you"], {**ABOUT, "age": "40"})
    assert outcome.status == drafts.SAVED
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and "intake_intakedraft" in q["sql"]]
    assert len(reads) == 1
    if connection.features.has_select_for_update:  # PostgreSQL; SQLite serialises writers instead
        assert "FOR UPDATE" in reads[0]
    assert IntakeDraft.objects.get().answers["age"] == 40


def answer_the_first_page(client) -> str:
    """Answer the first page (the draft and the session are created); returns the next page's address."""
    return client.post(FIRST_STEP_URL, step_data(STEPS[0].id, BASE))["Location"]


def post_next(client, url):
    """The statements answering the page at ``url`` runs; the test's own transaction turns the request's
    BEGIN and COMMIT into a savepoint and its release, which are left out."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, step_data(url.split("/intake/q/")[1].strip("/"), BASE))
    assert response.status_code == 302
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def test_an_answer_is_one_transaction_of_at_most_four_statements(client):
    statements = post_next(client, answer_the_first_page(client))
    assert len(statements) <= 4, statements
    writes = [sql for sql in statements if sql.split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert len(writes) == 1 and "intake_intakedraft" in writes[0], "the draft alone: the session isn't rewritten"


def test_the_session_is_renewed_hourly_while_they_answer(client):
    url = answer_the_first_page(client)
    session = client.session
    session[drafts.RENEWED_KEY] -= drafts.SESSION_RENEW_SECONDS
    session.save()
    statements = post_next(client, url)
    assert any(sql.startswith("UPDATE") and "django_session" in sql for sql in statements)
