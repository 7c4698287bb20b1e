"""Stored XSS: an editor (or a stolen editor account, or a row written straight to the database) saves pages and
texts full of script; the published pages and the CMS preview contain none of it live."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from content.models import PageSource, TreatmentPage
from tests.content.factories import CareOptionTextFactory, HelplineFactory, PageGroupFactory, TreatmentPageFactory
from tests.content.html_checks import attribute_values, live_dangers
from tests.content.test_rendering import XSS

pytestmark = pytest.mark.django_db

MARKER = "alert("


def assert_nothing_live(html):
    assert live_dangers(html) == []
    assert not any(MARKER in value for value in attribute_values(html))
    assert "evil.example" not in "".join(attribute_values(html))


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_a_page_with_script_in_every_field_publishes_nothing_live(rf, payload):
    # Stored as written, past the editor's own filtering: the defence is in the rendering.
    page = TreatmentPageFactory(
        title=payload[:100], summary=payload[:300], group=PageGroupFactory(name=payload[:80]),
        body=f"<h2>Heading</h2><p>{payload}</p><p>Text {payload} [1] after.</p>",
    )  # fmt: skip
    PageSource.objects.create(
        page=page, title=payload[:300], publisher=payload[:200], url="https://www.samhsa.gov/x",
        accessed=datetime.date(2026, 11, 1),
    )  # fmt: skip
    page.save_revision().publish()

    public = Client()
    for path in (f"/pages/{page.slug}/", "/pages/", "/"):
        response = public.get(path)
        assert response.status_code == 200
        assert_nothing_live(response.content.decode())
    preview = TreatmentPage.objects.get(pk=page.pk).make_preview_request()
    assert_nothing_live(preview.render().content.decode())


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://evil.example/x"],
)
def test_a_source_address_must_be_a_web_address(url):
    source = PageSource(page=TreatmentPageFactory(), title="t", publisher="p", url=url, accessed=datetime.date.today())
    with pytest.raises(ValidationError, match="url"):
        source.full_clean()


def test_html_entities_in_titles_are_shown_not_interpreted(client):
    page = TreatmentPageFactory(title="Methadone &amp; &lt;b&gt;you&lt;/b&gt;", summary='5 < 6 & "quotes"')
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


def test_a_saved_xss_page_stays_safe_after_reverting_to_its_revision():
    page = TreatmentPageFactory(body="<script>alert(1)</script><img src=x onerror=alert(1)>")
    dirty = page.save_revision()
    page.body = "<p>Clean.</p>"
    page.save_revision().publish()
    dirty.publish()  # what "Revert to this revision" then publishing does
    assert_nothing_live(Client().get(f"/pages/{page.slug}/").content.decode())
