"""/help-now/: the fixed crisis numbers always, the clinic's editable guidance, and helplines abroad."""

import pytest

from content.models import Helpline, HelpNowText

pytestmark = pytest.mark.django_db


def test_without_editable_guidance_the_built_in_overdose_steps_are_shown(client):
    page = client.get("/help-now/").content.decode()
    assert "What to do if someone may be overdosing" in page
    assert 'href="tel:911"' in page and 'href="tel:988"' in page


def test_editable_guidance_replaces_the_built_in_steps_but_never_the_numbers(client):
    HelpNowText.objects.create(body="## Our own steps\n\nStay with them and keep them warm.")
    page = client.get("/help-now/").content.decode()
    assert "Our own steps" in page and "keep them warm" in page
    assert "What to do if someone may be overdosing" not in page
    assert 'href="tel:911"' in page and 'href="tel:988"' in page and "1-800-662-4357" in page


def test_helplines_of_other_countries_are_listed_by_country(client):
    Helpline.objects.create(country="Canada", name="Kids Help Phone", number="1-800-668-6868", how_to_use="Call")
    page = client.get("/help-now/").content.decode()
    assert "In Canada" in page and "Kids Help Phone" in page and "1-800-668-6868" in page
