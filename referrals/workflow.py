"""The case workflow: which status may follow which, and why a move is refused.

    new ──► contacting ──► reached ──► referred ──► in treatment
     │          │  ▲          │  │         │
     │          │  └──────────┘  │         └──► reached (the referral fell through: refer again)
     ▼          ▼                ▼
    closing outcomes: declined · unreachable (after N attempts) · duplicate · referred elsewhere
    any closing outcome or "in treatment" ──► reopen (back to contacting)

Logging a contact attempt moves a case along by itself (``referrals.actions``): the first attempt turns *new* into
*contacting*, and reaching the person turns *new*/*contacting* into *reached*. Referring is its own action, because
it needs a provider; the status form only offers the moves that make sense without one.

Pure: no database, no HTTP. ``check`` raises ``TransitionRefused`` with a message a counsellor can act on.
"""

from dataclasses import dataclass

from django.conf import settings

from referrals.models import Status

CLOSING = frozenset({Status.DECLINED, Status.UNREACHABLE, Status.DUPLICATE, Status.REFERRED_ELSEWHERE})
REOPENABLE = CLOSING | {Status.IN_TREATMENT}

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.CONTACTING, Status.REACHED, Status.DECLINED, Status.DUPLICATE,
                           Status.REFERRED_ELSEWHERE}),
    Status.CONTACTING: frozenset({Status.REACHED, Status.DECLINED, Status.UNREACHABLE, Status.DUPLICATE,
                                  Status.REFERRED_ELSEWHERE}),
    Status.REACHED: frozenset({Status.CONTACTING, Status.REFERRED, Status.DECLINED, Status.UNREACHABLE,
                               Status.DUPLICATE, Status.REFERRED_ELSEWHERE}),
    Status.REFERRED: frozenset({Status.REACHED, Status.IN_TREATMENT, Status.DECLINED, Status.UNREACHABLE,
                                Status.REFERRED_ELSEWHERE}),
    **{closed: frozenset({Status.CONTACTING}) for closed in REOPENABLE},
}

# Moves the status form offers; "referred" needs a provider, so it only happens through the referral action.
NEEDS_REFERRAL = frozenset({Status.REFERRED})


class TransitionRefused(Exception):
    """A status change that the workflow does not allow, with a message for the counsellor."""


@dataclass(frozen=True)
class Move:
    target: str
    label: str


def unreachable_after() -> int:
    return settings.UNREACHABLE_AFTER_ATTEMPTS


def is_reopen(current: str, target: str) -> bool:
    return current in REOPENABLE and target == Status.CONTACTING


def check(current: str, target: str, *, contact_attempts: int, via_referral: bool = False) -> None:
    """Raise ``TransitionRefused`` unless a case in ``current`` may move to ``target``."""
    if current == target:
        raise TransitionRefused(f"The case is already “{Status(current).label}”.")
    if target not in TRANSITIONS.get(current, frozenset()):
        allowed = ", ".join(f"“{Status(s).label}”" for s in sorted(TRANSITIONS.get(current, ()), key=_order))
        raise TransitionRefused(
            f"A case that is “{Status(current).label}” can’t move to “{Status(target).label}”. "
            f"It can move to: {allowed or 'nothing'}."
        )
    if target in NEEDS_REFERRAL and not via_referral:
        raise TransitionRefused("To mark a case referred, refer the person to a provider from the directory.")
    if target == Status.UNREACHABLE and contact_attempts < unreachable_after():
        raise TransitionRefused(
            f"A case can be closed as unreachable only after {unreachable_after()} unsuccessful contact attempts; "
            f"this one has {contact_attempts}."
        )


def available_moves(current: str, *, contact_attempts: int) -> list[Move]:
    """The moves the status form offers for a case in ``current`` (those ``check`` would allow)."""
    moves = []
    for target in sorted(TRANSITIONS.get(current, ()), key=_order):
        try:
            check(current, target, contact_attempts=contact_attempts)
        except TransitionRefused:
            continue
        label = "Reopen (back to contacting)" if is_reopen(current, target) else Status(target).label
        moves.append(Move(target, label))
    return moves


def _order(status: str) -> int:
    return list(Status.values).index(status)
