"""The CMS in a real browser: an editor's change waits for a medical reviewer, whose approval publishes it with a
"Medically reviewed by" line; script typed into any field runs nowhere; public pages stay accessible.

With ``SCREENSHOTS=1`` it saves the editor's view and the reviewer's task to docs/screenshots/.
"""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.roles import CONTENT_EDITORS, COUNSELLORS, MEDICAL_REVIEWERS
from content.models import MedicalReviewer, TreatmentPage
from tests.e2e import support
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_security import assert_nothing_dangerous

pytestmark = pytest.mark.browser

PASSWORD = "a long enough test password 2026"
NEW_TEXT = "Our clinic now opens at 7 in the morning on weekdays."
TYPED_PAYLOAD = "<script>alert('xss-body')</script><img src=x onerror=alert('xss-img')>"


@pytest.fixture
def cms(transactional_db, django_user_model):
    """The treatment content and one member of staff per role that matters here (usernames as the roles)."""
    call_command("load_content", verbosity=0, stdout=io.StringIO())
    users = {}
    for username, role in (("editor", CONTENT_EDITORS), ("reviewer", MEDICAL_REVIEWERS), ("counselor", COUNSELLORS)):
        users[username] = django_user_model.objects.create_user(username, password=PASSWORD)
        users[username].groups.add(Group.objects.get(name=role))
    MedicalReviewer.objects.create(
        user=users["reviewer"], display_name="Dr. Ada Lovelace", credentials="MD, addiction medicine"
    )
    return users


def footer_action(page, name):
    """A button of the editor's footer action menu, opening the menu first when it is in there."""
    button = page.locator("footer").get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    return button


def test_an_edit_waits_for_a_medical_reviewer_then_goes_live_stamped(open_page, cms, browser_problems):
    target = TreatmentPage.objects.live().get(slug="naltrexone")

    editor = open_page(DESKTOP)
    support.sign_in(editor, "editor", PASSWORD)
    editor.goto(f"/cms/pages/{target.pk}/edit/")
    editor.locator("#id_title").fill(f"Naltrexone {TYPED_PAYLOAD}")
    editor.locator("#id_summary").fill(f"A monthly shot or a daily pill. {TYPED_PAYLOAD}")
    body = editor.locator(".public-DraftEditor-content").first
    body.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.press("Enter")
    editor.keyboard.type(f"{NEW_TEXT} {TYPED_PAYLOAD}")
    # Draftail writes what was typed into the form's hidden field a moment later; submit only once it has.
    expect(editor.locator('input[name="body"]')).to_have_value(re.compile(re.escape(NEW_TEXT)))
    editor.evaluate("window.scrollTo(0, 0)")
    support.screenshot(editor, "cms-editor-desktop")
    with editor.expect_navigation():
        footer_action(editor, "Submit to Medical review").click()
    assert editor.get_by_text("has been submitted for moderation").first.is_visible()

    public = open_page(PHONE)
    public.goto(f"/pages/{target.slug}/")
    assert public.get_by_text(NEW_TEXT).count() == 0  # still the reviewed, live text
    assert public.get_by_text("Not yet medically reviewed.").is_visible()

    medic = open_page(DESKTOP)
    support.sign_in(medic, "reviewer", PASSWORD)
    medic.goto("/cms/")
    task = medic.get_by_role("link", name=f"Naltrexone {TYPED_PAYLOAD}")
    assert task.first.is_visible()  # the dashboard lists the task, the payload as text
    support.screenshot(medic, "cms-review-task-desktop")
    medic.goto(f"/cms/pages/{target.pk}/edit/")
    approve = footer_action(medic, "Approve")
    support.screenshot(medic, "cms-review-actions-desktop")
    with medic.expect_navigation():
        approve.click()

    public.goto(f"/pages/{target.slug}/")
    assert public.get_by_text(NEW_TEXT, exact=False).is_visible()
    assert public.get_by_role("heading", level=1).inner_text() == f"Naltrexone {TYPED_PAYLOAD}"
    assert public.get_by_text("Medically reviewed by Dr. Ada Lovelace, MD, addiction medicine on").is_visible()
    assert_nothing_dangerous(public, "public page after approval")
    support.assert_accessible(public, "a treatment page after its review")
    public.wait_for_timeout(200)  # let any late script fire before the listeners are checked
    assert not browser_problems, browser_problems.report()


def test_public_treatment_pages_are_accessible_and_light(open_page, cms):
    page = open_page(PHONE)
    for path in ("/pages/", "/pages/overdose-and-naloxone/", "/pages/methadone/"):
        response = page.goto(path)
        assert response.ok, path
        assert len(response.body()) <= 60 * 1024, path
        support.assert_accessible(page, path)


def test_counselors_cannot_open_the_cms(open_page, cms):
    target = TreatmentPage.objects.live().first()
    page = open_page(DESKTOP)
    support.sign_in(page, "counselor", PASSWORD)
    for path in ("/cms/", f"/cms/pages/{target.pk}/edit/"):
        page.goto(path)
        assert "/cms/pages/" not in page.url or page.locator(".public-DraftEditor-content").count() == 0, path
