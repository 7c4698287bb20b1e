"""Rate limits key on the real client, also behind the TLS proxy, and never fail on an odd address."""

import pytest
from django.test import RequestFactory

from config.client_ip import UNKNOWN_CLIENT, client_ip


@pytest.fixture
def request_from():
    def build(remote_addr="203.0.113.9", forwarded=None):
        extra = {"REMOTE_ADDR": remote_addr}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().post("/callback/", **extra)

    return build


def test_without_a_proxy_the_socket_address_counts_and_forwarded_headers_are_ignored(settings, request_from):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", forwarded="198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_claimed(settings, request_from):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.2", forwarded="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


@pytest.mark.parametrize(("remote_addr", "forwarded"), [("", None), ("unix:/run/gunicorn.sock", None), ("", "junk")])
def test_an_unusable_address_shares_one_bucket_instead_of_failing(settings, request_from, remote_addr, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1 if forwarded else 0
    assert client_ip(request_from(remote_addr, forwarded)) == UNKNOWN_CLIENT


@pytest.mark.django_db
def test_a_public_form_posted_through_a_unix_socket_is_not_a_server_error(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    response = client.post("/callback/", {}, REMOTE_ADDR="")
    assert response.status_code in (200, 400)
