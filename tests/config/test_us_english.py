"""One voice: the public site speaks US English and names only US services. Every public page reachable from the
home page (with the default content loaded) is checked for UK-only terms and spellings, so they can't creep back."""

import io
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# UK-only words, spellings and services, with what the site says instead.
UK_TERMS = {
    r"counsell\w*": "counselor, counseling",
    r"colour\w*": "color",
    r"behaviour\w*": "behavior",
    r"organis\w*": "organiz-",
    r"recognis\w*": "recogniz-",
    r"apologis\w*": "apologiz-",
    r"favourit\w*": "favorite",
    r"centre\w*": "center",
    r"programme\w*": "program",
    r"licence": "license",
    r"judgement": "judgment",
    r"practise\w*": "practice",
    r"whilst": "while",
    r"post ?codes?": "ZIP code",
    r"mobile (?:phone|number)": "cell phone, phone number",
    r"working days?": "business day",
    r"fortnight": "two weeks",
    r"\bGP\b": "doctor",
    r"\bA ?& ?E\b": "emergency room",
    r"\bNHS\b": "(a UK service)",
    r"Samaritans": "988",
    r"\b999\b": "911",
    r"\b111\b": "911 or 988",
    r"\b85258\b": "Crisis Text Line, 741741",
    r"\bUK\b": "(US services only)",
}
PATTERN = re.compile("|".join(rf"\b{term}" if not term.startswith(r"\b") else term for term in UK_TERMS), re.I)
# Proper names that are allowed to keep their own spelling (a cited source's publisher).
PROPER_NAMES = ("European Monitoring Centre for Drugs and Drug Addiction",)
NOT_PUBLIC = ("/staff/", "/admin/", "/cms/", "/exit/", "/static/", "/healthz/", "/metrics/", "/media/")


class _Page(HTMLParser):
    """The text a person reads (not scripts or styles) and the same-site links."""

    def __init__(self):
        super().__init__()
        self.text, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/") and not href.startswith(NOT_PUBLIC):
            self.links.append(href.split("#")[0].split("?")[0])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def uk_terms_in(text: str) -> list[str]:
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return sorted({match.group() for match in PATTERN.finditer(text)})


def test_the_term_list_catches_uk_terms_and_leaves_us_ones_alone():
    assert uk_terms_in("Talk to a counsellor at the health centre, or call 999 or Samaritans.") == [
        "999", "Samaritans", "centre", "counsellor",
    ]  # fmt: skip
    assert uk_terms_in("Talk to a counselor at the health center, or call 911 or 988. Enter your ZIP code.") == []


def test_no_public_page_uses_uk_terms_or_services(client):
    call_command("load_content", verbosity=0, stdout=io.StringIO())
    queue, seen, found = ["/", "/help-now/", "/browsing-safely/", "/intake/q/danger/"], set(), {}
    while queue:
        path = queue.pop(0)
        if path in seen or not path:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        terms = uk_terms_in(unescape(" ".join(page.text)))
        if terms:
            found[path] = terms
        queue += [link for link in page.links if link not in seen]
    assert {"/", "/help-now/", "/callback/", "/intake/", "/pages/", "/browsing-safely/"} <= seen, seen
    assert len(seen) > 15, seen
    assert found == {}, f"UK terms on public pages: {found}"
