"""Staff passwords must be hard to guess: at least 12 characters, and no repeats, keyboard rows, dates or a word with
a year (zxcvbn), checked wherever a password is set."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaaaa", "Summer2026!!", "Winter2025!!", "qwertyuiop12", "1qaz2wsx3edc", "Riverside2026!", "Password1234",
     "short"],
)
def test_guessable_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.django_db
def test_a_password_built_from_the_users_own_name_is_refused():
    user = UserFactory(username="jordan.rivers", first_name="Jordan", last_name="Rivers")
    with pytest.raises(ValidationError):
        validate_password("JordanRivers1987", user)


@pytest.mark.parametrize("password", ["kp9-Vu2!mLq7xz", "lantern orbit velvet cactus", "tulip-gravel-ninety-sock"])
def test_hard_to_guess_passwords_are_accepted(password):
    validate_password(password)
