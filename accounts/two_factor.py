"""Staff two-factor sign-in (django-otp): an authenticator app (TOTP) and single-use recovery codes.

Every member of staff enrols on first sign-in and verifies once per session before any staff page, the admin or
the CMS shows anything (``accounts.middleware.StaffTwoFactorMiddleware``). Tokens are checked per device through
``django_otp.verify_token``, so the library's throttling (growing delays after failures) and its no-replay rule
(a TOTP code works once) apply.
"""

import django_otp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app_device(user) -> TOTPDevice:
    """The authenticator app being set up: the same secret across page loads until it is confirmed."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": APP_DEVICE_NAME})
    return device


def secret_for_people(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, as authenticator apps accept it typed in."""
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app if ``code`` is its current code: replaces any earlier app and recovery codes, and returns
    the new recovery codes (shown once). None if the code is wrong."""
    if django_otp.verify_token(device.user, device.persistent_id, _digits(code)) is None:
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def device_matching(user, code: str):
    """The confirmed device (app or recovery codes) that accepts ``code``, or None. A recovery code is used up."""
    code = code.strip()
    for device in django_otp.devices_for_user(user):
        token = _digits(code) if isinstance(device, TOTPDevice) else code.replace(" ", "").lower()
        if token and django_otp.verify_token(user, device.persistent_id, token):
            return device
    return None


def _digits(code: str) -> str:
    return "".join(character for character in code if character.isdigit() and character.isascii())
