"""The case workflow on its own: allowed moves, refused moves and their messages."""

import pytest

from referrals import workflow
from referrals.models import Status
from referrals.workflow import TransitionRefused


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("new", "contacting"),
        ("new", "reached"),
        ("contacting", "reached"),
        ("referred", "in_treatment"),
        ("referred", "reached"),
        ("reached", "declined"),
        ("new", "duplicate"),
        ("contacting", "referred_elsewhere"),
        ("declined", "contacting"),
        ("in_treatment", "contacting"),
    ],
)
def test_allowed_moves_pass(current, target):
    workflow.check(current, target, contact_attempts=0)


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        ("new", "in_treatment", "can’t move to “In treatment”"),
        ("contacting", "new", "can’t move to “New”"),
        ("duplicate", "reached", "can’t move to “Reached”"),
        ("in_treatment", "declined", "can’t move to “Closed: declined”"),
        ("new", "new", "already “New”"),
    ],
)
def test_invalid_moves_are_refused_with_a_clear_message(current, target, message):
    with pytest.raises(TransitionRefused, match=message):
        workflow.check(current, target, contact_attempts=5)


def test_referred_needs_the_referral_action():
    with pytest.raises(TransitionRefused, match="refer the person to a provider"):
        workflow.check("reached", "referred", contact_attempts=0)
    workflow.check("reached", "referred", contact_attempts=0, via_referral=True)


def test_unreachable_needs_the_configured_number_of_attempts(settings):
    settings.UNREACHABLE_AFTER_ATTEMPTS = 4
    with pytest.raises(TransitionRefused, match="after 4 unsuccessful contact attempts; this one has 3"):
        workflow.check("contacting", "unreachable", contact_attempts=3)
    workflow.check("contacting", "unreachable", contact_attempts=4)


def test_available_moves_offer_only_what_check_allows(settings):
    settings.UNREACHABLE_AFTER_ATTEMPTS = 3
    moves = [m.target for m in workflow.available_moves("contacting", contact_attempts=1)]
    assert moves == ["reached", "declined", "duplicate", "referred_elsewhere"]
    moves = [m.target for m in workflow.available_moves("contacting", contact_attempts=3)]
    assert "unreachable" in moves
    reached = [m.target for m in workflow.available_moves("reached", contact_attempts=0)]
    assert "referred" not in reached  # only through a referral


def test_closed_cases_offer_reopen():
    [move] = workflow.available_moves(Status.DECLINED, contact_attempts=0)
    assert move.target == Status.CONTACTING and move.label.startswith("Reopen")
