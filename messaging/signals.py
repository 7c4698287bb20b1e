"""What messaging tells the apps above it, which it must not import."""

from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal


@dataclass(frozen=True)
class StatusNote:
    """What happened to a message about a case, in words for staff: a line for that case's timeline."""

    case_id: int
    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    actor: Any = None


# Sent with ``notes`` (a list of ``StatusNote``) inside the transaction that queued, sent, failed, cancelled or
# re-queued the messages; the referrals app writes them on the case timelines.
message_status_changed = Signal()


def notify(notes: list[StatusNote]) -> None:
    if notes:
        message_status_changed.send(sender=StatusNote, notes=notes)
