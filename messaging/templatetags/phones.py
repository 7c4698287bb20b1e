"""``{% load phones %}`` then ``{{ number|phone_link }}``: a phone number formatted for reading and dialable with one
tap (a ``tel:`` link), or shown as stored when it can't be dialled."""

from django import template
from django.utils.html import format_html

from messaging import phones

register = template.Library()


@register.filter
def phone_link(number: str) -> str:
    if not number:
        return ""
    uri = phones.dial_uri(number)
    if not uri:
        return number
    return format_html('<a class="phone-link" href="{}">{}</a>', uri, phones.display(number))
