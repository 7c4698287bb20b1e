"""Phone numbers, parsed and formatted by ``phonenumbers`` (Google's libphonenumber).

Numbers are stored in E.164 (``+15558675309``); staff pages show them in the national format for the clinic's
region and as a ``tel:`` link, so a counselor on a phone taps to call.
"""

import phonenumbers

DEFAULT_REGION = "US"


class InvalidPhoneNumber(ValueError):
    """What was typed isn't a phone number that can be called."""


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """``(555) 201-0199`` → ``+15552010199``; raises ``InvalidPhoneNumber`` for anything that can't be dialled."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(str(error)) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str, region: str = DEFAULT_REGION) -> str:
    """How a stored number reads: national format at home (``(555) 201-0199``), international otherwise.

    Something that doesn't parse is shown as it was stored, so staff still see what the person typed."""
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.region_code_for_number(number) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def dial_uri(e164: str, region: str = DEFAULT_REGION) -> str:
    """A ``tel:`` URI (RFC 3966) for the number, or "" when it can't be dialled."""
    try:
        return "tel:" + to_e164(e164, region)
    except InvalidPhoneNumber:
        return ""
