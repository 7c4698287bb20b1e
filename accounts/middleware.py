"""Sign staff out after ``settings.STAFF_SESSION_IDLE_TIMEOUT`` without a request to a staff page.

Applies to ``/staff/``, ``/admin/`` and the CMS (``/cms/``); public pages (and the intake draft that lives in a
session for 24 hours) are untouched. The last-seen time is written at most once a minute, so a busy counsellor's
clicks don't each cost a session write.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SESSION_KEY = "staff_last_seen"
WRITE_EVERY_SECONDS = 60
STAFF_PREFIXES = ("/staff/", "/admin/", "/cms/")


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES) and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(SESSION_KEY)
            limit = settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds()
            if last_seen is not None and now - last_seen > limit:
                logout(request)
                minutes = int(limit // 60)
                messages.info(request, f"You were signed out after {minutes} minutes without activity.")
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= WRITE_EVERY_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
