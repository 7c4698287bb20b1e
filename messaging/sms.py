"""Text message backends, chosen with ``settings.SMS_BACKEND`` (a dotted path), like Django's e-mail backends.

* ``ConsoleBackend`` (development default) prints the text;
* ``DisabledBackend`` (production default until a provider is set up) refuses every text, so each one shows as
  failed on its case ("texts are not set up") instead of leaking a number into a log;
* ``FileBackend`` appends one JSON line per text to ``SMS_FILE_PATH`` (demos and tests);
* ``TwilioBackend`` sends through Twilio's REST API over HTTPS with the standard library.

``send(to, body, key)`` returns the provider's id for the text. ``key`` is our unique key for the message; a
provider that supports idempotency can use it to drop a repeat. A backend raises ``PermanentSendError`` when
trying again cannot help (a number the provider refuses), ``TransientSendError`` when the provider certainly did
not take the text and trying again may help (unreachable, rate limits, provider errors), and its subclass
``UnconfirmedSendError`` when the request reached the provider but no answer came back (a timeout while waiting):
the text may have gone, so a text to a person is then not sent again by itself. Error texts never contain the
number or the body.
"""

import base64
import http.client
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class SendError(Exception):
    """A message could not be sent; ``str(error)`` is a reason staff can read, without personal data."""


class PermanentSendError(SendError):
    pass


class TransientSendError(SendError):
    pass


class UnconfirmedSendError(TransientSendError):
    pass


class BaseBackend:
    def send(self, to: str, body: str, key: str) -> str:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development only: prints the text (a system check warns if production uses it)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, to: str, body: str, key: str) -> str:
        self.stream.write(f"--- text message {key} to {to}\n{body}\n---\n")
        self.stream.flush()
        return f"console:{key}"


class DisabledBackend(BaseBackend):
    def send(self, to: str, body: str, key: str) -> str:
        raise PermanentSendError("texts are not set up (SMS_BACKEND)")


class FileBackend(BaseBackend):
    """Appends ``{"key", "to", "body"}`` as one JSON line per text to ``settings.SMS_FILE_PATH``."""

    def __init__(self, path: str | None = None):
        path = path or settings.SMS_FILE_PATH
        if not path:
            raise ImproperlyConfigured("SMS_FILE_PATH must be set to use messaging.sms.FileBackend")
        self.path = Path(path)

    def send(self, to: str, body: str, key: str) -> str:
        line = json.dumps({"key": key, "to": to, "body": body}) + "\n"
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line)
            file.flush()
        return f"file:{key}"


def e164(number: str, default_country_code: str) -> str:
    """``(555) 010-0199`` → ``+15550100199``; raises ``PermanentSendError`` for something that isn't a number."""
    stripped = number.strip()
    digits = re.sub(r"\D", "", stripped)
    if stripped.startswith("+"):
        candidate = "+" + digits
    elif stripped.startswith("00"):
        candidate = "+" + digits[2:]
    elif default_country_code == "1" and len(digits) == 11 and digits.startswith("1"):
        candidate = "+" + digits
    else:  # a national number; a leading trunk 0 (07700 ...) is dropped
        candidate = f"+{default_country_code}{digits.lstrip('0')}"
    valid = re.fullmatch(r"\+[1-9]\d{7,14}", candidate) is not None
    if candidate.startswith("+1") and len(candidate) != 12:  # North American numbers: +1 and ten digits
        valid = False
    if not valid:
        raise PermanentSendError("the phone number can't be used for texts")
    return candidate


class TwilioBackend(BaseBackend):
    """Twilio Programmable Messaging: ``POST /2010-04-01/Accounts/{sid}/Messages.json``.

    Settings: ``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``, ``TWILIO_FROM`` (an E.164 number, or a Messaging
    Service SID starting ``MG``), ``TWILIO_API_BASE`` (tests point it at a local server), ``MESSAGING_SEND_TIMEOUT``.
    4xx answers other than 429 are permanent (e.g. error 21211, an invalid number); 429, 5xx and failing to reach
    Twilio are transient; no answer once the request was sent (a timeout or a dropped connection) is unconfirmed.
    """

    def __init__(self):
        self.account_sid = settings.TWILIO_ACCOUNT_SID
        self.auth_token = settings.TWILIO_AUTH_TOKEN
        self.sender = settings.TWILIO_FROM
        if not (self.account_sid and self.auth_token and self.sender):
            raise ImproperlyConfigured("TwilioBackend needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM")
        self.url = f"{settings.TWILIO_API_BASE.rstrip('/')}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        if not self.url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise ImproperlyConfigured("TWILIO_API_BASE must be an https:// address")

    def send(self, to: str, body: str, key: str) -> str:
        fields = {"To": e164(to, settings.SMS_DEFAULT_COUNTRY_CODE), "Body": body}
        fields["MessagingServiceSid" if self.sender.startswith("MG") else "From"] = self.sender
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                # Twilio ignores unknown headers; kept for tracing a text back to its outbox row.
                "X-Outbox-Key": key,
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.MESSAGING_SEND_TIMEOUT) as response:  # noqa: S310 (a fixed https API base from settings)
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            code = _twilio_error_code(error)
            reason = f"text provider refused it (HTTP {error.code}{f', error {code}' if code else ''})"
            if error.code == 429 or error.code >= 500:
                raise TransientSendError(reason) from None
            raise PermanentSendError(reason) from None
        except urllib.error.URLError as error:  # raised while connecting or sending the request: nothing taken
            raise TransientSendError(f"text provider unreachable ({type(error.reason).__name__})") from None
        except (OSError, http.client.HTTPException) as error:  # while waiting for the answer
            raise UnconfirmedSendError(f"no answer from the text provider ({type(error).__name__})") from None
        return str(payload.get("sid", ""))


def _twilio_error_code(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read() or b"{}").get("code") or "")
    except (ValueError, OSError):
        return ""


def get_backend() -> BaseBackend:
    return import_string(settings.SMS_BACKEND)()
