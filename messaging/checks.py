"""System checks for the messaging settings."""

from django.conf import settings
from django.core import checks

DEVELOPMENT_SMS_BACKENDS = {"messaging.sms.ConsoleBackend", "messaging.sms.FileBackend"}


@checks.register(checks.Tags.security, deploy=True)
def check_sms_backend(app_configs, **kwargs):
    """In production a console or file SMS backend would write phone numbers and texts to logs or disk."""
    if getattr(settings, "PRODUCTION", False) and settings.SMS_BACKEND in DEVELOPMENT_SMS_BACKENDS:
        return [
            checks.Warning(
                f"SMS_BACKEND is {settings.SMS_BACKEND}: texts are written out, not sent.",
                hint="Set SMS_BACKEND=messaging.sms.TwilioBackend and the TWILIO_* settings.",
                id="messaging.W001",
            )
        ]
    return []
