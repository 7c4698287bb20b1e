"""Whether, how and when we may write to the person a case is about.

Pure rules on a case and a clock, no database writes: the queueing code and the worker both ask the same questions
(the worker asks again at send time, so a consent withdrawn or a channel marked unsafe after queueing still wins).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from messaging.models import ContactMethod, Message


@dataclass(frozen=True)
class Route:
    """A way to reach the person, or why there is none (``channel`` is None and ``reason`` says why)."""

    channel: str | None
    address: str = ""
    reason: str = ""

    def __bool__(self):
        return self.channel is not None


def person_route(case) -> Route:
    """The channel for a message to the person: their preferred one, only with consent and only if it is safe.

    * e-mail preferred: e-mail to the address they gave;
    * text preferred: a text, if they said texts are safe;
    * a call preferred: we can't confirm by calling, so a text if they said texts are safe, otherwise nothing
      (a counsellor calls them anyway).
    Voicemail is never used by the jobs.
    """
    if case.anonymised_at is not None:
        return Route(None, reason="the case has been anonymised")
    if not case.consent_contact:
        return Route(None, reason="no consent to contact")
    if case.preferred_method == ContactMethod.EMAIL:
        if not case.email:
            return Route(None, reason="no email address")
        return Route(Message.Channel.EMAIL, case.email)
    if not case.phone:
        return Route(None, reason="no phone number")
    if not case.text_safe:
        reason = "texts not marked safe" if case.preferred_method == ContactMethod.TEXT else (
            "prefers a phone call and texts are not marked safe"
        )
        return Route(None, reason=reason)
    return Route(Message.Channel.SMS, case.phone)


def _parse_quiet_hours(value: str) -> tuple[time, time] | None:
    if not value.strip():
        return None
    try:
        start, end = (time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError as error:
        raise ImproperlyConfigured(f"MESSAGING_QUIET_HOURS must look like 21:00-08:00, not {value!r}") from error
    return None if start == end else (start, end)


def quiet_until(now: datetime | None = None) -> datetime | None:
    """The end of the quiet hours if ``now`` falls in them (clinic local time), else None."""
    window = _parse_quiet_hours(settings.MESSAGING_QUIET_HOURS)
    if window is None:
        return None
    start, end = window
    local = timezone.localtime(now or timezone.now())
    clock = local.time()
    if start < end:  # e.g. 00:00-07:00, within one day
        in_quiet = start <= clock < end
        end_day = local.date()
    else:  # e.g. 21:00-08:00, across midnight
        in_quiet = clock >= start or clock < end
        end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
    if not in_quiet:
        return None
    return timezone.make_aware(datetime.combine(end_day, end))
