"""Sign-in guessing is stopped per username (from any address) and per address (against any usernames), with a
cool-off; a successful sign-in clears its own failures."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's
WRONG = "wrong guess 12345"


def attempt(address: str, username: str, password: str = WRONG):
    return Client(REMOTE_ADDR=address).post("/staff/login/", {"username": username, "password": password})


def test_one_address_guessing_many_usernames_is_locked_out():
    real = UserFactory()
    for n in range(4):  # one guess each at several usernames: never twice the same one
        assert attempt("203.0.113.50", f"guess{n}").status_code == 200
    assert attempt("203.0.113.50", "guess-next").status_code == 429  # the fifth failure locks the address
    # Locked out means locked out: not even a right password gets in from there during the cool-off...
    assert attempt("203.0.113.50", real.username, PASSWORD).status_code == 429
    # ...while everyone elsewhere signs in as usual.
    assert attempt("198.51.100.7", real.username, PASSWORD).status_code == 302


def test_one_username_guessed_from_many_addresses_is_locked_out():
    target = UserFactory()
    for n in range(4):
        assert attempt(f"203.0.113.{n + 1}", target.username).status_code == 200
    assert attempt("203.0.113.99", target.username).status_code == 429  # the fifth failure locks the username
    assert attempt("203.0.113.98", target.username, PASSWORD).status_code == 429


def test_a_successful_sign_in_clears_its_failures():
    user = UserFactory()
    for _ in range(4):
        attempt("198.51.100.7", user.username)
    assert attempt("198.51.100.7", user.username, PASSWORD).status_code == 302
    for _ in range(4):
        assert attempt("198.51.100.7", user.username).status_code == 200
