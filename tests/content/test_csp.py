"""A strict Content-Security-Policy on every response, whatever its kind: the second layer behind sanitising."""

import pytest

from tests.content.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, set[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = set(values)
    return parsed


def assert_strict(response):
    policy = directives(response)
    assert policy["script-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["default-src"] == {"'self'"}
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.fixture
def page():
    return TreatmentPageFactory(body='<p><a href="https://findtreatment.gov/">x</a></p>', sources=1)


def public_paths(page):
    return [
        ("/", 200),
        ("/pages/", 200),
        (f"/pages/{page.slug}/", 200),
        (f"/pages/{page.slug}/sources/1/", 302),
        (f"/pages/{page.slug}/links/1/", 302),
        ("/pages/not-there/", 404),
        ("/admin/", 302),
    ]


def test_every_public_response_has_the_strict_policy(client, page):
    for path, status in public_paths(page):
        response = client.get(path)
        assert response.status_code == status, path
        assert_strict(response)


def test_the_django_admin_keeps_the_strict_policy(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert_strict(response)


def test_the_cms_relaxes_only_inline_scripts_styles_and_its_own_preview_frame(editor_client, page):
    public = directives(editor_client.get("/"))
    for path in ("/cms/", f"/cms/pages/{page.pk}/edit/", f"/cms/pages/{page.pk}/history/"):
        response = editor_client.get(path)
        assert response.status_code == 200, path
        policy = directives(response)
        assert policy["script-src"] == policy["style-src"] == {"'self'", "'unsafe-inline'"}
        assert policy["frame-ancestors"] == {"'self'"} and response["X-Frame-Options"] == "SAMEORIGIN"
        relaxed = {"script-src", "style-src", "frame-ancestors"}
        assert {k: v for k, v in policy.items() if k not in relaxed} == {
            k: v for k, v in public.items() if k not in relaxed
        }
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_no_inline_script_on_the_public_pages(client, page):
    from tests.content.html_checks import live_dangers

    for path in ("/", "/pages/", f"/pages/{page.slug}/"):
        assert live_dangers(client.get(path).content.decode()) == [], path
