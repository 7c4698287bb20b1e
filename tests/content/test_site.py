"""Clinic details and helplines in the header and footer: editable, cached per request, with safe fallbacks, and
never fewer crisis numbers than the fixed ones."""

import pytest

from content.crisis import ALWAYS_SHOWN
from content.models import ClinicSettings, Helpline, HelpNowText, tel_href
from content.site import DEFAULT_CLINIC_NAME, crisis_lines_with, load_site_details
from tests.content.factories import HelplineFactory

pytestmark = pytest.mark.django_db


def test_empty_tables_fall_back_to_the_default_name_and_the_fixed_crisis_numbers(client):
    details = load_site_details()
    assert details.clinic.name == DEFAULT_CLINIC_NAME and details.clinic.phone == ""
    assert details.crisis_lines == ALWAYS_SHOWN
    html = client.get("/").content.decode()
    assert f"– {DEFAULT_CLINIC_NAME}</title>" in html
    assert "site-footer__clinic" not in html


def test_the_editable_clinic_details_show_in_the_header_and_footer(client):
    ClinicSettings(
        clinic_name="Northside Clinic", phone="(555) 010-0199", opening_hours="Weekdays 8 to 6", email="hi@example.org"
    ).save()
    html = client.get("/pages/").content.decode()
    assert "<title>About treatment – Northside Clinic</title>" in html
    assert 'class="site-header__name" href="/">Northside Clinic</a>' in html
    assert 'Call Northside Clinic on <a href="tel:+15550100199">(555) 010-0199</a>, Weekdays 8 to 6.' in html
    assert 'href="mailto:hi@example.org"' in html


def test_helplines_are_added_after_the_fixed_numbers_which_cannot_be_edited_away(client):
    HelplineFactory(name="Crisis Text Line", number="741741", how_to_use="Text HOME to 741741.", available="24/7")
    HelplineFactory(name="988 again", number="988")  # same as a fixed number: shown once, fixed wording wins
    HelplineFactory(name="Samaritans", number="116 123", country="UK")

    lines = load_site_details().crisis_lines
    assert lines[: len(ALWAYS_SHOWN)] == ALWAYS_SHOWN
    assert [(line.name, line.how, line.tel) for line in lines[len(ALWAYS_SHOWN) :]] == [
        ("Crisis Text Line", "Text HOME to 741741. Open 24/7.", "741741"),
    ]
    html = client.get("/").content.decode()
    assert 'href="tel:741741">741741</a>' in html
    assert "988 again" not in html and "Samaritans" not in html  # other countries: on the help page, not every footer

    Helpline.objects.all().delete()
    assert load_site_details().crisis_lines == ALWAYS_SHOWN


def test_other_countries_helplines_are_grouped_by_country():
    _, elsewhere = crisis_lines_with(
        [
            Helpline(country="UK", name="Shout", number="85258", order=4),
            Helpline(country="UK", name="Samaritans", number="116 123", order=2),
            Helpline(country="CA", name="Talk Suicide", number="988", order=1),
        ]
    )
    assert [(group.country, [line.name for line in group.lines]) for group in elsewhere] == [
        ("CA", ["Talk Suicide"]),
        ("UK", ["Samaritans", "Shout"]),
    ]


def test_editable_text_in_the_footer_is_escaped(client):
    HelplineFactory(name='<script>alert("x")</script>', how_to_use="<img src=x onerror=alert(1)>")
    ClinicSettings(clinic_name="<b>Clinic</b>", phone="<i>555</i>").save()
    html = client.get("/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Clinic</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_site_details_are_read_once_per_request_and_not_at_all_when_unused(rf, django_assert_num_queries):
    from content.context_processors import site

    request = rf.get("/")
    context = site(request)
    with django_assert_num_queries(0):
        context = site(request)
    with django_assert_num_queries(2):
        str(context["clinic_name"])
        list(context["crisis_lines"])
    with django_assert_num_queries(0):
        again = site(request)
        str(again["clinic_name"])
        list(again["crisis_lines"])
        list(again["helplines_elsewhere"])


def test_help_now_text_is_offered_sanitised_to_the_help_page(rf):
    from content.context_processors import site

    assert str(site(rf.get("/"))["help_now_html"]) == ""
    HelpNowText(body="## Overdose\n\nCall 911.<script>alert(1)</script>").save()
    html = str(site(rf.get("/"))["help_now_html"])
    assert "<h2>Overdose</h2>" in html and "<script" not in html


@pytest.mark.parametrize(
    ("number", "tel"),
    [
        ("911", "911"),
        ("1-800-662-4357", "+18006624357"),
        ("(555) 010-0199", "+15550100199"),
        ("+44 116 123", "+44116123"),
    ],
)
def test_phone_numbers_become_tel_links(number, tel):
    assert tel_href(number) == tel
