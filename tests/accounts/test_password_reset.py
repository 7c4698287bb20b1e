"""A forgotten password is reset by e-mail, revealing nothing about which accounts exist, rate-limited."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern orbit velvet cactus"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://intake.example.org"


def ask(email: str, address: str = "198.51.100.7"):
    return Client(REMOTE_ADDR=address).post("/staff/password-reset/", {"email": email})


def test_the_sign_in_page_offers_a_reset(client):
    assert 'href="/staff/password-reset/"' in client.get("/staff/login/").content.decode()


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_an_email():
    UserFactory(email="sam@clinic.example")
    known, unknown = ask("sam@clinic.example"), ask("nobody@clinic.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/staff/password-reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["sam@clinic.example"]
    assert message.subject == "Reset your staff password"  # nothing about the account in the subject


def test_the_emailed_link_sets_a_new_password_that_must_be_hard_to_guess():
    user = UserFactory(email="sam@clinic.example")
    ask("sam@clinic.example")
    (link,) = re.findall(r"https://intake\.example\.org(/staff/password-reset/\S+/)", mail.outbox[0].body)
    browser = Client()
    form_page = browser.get(link, follow=True)
    assert form_page.status_code == 200 and "Set a new password" in form_page.content.decode()
    url = form_page.redirect_chain[-1][0]
    weak = browser.post(url, {"new_password1": "Summer2026!!", "new_password2": "Summer2026!!"})
    assert weak.status_code == 200 and "There is a problem" in weak.content.decode()
    done = browser.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/staff/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "expired" in Client().get(link, follow=True).content.decode()  # the link works once


def test_the_link_is_built_from_the_site_address_not_the_requests_host():
    UserFactory(email="sam@clinic.example")
    Client(REMOTE_ADDR="198.51.100.7").post(
        "/staff/password-reset/", {"email": "sam@clinic.example"}, HTTP_HOST="localhost"
    )
    assert "https://intake.example.org/staff/password-reset/" in mail.outbox[0].body
    assert "localhost" not in mail.outbox[0].body


def test_requests_for_one_address_are_limited_whether_or_not_it_has_an_account():
    UserFactory(email="sam@clinic.example")
    for email in ("sam@clinic.example", "nobody@clinic.example"):
        answers = [ask(email, address=f"203.0.113.{n}").status_code for n in range(4)]
        assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_one_client_asking_for_many_addresses_is_limited():
    answers = [ask(f"person{n}@clinic.example").status_code for n in range(11)]
    assert answers == [302] * 10 + [429]
    assert "Too many requests" in ask("another@clinic.example").content.decode()
