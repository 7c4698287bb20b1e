"""Sign staff out after ``settings.STAFF_SESSION_IDLE_TIMEOUT`` without a request to a staff page, and
``settings.STAFF_SESSION_MAX_AGE`` after signing in however active; never let a staff response be stored.

Also: no staff page before the second factor (``StaffTwoFactorMiddleware``).

Applies to ``/staff/``, ``/admin/`` and the CMS (``/cms/``); public pages (and the intake draft that lives in a
session for 24 hours) are untouched. The last-seen time is written at most once a minute, so a busy counsellor's
clicks don't each cost a session write.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accounts import two_factor

SESSION_KEY = "staff_last_seen"
SIGNED_IN_KEY = "staff_signed_in_at"
WRITE_EVERY_SECONDS = 60
STAFF_PREFIXES = ("/staff/", "/admin/", "/cms/")


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES) and request.user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.get(SIGNED_IN_KEY)
            if signed_in_at is None:  # the first staff request after signing in
                signed_in_at = request.session[SIGNED_IN_KEY] = now
                # The session row and cookie end then too (a fixed time, not rolling), separately from the
                # public draft's 24 hours.
                request.session.set_expiry(settings.STAFF_SESSION_MAX_AGE)
            if now - signed_in_at > settings.STAFF_SESSION_MAX_AGE.total_seconds():
                hours = int(settings.STAFF_SESSION_MAX_AGE.total_seconds() // 3600)
                return _sign_out(request, _("You were signed out %(hours)d hours after signing in.") % {"hours": hours})
            last_seen = request.session.get(SESSION_KEY)
            limit = settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds()
            if last_seen is not None and now - last_seen > limit:
                minutes = int(limit // 60)
                return _sign_out(request, f"You were signed out after {minutes} minutes without activity.")
            if last_seen is None or now - last_seen >= WRITE_EVERY_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)


def _sign_out(request, why: str):
    logout(request)
    messages.info(request, why)
    return redirect_to_login(request.get_full_path())


class StaffNoStoreMiddleware:
    """``Cache-Control: no-store`` on every staff, admin and CMS response and on every response to someone signed
    in, whatever the view says: case data, the audit log, metrics CSVs and exports must never sit in a browser's or
    a proxy's cache. (Public pages with answers set it themselves.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(STAFF_PREFIXES) or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class StaffTwoFactorMiddleware:
    """No staff page, admin page or CMS page for a signed-in member of staff who hasn't passed the second factor
    this session (``settings.STAFF_2FA_REQUIRED``): they are sent to set it up (first sign-in) or to enter a code,
    and come back to the page they asked for. Sign-in, sign-out, password reset and the two-factor pages stay open.
    Runs after django-otp's ``OTPMiddleware``, which gives ``request.user.is_verified()``."""

    OPEN_PATHS = ("/staff/login/", "/staff/logout/", "/staff/two-factor/", "/staff/password-reset/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_2FA_REQUIRED
            and request.path.startswith(STAFF_PREFIXES)
            and not request.path.startswith(self.OPEN_PATHS)
            and request.user.is_authenticated
            and not request.user.is_verified()
        ):
            where = "staff:two-factor" if two_factor.is_enrolled(request.user) else "staff:two-factor-enrol"
            return redirect(f"{reverse(where)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
