"""Walk every clinical vignette through the web questionnaire, as a person with a browser would, and count.

    .venv/bin/python bench/questionnaire_walk.py                 # a throwaway SQLite test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_walk .venv/bin/python bench/questionnaire_walk.py

Each walk starts on the start page (/intake/) and follows only what the pages offer: the primary link ("Start
now", "Continue"), or the page's own form, filled in from the vignette's answers and a set of contact details
(real forms: the fields and choices must be on the page, and the CSRF token is taken from it, with CSRF checks
on). The crisis page is passed by choosing to continue the questionnaire. A walk ends on the results page, or on
the emergency page for someone in danger.

It prints, per vignette: question pages answered, page loads (every HTML page the browser shows, from the start
page to the results page included, error pages re-shown after a post too), requests (page loads plus the posts
that answered with a redirect), and the progress totals the question pages showed; then the longest path and
the median. The questionnaire runs on Django's test client (the full middleware stack, no network), against a
test database made and dropped for the run.
"""

import contextlib
import io
import json
import os
import re
import statistics
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
VIGNETTES = BASE_DIR / "tests" / "intake" / "vignettes.json"

CONTACT = {
    "first_name": "Sam",
    "phone": "(555) 010-4477",
    "email": "sam@example.org",
    "preferred_method": "text",
    "best_time": "evening",
    "voicemail_safe": "no",
    "text_safe": "yes",
    "email_safe": "yes",
    "consent_contact": "on",
}
PROGRESS = re.compile(r"\b(?:of about|of) (\d+)\b")


@dataclass
class Form:
    action: str
    fields: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> [(type, value)]


class PageParser(HTMLParser):
    """The forms (with their fields) and the primary buttons of one page."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.primary_links: list[str] = []
        self.progress = ""
        self._form: Form | None = None
        self._in_progress = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = Form(attrs.get("action") or "")
            self.forms.append(self._form)
        elif tag in ("input", "textarea", "select") and self._form is not None and attrs.get("name"):
            kind = attrs.get("type", tag) if tag == "input" else tag
            default = "on" if kind in ("checkbox", "radio") else ""  # what browsers post for a box without a value
            self._form.fields.setdefault(attrs["name"], []).append((kind, attrs.get("value", default)))
        elif tag == "a" and "btn-primary" in classes and attrs.get("href"):
            self.primary_links.append(attrs["href"])
        elif "progress-caption" in classes:
            self._in_progress = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if self._in_progress and tag in ("p", "div", "span"):
            self._in_progress = False

    def handle_data(self, data):
        if self._in_progress:
            self.progress += data


def fill(form: Form, values: dict) -> dict:
    """What a person posts: their answer for each field on the form (checking it is one the form offers)."""
    data = {}
    for name, inputs in form.fields.items():
        kinds = {kind for kind, _ in inputs}
        if kinds & {"hidden"}:
            data[name] = inputs[0][1]
        elif name not in values:
            continue
        elif kinds & {"radio", "checkbox"}:
            offered = {value for _, value in inputs}
            wanted = values[name] if isinstance(values[name], list) else [values[name]]
            missing = set(wanted) - offered
            if missing:
                raise AssertionError(f"{name}: {sorted(missing)} not offered ({sorted(offered)})")
            data[name] = wanted
        else:
            data[name] = values[name]
    return data


@dataclass
class Walk:
    vignette: str
    question_pages: int = 0
    page_loads: int = 0
    requests: int = 0
    totals: set[int] = field(default_factory=set)
    ended_on: str = ""


def walk(client, vignette: dict, form_data, resolve) -> Walk:
    values = {**form_data(vignette["answers"]), **CONTACT}
    result = Walk(vignette["id"])
    url = "/intake/"
    response = client.get(url)
    for _ in range(200):
        result.requests += 1
        if response.status_code in (301, 302):
            url = urljoin(url, response["Location"])
            response = client.get(url)
            continue
        if response.status_code != 200:
            raise AssertionError(f"{vignette['id']}: {url} answered {response.status_code}")
        result.page_loads += 1
        name = resolve(url.split("?")[0]).url_name
        if name in ("results", "emergency"):
            result.ended_on = name
            return result
        page = PageParser()
        page.feed(response.content.decode())
        if name == "step":
            result.question_pages += 1
            totals = PROGRESS.findall(page.progress)
            result.totals.update(int(total) for total in totals[-1:])
        own = [form for form in page.forms if form.action.endswith("/crisis/continue/")] or [
            form for form in page.forms if form.action == url
        ]
        if own:
            url = own[0].action
            response = client.post(url, fill(own[0], values))
        elif page.primary_links:
            url = urljoin(url, page.primary_links[0])
            response = client.get(url)
        else:
            raise AssertionError(f"{vignette['id']}: nothing to do on {url}")
    raise AssertionError(f"{vignette['id']}: no end after 200 requests")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["PUBLIC_POST_RATE"] = "100000/m"  # one client answers all the vignettes in seconds
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases
    from django.urls import resolve

    from intake.engine.questionnaire import STEPS
    from intake.forms import form_data

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        walks = []
        # The development message backends print each message; keep them out of the figures.
        with contextlib.redirect_stdout(io.StringIO()):
            for vignette in json.loads(VIGNETTES.read_text(encoding="utf-8")):
                client = Client(enforce_csrf_checks=True)
                walks.append(walk(client, vignette, form_data, resolve))
    finally:
        teardown_databases(databases, verbosity=0)

    print(f"{'vignette':<9}{'question pages':>15}{'page loads':>12}{'requests':>10}  progress totals shown  ends on")
    for one in walks:
        totals = ", ".join(str(total) for total in sorted(one.totals)) or "-"
        counts = f"{one.question_pages:>15}{one.page_loads:>12}{one.requests:>10}"
        print(f"{one.vignette:<9}{counts}  {totals:<21}  {one.ended_on}")
    completed = [one for one in walks if one.ended_on == "results"]
    for label, key in (("question pages", "question_pages"), ("page loads", "page_loads")):
        counts = [getattr(one, key) for one in completed]
        print(f"{label} to results ({len(completed)} walks): longest {max(counts)}, median {statistics.median(counts)}")
    # Every condition can hold at once (e.g. thoughts of suicide without intent, benzodiazepines daily, use today,
    # treatment before), so the longest possible path shows every page.
    print(f"question pages on the longest possible path (every conditional page shown): {len(STEPS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
