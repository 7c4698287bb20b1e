"""A strict Content-Security-Policy on every response, whatever its kind: the second layer behind sanitising."""

import pytest

from tests.content.factories import PageFactory, SourceFactory

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
    page = PageFactory(body="[x](https://findtreatment.gov/)")
    SourceFactory(page=page)
    return page


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


def test_editor_pages_have_the_strict_policy_too(editor_client, page):
    for path in (
        "/admin/",
        "/admin/content/page/",
        f"/admin/content/page/{page.pk}/change/",
        f"/admin/content/page/{page.pk}/preview/",
        f"/admin/content/page/{page.pk}/revisions/",
    ):
        response = editor_client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)


def test_no_inline_script_on_the_public_pages(client, page):
    from tests.content.html_checks import live_dangers

    for path in ("/", "/pages/", f"/pages/{page.slug}/"):
        assert live_dangers(client.get(path).content.decode()) == [], path
