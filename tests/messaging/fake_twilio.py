"""A Twilio-shaped text API on a local port that answers each text after a delay, counting what it received: the
provider side of the at-most-once tests (tests/jobs/test_at_most_once.py, tests/messaging/test_sms.py)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class SlowTwilio:
    def __init__(self, delay: float):
        self.delay = delay
        self.received: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                provider.received.append({"key": self.headers["X-Outbox-Key"], "to": form["To"][0]})
                time.sleep(provider.delay)
                data = json.dumps({"sid": f"SM{len(provider.received):04d}", "status": "queued"}).encode()
                try:
                    self.send_response(201)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the sender gave up (a timeout) or was killed meanwhile
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def settings(self) -> dict[str, str]:
        """The environment that points the Twilio backend at this server."""
        return {
            "SMS_BACKEND": "messaging.sms.TwilioBackend",
            "TWILIO_ACCOUNT_SID": "AC0000",
            "TWILIO_AUTH_TOKEN": "test-token",
            "TWILIO_FROM": "+15550009999",
            "TWILIO_API_BASE": self.url,
        }

    def keys(self) -> list[str]:
        return [text["key"] for text in self.received]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
