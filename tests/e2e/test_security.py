"""Stored XSS in a real browser: what a patient types is shown as text and runs nothing (what an editor saves in
the CMS: tests/e2e/test_cms.py).

A script that ran would open a dialog (``alert``) or, blocked by the Content-Security-Policy, log a console error;
the ``open_page`` fixture fails the test on either. The DOM is checked as well, so a payload that was merely
blocked by the CSP (defence in depth) still fails: it must never reach the page as markup.
"""

import pytest

from config.demo import DEMO_LOGINS
from tests.e2e import intake_flow, support
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

LOGINS = {login.username: login for login in DEMO_LOGINS}

PATIENT_PAYLOAD = "<script>alert('own-words')</script><img src=x onerror=alert('own-img')> \"><svg onload=alert(1)>"
PATIENT_NAME = "<img src=x onerror=alert(2)>"

# Anything in the page that could run script.
DANGEROUS_MARKUP = """root => {
  const found = [];
  for (const el of root.querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FRAME'].includes(el.tagName.toUpperCase()))
      found.push(el.outerHTML.slice(0, 80));
    for (const attr of el.attributes) {
      const value = attr.value.replace(/\\s/g, '').toLowerCase();
      if (attr.name.startsWith('on') || value.includes('javascript:'))
        found.push(`${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 60)}"`);
    }
  }
  return found;
}"""


def assert_nothing_dangerous(page, where):
    found = page.locator("main").evaluate(DANGEROUS_MARKUP)
    assert found == [], f"{where}: markup that could run script reached the page: {found}"


def test_script_like_answers_typed_by_a_patient_run_nothing(open_page, demo_data, browser_problems):
    vignette = intake_flow.VIGNETTES["P10"]  # no opioids: the shortest questionnaire
    patient = open_page(PHONE)
    contact = {**intake_flow.CONTACT, "first_name": PATIENT_NAME, "own_words": PATIENT_PAYLOAD}
    intake_flow.complete_intake(patient, vignette["answers"], contact=contact)
    reference = intake_flow.results_on(patient)["reference"]
    assert_nothing_dangerous(patient, "results page")

    counsellor = open_page(DESKTOP)
    login = LOGINS["counsellor"]
    support.sign_in(counsellor, login.username, login.password)
    assert_nothing_dangerous(counsellor, "queue")
    counsellor.goto(f"/staff/cases/{reference}/")
    # Shown exactly as typed, as text.
    assert counsellor.locator(".own-words").inner_text().strip() == PATIENT_PAYLOAD
    assert counsellor.locator("#contact-title + .summary-list").get_by_text(PATIENT_NAME, exact=True).is_visible()
    assert_nothing_dangerous(counsellor, "case page")
    counsellor.wait_for_timeout(200)
    assert not browser_problems, browser_problems.report()
