"""Test doubles for the outgoing channels. Also imported by the real worker subprocess in the integration tests."""

import json
import os
import smtplib
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from messaging.sms import BaseBackend


class MemorySMSBackend(BaseBackend):
    """Keeps every text in ``MemorySMSBackend.sent``; ``fail_with`` makes the next sends raise."""

    sent: list[dict] = []
    fail_with: Exception | None = None

    def send(self, to, body, key):
        if MemorySMSBackend.fail_with is not None:
            raise MemorySMSBackend.fail_with
        MemorySMSBackend.sent.append({"to": to, "body": body, "key": key})
        return f"memory:{key}"


class SlowFileSMSBackend(BaseBackend):
    """For the worker tests: notes each start in ``<SMS_FILE_PATH>.started`` (with the process id), waits
    ``SLOW_SMS_SECONDS``, then appends the delivery to ``SMS_FILE_PATH``. Killing the process during the wait is a
    kill in the middle of a send."""

    def send(self, to, body, key):
        path = Path(os.environ["SMS_FILE_PATH"])
        with open(f"{path}.started", "a", encoding="utf-8") as started:
            started.write(json.dumps({"key": key, "pid": os.getpid()}) + "\n")
        time.sleep(float(os.environ.get("SLOW_SMS_SECONDS", "0")))
        with path.open("a", encoding="utf-8") as delivered:
            delivered.write(json.dumps({"key": key, "to": to, "body": body, "pid": os.getpid()}) + "\n")
        return f"slow:{key}"


class SlowFileEmailBackend(BaseEmailBackend):
    """For the worker tests, the e-mail side of ``SlowFileSMSBackend``: notes each start in
    ``<SLOW_MAIL_PATH>.started``, waits ``SLOW_MAIL_SECONDS``, then appends each recipient list to
    ``SLOW_MAIL_PATH``."""

    def send_messages(self, email_messages):
        path = Path(os.environ["SLOW_MAIL_PATH"])
        for email in email_messages:
            with open(f"{path}.started", "a", encoding="utf-8") as started:
                started.write(json.dumps({"to": email.to, "pid": os.getpid()}) + "\n")
            time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))
            with path.open("a", encoding="utf-8") as delivered:
                delivered.write(json.dumps({"to": email.to, "pid": os.getpid()}) + "\n")
        return len(email_messages)


class FailingEmailBackend(BaseEmailBackend):
    """Raises ``FailingEmailBackend.error`` on every send."""

    error: Exception = smtplib.SMTPServerDisconnected("gone")

    def send_messages(self, email_messages):
        raise FailingEmailBackend.error
