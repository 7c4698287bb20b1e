"""Error pages are plain, keep the crisis numbers and the quick exit, and never show a stack trace."""

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_urls


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [*site_urls, path("broken/", broken_view)]


@pytest.mark.django_db
def test_a_missing_page_is_a_friendly_404_with_crisis_numbers(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "988" in page and "911" in page and 'href="/exit/"' in page


@pytest.mark.django_db
def test_a_timed_out_form_explains_itself_and_keeps_the_crisis_numbers(settings):
    settings.DEBUG = False
    response = Client(enforce_csrf_checks=True).post("/callback/", {"phone": "555 0100"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your page timed out" in page
    assert "988" in page and "1-800-662-4357" in page and 'href="/exit/"' in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_standalone_page_without_details(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "something went wrong" in page
    assert "988" in page and "911" in page
    assert "boom" not in page and "Traceback" not in page
