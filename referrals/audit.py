"""Writing to the append-only audit log. Callers pass ids and status names only, never health data."""

from referrals.models import AuditEvent

Action = AuditEvent.Action


def record(actor, action: str, case_reference: str = "", detail: str = "") -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_username=getattr(actor, "username", "") or "system",
        action=action,
        case_reference=case_reference,
        detail=detail[:200],
    )
