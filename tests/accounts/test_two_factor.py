"""Two-factor sign-in: no staff page, admin page or CMS page opens on a password alone. Staff set up an
authenticator app on first sign-in (and get recovery codes), and enter a code on every later sign-in."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import RECOVERY_CODE_COUNT
from tests import two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password 1"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def password_only(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/staff/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def administrator(db):
    return get_user_model().objects.create_superuser("root", password=PASSWORD)


@pytest.mark.parametrize(
    ("role", "page"),
    [("counsellor", "/staff/"), ("supervisor", "/staff/audit/"), ("content_editor", "/cms/"),
     ("administrator", "/admin/"), ("administrator", "/cms/pages/")],
)
def test_a_first_sign_in_is_sent_to_set_up_two_factor_before_any_staff_page(client, request, role, page):
    password_only(client, request.getfixturevalue(role))

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == f"/staff/two-factor/set-up/?next={page.replace('/', '%2F')}"


@pytest.mark.parametrize("page", ["/staff/", "/admin/", "/cms/"])
def test_an_enrolled_sign_in_is_asked_for_a_code_before_any_staff_page(client, administrator, page):
    two_factor.enrol(administrator)
    password_only(client, administrator)

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/two-factor/?next=")


def test_setting_up_shows_a_secret_confirms_with_a_code_and_shows_recovery_codes_once(client, counsellor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code otherwise makes the next try wait a second
    password_only(client, counsellor)
    page = client.get("/staff/two-factor/set-up/?next=/staff/").content.decode()
    device = TOTPDevice.objects.get(user=counsellor, confirmed=False)
    assert "otpauth://totp/" in page and "Setup key" in page

    wrong = client.post("/staff/two-factor/set-up/?next=/staff/", {"code": "000000"})
    assert wrong.status_code == 200 and "didn" in wrong.content.decode()
    assert client.get("/staff/").status_code == 302

    confirmed = client.post("/staff/two-factor/set-up/?next=/staff/", {"code": two_factor.code_for(device)})

    codes = confirmed.context["codes"]
    assert len(codes) == RECOVERY_CODE_COUNT and all(code in confirmed.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_a_later_sign_in_needs_the_apps_code_and_a_code_works_once(client, counsellor):
    device = two_factor.enrol(counsellor)
    password_only(client, counsellor)
    code = two_factor.code_for(device)

    response = client.post("/staff/two-factor/?next=/staff/audit/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/staff/audit/"
    assert client.get("/staff/").status_code == 200

    client.post("/staff/logout/")
    password_only(client, counsellor)
    replayed = client.post("/staff/two-factor/?next=/staff/", {"code": code})
    assert replayed.status_code == 200 and "didn" in replayed.content.decode()
    assert client.get("/staff/").status_code == 302


def test_a_recovery_code_signs_in_once(client, counsellor):
    password_only(client, counsellor)
    device = TOTPDevice.objects.create(user=counsellor, confirmed=False)
    codes = client.post("/staff/two-factor/set-up/", {"code": two_factor.code_for(device)}).context["codes"]
    client.post("/staff/logout/")

    password_only(client, counsellor)
    assert client.post("/staff/two-factor/", {"code": codes[0].upper()}).status_code == 302
    assert client.get("/staff/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.post("/staff/logout/")
    password_only(client, counsellor)
    assert client.post("/staff/two-factor/", {"code": codes[0]}).status_code == 200
    assert client.get("/staff/").status_code == 302


def test_a_code_never_sends_people_to_another_site(client, counsellor):
    device = two_factor.enrol(counsellor)
    password_only(client, counsellor)
    response = client.post("/staff/two-factor/?next=https://evil.example/", {"code": two_factor.code_for(device)})
    assert response["Location"] == "/staff/"


def test_public_pages_and_sign_in_pages_stay_open_before_the_second_factor(client, counsellor):
    password_only(client, counsellor)
    assert client.get("/").status_code == 200
    assert client.get("/staff/two-factor/set-up/").status_code == 200
    assert client.post("/staff/logout/").status_code == 302


def test_two_factor_can_be_turned_off_outside_production(client, counsellor, settings):
    settings.STAFF_2FA_REQUIRED = False
    password_only(client, counsellor)
    assert client.get("/staff/").status_code == 200
