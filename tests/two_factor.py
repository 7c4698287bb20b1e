"""Signing staff in for tests, second factor included: staff pages never open on a password alone
(``accounts.two_factor``), so tests sign in the way staff do rather than turning two-factor sign-in off."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import APP_DEVICE_NAME


def enrol(user) -> TOTPDevice:
    """The user's confirmed authenticator app, added if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if now's was already used (a code works once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    next_unused = device.t0 + (device.last_t + 1 - device.drift) * device.step
    totp.time = max(time.time(), next_unused)
    return f"{totp.token():0{device.digits}d}"


def pass_second_factor(client, user):
    """What entering a valid code does (``django_otp.login``), for a client already signed in as ``user``."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enrol(user).persistent_id
    session.save()


def sign_in(client, user):
    """Signed in with password and second factor, as staff are before any staff page opens."""
    client.force_login(user)
    pass_second_factor(client, user)
    return client
