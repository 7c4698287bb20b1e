"""Minimum necessary between counselors (45 CFR 164.502(b)): who may read and act on which case.

Counselors share the queue and cover for each other, but a case someone else holds is theirs: acting on it first
takes it over, with a reason that the timeline shows to both (``actions.take_over``). A closed case is readable only
by the counselor who had it and by supervisors; only a supervisor reopens one, with a reason.

Pure: no database queries beyond the case and user given.
"""


def is_supervisor(user) -> bool:
    return user.has_perm("referrals.reassign_case")


def can_read(case, user) -> bool:
    if case.closed_at is None:
        return True
    return is_supervisor(user) or (case.assigned_to_id is not None and case.assigned_to_id == user.pk)


def held_by_someone_else(case, user) -> bool:
    return case.assigned_to_id is not None and case.assigned_to_id != user.pk
