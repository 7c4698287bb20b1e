"""Small display helpers for the staff screens."""

from datetime import timedelta

from django import template

from directory import vocabulary
from directory.hours import hours_in_words
from referrals import labels

register = template.Library()


@register.filter
def duration(value: timedelta) -> str:
    """A short, readable span: "45 min", "3 h 20 min", "2 d 4 h"."""
    if value is None:
        return ""
    minutes = int(abs(value.total_seconds()) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


@register.filter
def since(moment, now) -> timedelta:
    return now - moment


@register.simple_tag
def due_state(case, now) -> dict:
    """How the case stands against its target (reaching the person), in words (never colour alone): ``key`` is
    reached, closed, overdue or due."""
    if case.reached_at is not None:
        return {"key": "reached", "text": "Reached" + ("" if case.reached_at <= case.due_at else " (late)")}
    if not case.is_open:
        return {"key": "closed", "text": "—"}
    retry = case.next_attempt_due_at
    parts = []
    if case.due_at < now:
        parts.append(f"Overdue by {duration(now - case.due_at)}")
    if retry is not None:
        late = retry < now
        parts.append(f"next try late by {duration(now - retry)}" if late else f"next try in {duration(retry - now)}")
    elif case.due_at >= now:
        parts.append(f"Due in {duration(case.due_at - now)}")
    text = "; ".join(parts)
    return {"key": "overdue" if case.is_overdue(now) else "due", "text": text[:1].upper() + text[1:]}


@register.filter
def schedule_in_words(schedule) -> str:
    """A directory schedule as people say it: "Mon–Fri 8 am–4 pm", never "MO,TU,WE,TH,FR 08:00"."""
    return hours_in_words([schedule])[0]


@register.filter
def flag_label(flag: str) -> str:
    return labels.flag_label(flag)


@register.filter
def top_flags(flags) -> list[str]:
    return labels.top_flags(flags)


@register.filter
def care_option_label(option: str) -> str:
    return vocabulary.care_option_label(option)


@register.filter
def insurance_label(value: str) -> str:
    return vocabulary.INSURANCE_LABELS.get(value, value or "Not given")


@register.filter
def score_rows(scores: dict) -> list[tuple[str, str, str]]:
    """(instrument, score, band or reading) for the intake summary."""
    if not scores:
        return []
    rows = [("DAST-10 (drug use)", str(scores.get("dast10", "—")), scores.get("dast10_band") or "")]
    if scores.get("sows") is None:
        rows.append(("SOWS (withdrawal now)", "not asked", "last use over 3 days ago"))
    else:
        rows.append(("SOWS (withdrawal now)", str(scores["sows"]), scores.get("sows_band") or ""))
    for key, name in (("phq2", "PHQ-2 (mood)"), ("gad2", "GAD-2 (anxiety)")):
        if key in scores:
            rows.append((name, str(scores[key]), "positive screen" if scores[key] >= 3 else "negative screen"))
    if "cssrs_risk" in scores:
        rows.append(("C-SSRS (suicide risk)", scores["cssrs_risk"], ""))
    return rows


@register.filter
def minutes(value) -> str:
    """A number of minutes as a readable span ("1 d 2 h"); an em dash when there is none."""
    if value is None:
        return "—"
    return duration(timedelta(minutes=float(value)))
