"""Stored XSS: an editor (or a stolen editor account) saves pages and texts full of script through the admin;
the published pages contain none of it live."""

import pytest
from django.test import Client

from content.models import Page
from content.revisions import record_revision
from tests.content.admin_data import page_form_data
from tests.content.factories import CareOptionTextFactory, HelplineFactory, PageFactory, PageGroupFactory
from tests.content.html_checks import attribute_values, live_dangers
from tests.content.test_rendering import XSS

pytestmark = pytest.mark.django_db

MARKER = "alert("


def assert_nothing_live(html):
    assert live_dangers(html) == []
    assert not any(MARKER in value for value in attribute_values(html))
    assert "evil.example" not in "".join(attribute_values(html))


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_a_page_saved_through_the_admin_with_script_in_every_field_publishes_nothing_live(editor_client, payload):
    page = PageFactory(group=PageGroupFactory(name=payload[:80]))
    record_revision(page)
    text_payload = payload[:100]
    response = editor_client.post(
        f"/admin/content/page/{page.pk}/change/",
        page_form_data(
            page,
            title=text_payload,
            summary=payload,
            body=f"## Heading\n\n{payload}\n\nText {payload} [1] after.",
            reviewer_name=text_payload,
            reviewer_credentials=text_payload,
            sources=[
                {
                    "title": payload,
                    "publisher": text_payload,
                    "url": "https://www.samhsa.gov/x",
                    "accessed": "2026-11-01",
                    "order": 1,
                },
                {"title": "t", "publisher": "p", "url": "https://www.asam.org/y", "accessed": "2026-11-01", "order": 2},
            ],
        ),
        follow=True,
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.body.endswith("after.")  # saved as written: the defence is in the rendering

    public = Client()
    for path in (page.get_absolute_url(), "/pages/", "/"):
        html = public.get(path).content.decode()
        assert_nothing_live(html)
    preview = editor_client.get(f"/admin/content/page/{page.pk}/preview/").content.decode()
    assert_nothing_live(preview)
    revision = editor_client.get(f"/admin/content/page/{page.pk}/revisions/1/").content.decode()
    # The admin has its own forms and SVG icons; no script, handler or javascript: address may come from the page.
    assert live_dangers(revision, allow=frozenset({"form", "svg"})) == []


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://evil.example/x"],
)
def test_a_source_address_must_be_a_web_address(editor_client, url):
    page = PageFactory()
    record_revision(page)
    response = editor_client.post(
        f"/admin/content/page/{page.pk}/change/",
        page_form_data(
            page, sources=[{"title": "t", "publisher": "p", "url": url, "accessed": "2026-11-01", "order": 1}]
        ),
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "Enter a valid URL." in response.content.decode()
    assert page.sources.count() == 0


def test_html_entities_in_titles_are_shown_not_interpreted(client):
    page = PageFactory(title="Methadone &amp; &lt;b&gt;you&lt;/b&gt;", summary='5 < 6 & "quotes"')
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<h1>Methadone &amp;amp; &amp;lt;b&amp;gt;you&amp;lt;/b&amp;gt;</h1>" in html
    assert "5 &lt; 6 &amp; &quot;quotes&quot;" in html


@pytest.mark.parametrize("payload", list(XSS.values())[:8], ids=list(XSS.keys())[:8])
def test_care_option_texts_and_helplines_are_plain_text(client, payload):
    text = CareOptionTextFactory(title=payload[:120], what_it_is=payload)
    HelplineFactory(name=payload[:120], how_to_use=payload[:200], available=payload[:100])
    assert_nothing_live(client.get("/").content.decode())
    # What the intake results page receives is the raw text, for its templates to escape like any other string.
    from content.services import care_option_texts

    assert care_option_texts([text.care_option_id])[text.care_option_id].what_it_is == payload
    assert not hasattr(care_option_texts([text.care_option_id])[text.care_option_id].what_it_is, "__html__")


def test_a_saved_xss_page_stays_safe_after_restoring_a_revision(editor_client):
    page = PageFactory(body="<script>alert(1)</script><img src=x onerror=alert(1)>")
    record_revision(page)
    page.body = "Clean."
    page.save()
    editor_client.post(f"/admin/content/page/{page.pk}/revisions/1/")
    assert_nothing_live(Client().get(Page.objects.get(pk=page.pk).get_absolute_url()).content.decode())
