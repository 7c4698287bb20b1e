"""Public pages are light on a first visit: at most 25 KB on the wire, HTML compressed, only our own assets."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from intake.engine.questionnaire import STEPS

pytestmark = pytest.mark.django_db

FIRST_VISIT_BUDGET = 25_000
PAGES = ("/", "/callback/", "/help-now/", f"/intake/q/{STEPS[0].id}/")


def assets(html: str) -> list[str]:
    return re.findall(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"', html)


@pytest.mark.parametrize("path", PAGES)
def test_a_first_visit_is_at_most_25_kb_compressed(path):
    response = Client().get(path, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    total = len(response.content)
    for url in assets(html):
        assert url.startswith("/"), f"{url}: no third-party requests"
        if url.startswith("/static/"):
            with open(finders.find(url.removeprefix("/static/")), "rb") as asset:
                total += len(gzip.compress(asset.read()))  # WhiteNoise serves static files compressed too
    assert total <= FIRST_VISIT_BUDGET, f"{path}: {total} bytes"


def test_only_the_bootstrap_css_the_templates_use_is_loaded():
    html = Client().get("/").content.decode()
    assert "bootstrap.purged.min.css" in html and "bootstrap.min.css" not in html
