"""A real browser against the app: Debian's Chromium driven by Playwright, serving from pytest-django's live server.

One browser for the whole session; each test opens its own contexts (cheap, isolated cookies) through
``open_page``. Every page opened that way is watched: a JavaScript error, a console error (a Content-Security-Policy
violation shows up as one), a dialog (``alert()`` from an injected script) or a request that leaves the live server
fails the test at teardown. The only other address allowed is the quick-exit target, a tiny local server.

Without ``chromium`` on PATH the browser tests fail in CI and skip elsewhere (``scripts/install-browser`` installs
it with apt-get; Playwright's own browser download is not used).
"""

from __future__ import annotations

import io
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.conftest import service_unavailable
from tests.e2e import support

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {"width": 375, "height": 667}
NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = shutil.which("chromium")
    if not path:
        service_unavailable("needs Debian's chromium on PATH (scripts/install-browser runs apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop on this thread; Django's ORM would then refuse to run in the test
    # code (fixtures create staff and cases). The loop never runs Django code, so the check is safely off here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Problems:
    """What a page did that it should not: recorded while the test runs, asserted at teardown."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.errors or self.dialogs or self.external_requests)

    def report(self) -> str:
        lines = []
        lines += [f"  JavaScript/console error: {error}" for error in self.errors]
        lines += [f"  dialog opened: {dialog}" for dialog in self.dialogs]
        lines += [f"  request left the site: {url}" for url in self.external_requests]
        return "\n".join(lines)


@pytest.fixture
def browser_problems() -> Problems:
    return Problems()


class _NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>Weather</title><h1>Weather</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site() -> Iterator[str]:
    """Where "Leave this site quickly" goes during the tests: a tiny site of our own on another origin (Playwright's
    routing does not see redirected navigations, so it has to be a real server), so nothing leaves the machine."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser, live_server, neutral_site, settings, browser_problems) -> Iterator:
    """``open_page(viewport=DESKTOP, javascript=True, **context_options)`` -> a new page in a fresh context (its own
    cookies), watched for script errors, dialogs and requests off the site."""
    settings.QUICK_EXIT_URL = neutral_site
    # A test answers a whole questionnaire within seconds, far faster than the per-client limit on public posts.
    settings.PUBLIC_POST_RATE = "1000/m"
    contexts = []

    def route(route):
        url = route.request.url
        if url.startswith((live_server.url, neutral_site)):
            route.continue_()
        else:
            browser_problems.external_requests.append(url)
            route.abort()

    def on_console(message):
        if message.type == "error":
            browser_problems.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_dialog(dialog):
        browser_problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def make(viewport=DESKTOP, javascript=True, **options):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, java_script_enabled=javascript, **options
        )
        context.set_default_timeout(10_000)
        context.route("**/*", route)
        context.on("console", on_console)
        context.on("weberror", lambda error: browser_problems.errors.append(f"uncaught: {error.error}"))
        context.on("dialog", on_dialog)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not browser_problems, "The browser saw problems:\n" + browser_problems.report()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives the per-test database flush."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_data(transactional_db):
    """The demo staff (one login per role), providers and cases, and the treatment content. The database is
    flushed after every live-server test, so each test loads them again."""
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_content", verbosity=0, stdout=io.StringIO())


def pytest_terminal_summary(terminalreporter):
    if support.AXE_CHECKED:
        terminalreporter.write_sep("-", "browser checks")
        terminalreporter.write_line(
            f"axe-core {support.AXE_VERSION}: {len(support.AXE_CHECKED)} page states checked "
            f"({', '.join(support.AXE_TAGS)})"
        )
