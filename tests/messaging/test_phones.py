"""Phone numbers: stored in E.164, shown in the national format, dialable from staff pages."""

import pytest
from django.template import Context, Template

from messaging import phones


@pytest.mark.parametrize(
    "typed",
    ["(212) 555-0123", "212.555.0123", "212 555 0123", "+1 212 555 0123", "1-212-555-0123", "2125550123"],
)
def test_a_us_number_however_typed_is_stored_in_e164(typed):
    assert phones.to_e164(typed) == "+12125550123"


def test_a_number_abroad_keeps_its_country():
    assert phones.to_e164("+44 20 7946 0018") == "+442079460018"


@pytest.mark.parametrize("typed", ["12345", "call me", "", "(555) 010-0199"])
def test_something_that_cannot_be_dialled_is_refused(typed):
    with pytest.raises(phones.InvalidPhoneNumber):
        phones.to_e164(typed)


def test_a_home_number_reads_in_the_national_format_and_one_abroad_internationally():
    assert phones.display("+12125550123") == "(212) 555-0123"
    assert phones.display("+442079460018") == "+44 20 7946 0018"


def test_staff_pages_show_a_tap_to_call_link():
    html = Template("{% load phones %}{{ number|phone_link }}").render(Context({"number": "212-555-0123"}))
    assert html == '<a class="phone-link" href="tel:+12125550123">(212) 555-0123</a>'


def test_a_number_that_cannot_be_dialled_is_shown_as_typed_and_escaped():
    html = Template("{% load phones %}{{ number|phone_link }}").render(Context({"number": "<b>555</b>"}))
    assert html == "&lt;b&gt;555&lt;/b&gt;"
