"""Phone numbers as the queue searches them: E.164 (``+15558675309``), whatever separators people typed.

``Case.phone_e164`` is kept from ``Case.phone`` on every save (and cleared with it by anonymisation); the queue's
search matches its last digits through an index (``case_phone_search``) instead of reformatting every row's number.
"""

from django.conf import settings

from messaging.sms import PermanentSendError
from messaging.sms import e164 as sms_e164


def e164(number: str) -> str:
    """The number in E.164, or "" when there is none or it isn't a phone number."""
    if not number.strip():
        return ""
    try:
        return sms_e164(number, settings.SMS_DEFAULT_COUNTRY_CODE)
    except PermanentSendError:
        return ""
