"""What the crisis call-back pages may promise: only what the clinic can keep.

While the clinic is open a counselor aims to call within the emergency due time (``CASE_DUE["emergency"]``). While
it is closed nobody may call until it opens, and the page says so plainly and puts 988 first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from referrals import sla


@dataclass(frozen=True)
class CallbackPromise:
    clinic_open: bool
    within_minutes: int  # while open: when a counselor aims to call
    opens_at: datetime  # while closed: when someone can next call


def crisis_callback_promise(now: datetime | None = None) -> CallbackPromise:
    now = now or timezone.now()
    return CallbackPromise(
        clinic_open=sla.is_open(now),
        within_minutes=settings.CASE_DUE["emergency"]["minutes"],
        opens_at=timezone.localtime(sla.next_opening(now)),
    )
