"""Opening hours in words for people: "Mon–Fri 6 am–2 pm", never the iCal day codes the directory stores."""

from collections.abc import Iterable
from datetime import time

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))


def time_in_words(value: time) -> str:
    """12-hour clock, as people say it: "6 am", "2:30 pm", "noon", "midnight"."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "noon"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes} {'am' if value.hour < 12 else 'pm'}"


def days_in_words(byday: str) -> str:
    """"MO,TU,WE,TH,FR" → "Mon–Fri"; runs of three or more days become a range, others are listed."""
    chosen = sorted({day.strip().upper() for day in byday.split(",")} & set(DAYS), key=DAYS.index)
    runs: list[list[str]] = []
    for day in chosen:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]}\u2013{DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[day] for day in run)
    return ", ".join(parts)


def hours_in_words(schedules: Iterable) -> list[str]:
    """One line per schedule (``byday``, ``opens_at``, ``closes_at``), e.g. "Mon–Fri 6 am–2 pm"."""
    lines = []
    for schedule in schedules:
        days = days_in_words(schedule.byday)
        if schedule.opens_at == time(0, 0) and schedule.closes_at >= time(23, 59):
            lines.append(f"{days} open 24 hours")
        else:
            lines.append(f"{days} {time_in_words(schedule.opens_at)}\u2013{time_in_words(schedule.closes_at)}")
    return lines
