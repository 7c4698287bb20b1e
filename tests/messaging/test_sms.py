"""Text message backends: console, file and the Twilio adapter (against a local HTTP server, no network)."""

import base64
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from messaging import sms
from messaging.sms import PermanentSendError, TransientSendError, UnconfirmedSendError, e164
from tests.messaging.fake_twilio import SlowTwilio


@pytest.mark.parametrize(
    ("number", "country", "expected"),
    [
        ("(555) 010-0199", "1", "+15550100199"),
        ("555.010.0199", "1", "+15550100199"),
        ("1-555-010-0199", "1", "+15550100199"),
        ("+44 7700 900123", "1", "+447700900123"),
        ("0044 7700 900123", "1", "+447700900123"),
        ("07700 900123", "44", "+447700900123"),
    ],
)
def test_numbers_are_normalised_to_e164(number, country, expected):
    assert e164(number, country) == expected


@pytest.mark.parametrize("number", ["", "call me", "555-0199", "+1 555 010 01999", "12"])
def test_numbers_that_cant_take_a_text_are_a_permanent_error(number):
    with pytest.raises(PermanentSendError) as error:
        e164(number, "1")
    assert number.strip() == "" or number not in str(error.value)


def test_console_backend_prints_the_text():
    stream = io.StringIO()
    assert sms.ConsoleBackend(stream).send("555-0100", "Hello", key="outbox-1") == "console:outbox-1"
    assert "Hello" in stream.getvalue()


def test_file_backend_appends_one_json_line_per_text(tmp_path, settings):
    settings.SMS_FILE_PATH = str(tmp_path / "texts.jsonl")
    backend = sms.FileBackend()
    backend.send("555-0100", "One", key="outbox-1")
    backend.send("555-0101", "Two", key="outbox-2")
    lines = [json.loads(line) for line in (tmp_path / "texts.jsonl").read_text().splitlines()]
    assert lines == [{"key": "outbox-1", "to": "555-0100", "body": "One"},
                     {"key": "outbox-2", "to": "555-0101", "body": "Two"}]


def test_file_backend_needs_a_path(settings):
    settings.SMS_FILE_PATH = ""
    with pytest.raises(ImproperlyConfigured):
        sms.FileBackend()


class FakeTwilio(BaseHTTPRequestHandler):
    answers: list[tuple[int, dict]] = []
    requests: list[dict] = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        FakeTwilio.requests.append({"path": self.path, "headers": dict(self.headers), "form": parse_qs(body)})
        status, payload = FakeTwilio.answers.pop(0)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def twilio(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeTwilio)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeTwilio.answers, FakeTwilio.requests = [], []
    settings.TWILIO_ACCOUNT_SID = "AC123"
    settings.TWILIO_AUTH_TOKEN = "secret-token"
    settings.TWILIO_FROM = "+15550009999"
    settings.TWILIO_API_BASE = f"http://127.0.0.1:{server.server_port}"
    settings.SMS_DEFAULT_COUNTRY_CODE = "1"
    yield FakeTwilio
    server.shutdown()
    server.server_close()


def test_twilio_posts_the_text_with_basic_auth_and_returns_the_sid(twilio):
    twilio.answers.append((201, {"sid": "SM0001", "status": "queued"}))
    assert sms.TwilioBackend().send("(555) 010-0199", "Hello", key="outbox-7") == "SM0001"
    (request,) = twilio.requests
    assert request["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert request["form"] == {"To": ["+15550100199"], "From": ["+15550009999"], "Body": ["Hello"]}
    assert request["headers"]["Authorization"] == "Basic " + base64.b64encode(b"AC123:secret-token").decode()


def test_twilio_messaging_service_sender(twilio, settings):
    settings.TWILIO_FROM = "MG0123"
    twilio.answers.append((201, {"sid": "SM0002"}))
    sms.TwilioBackend().send("555-010-0199", "Hello", key="outbox-8")
    assert twilio.requests[0]["form"]["MessagingServiceSid"] == ["MG0123"]
    assert "From" not in twilio.requests[0]["form"]


@pytest.mark.parametrize(
    ("status", "payload", "error", "reason"),
    [
        (400, {"code": 21211, "message": "Invalid 'To' Phone Number: +1555..."}, PermanentSendError,
         "text provider refused it (HTTP 400, error 21211)"),
        (429, {"code": 20429}, TransientSendError, "text provider refused it (HTTP 429, error 20429)"),
        (503, {}, TransientSendError, "text provider refused it (HTTP 503)"),
    ],
)
def test_twilio_errors_are_permanent_or_transient_and_never_quote_the_number(twilio, status, payload, error, reason):
    twilio.answers.append((status, payload))
    with pytest.raises(error) as raised:
        sms.TwilioBackend().send("(555) 010-0199", "Hello", key="outbox-9")
    assert str(raised.value) == reason


def test_twilio_unreachable_is_transient(settings):
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = "AC1", "t", "+15550009999"
    settings.TWILIO_API_BASE = "http://127.0.0.1:9"  # discard port: connection refused
    with pytest.raises(TransientSendError, match="text provider unreachable"):
        sms.TwilioBackend().send("555-010-0199", "Hello", key="outbox-10")


def test_unreachable_is_not_unconfirmed_nothing_was_taken(settings):
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = "AC1", "t", "+15550009999"
    settings.TWILIO_API_BASE = "http://127.0.0.1:9"
    with pytest.raises(TransientSendError) as raised:
        sms.TwilioBackend().send("555-010-0199", "Hello", key="outbox-10")
    assert not isinstance(raised.value, UnconfirmedSendError)


def test_no_answer_after_the_text_reached_twilio_is_unconfirmed(settings):
    provider = SlowTwilio(delay=2)
    try:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        settings.MESSAGING_SEND_TIMEOUT = 0.5
        with pytest.raises(UnconfirmedSendError, match=r"no answer from the text provider \(TimeoutError\)"):
            sms.TwilioBackend().send("555-010-0199", "Hello", key="outbox-12")
        assert provider.keys() == ["outbox-12"]  # it got there: sending again could text the person twice
    finally:
        provider.stop()


def test_twilio_needs_its_settings_and_https(settings):
    settings.TWILIO_ACCOUNT_SID = ""
    with pytest.raises(ImproperlyConfigured):
        sms.TwilioBackend()
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = "AC1", "t", "+15550009999"
    settings.TWILIO_API_BASE = "http://api.twilio.com"
    with pytest.raises(ImproperlyConfigured):
        sms.TwilioBackend()


def test_the_backend_is_chosen_by_setting(settings):
    settings.SMS_BACKEND = "messaging.sms.ConsoleBackend"
    assert isinstance(sms.get_backend(), sms.ConsoleBackend)


def test_production_warns_about_a_console_sms_backend(settings):
    settings.PRODUCTION = True
    settings.SMS_BACKEND = "messaging.sms.ConsoleBackend"
    assert "messaging.W001" in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.SMS_BACKEND = "messaging.sms.TwilioBackend"
    assert "messaging.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]


def test_the_disabled_backend_fails_every_text_visibly():
    with pytest.raises(PermanentSendError, match="texts are not set up"):
        sms.DisabledBackend().send("555-010-0199", "Hello", key="outbox-11")
