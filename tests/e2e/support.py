"""Helpers for the browser tests: axe-core, layout checks, screenshots and crawling the public pages."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import two_factor

# --- axe-core ------------------------------------------------------------------------------------------------------

# The engine bundled with the pinned axe-playwright-python (0.1.8 ships axe-core 4.12.1).
AXE_VERSION = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:200]).group(1)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
AXE_CHECKED: list[str] = []  # every page state checked this session, for the summary line


def axe_violations(page) -> list[dict]:
    # Injected through the DevTools protocol (page.evaluate), so the page's strict CSP stays on while it runs.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def format_violations(violations: list[dict], what: str, url: str) -> str:
    lines = [f"axe-core {AXE_VERSION} found {len(violations)} violation(s) on {what} ({url}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
            lines.append(f"       {node['html'][:160]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page, what: str):
    """Zero axe-core violations for WCAG 2.0/2.1/2.2 A and AA on the page as it is now."""
    violations = axe_violations(page)
    AXE_CHECKED.append(what)
    assert not violations, format_violations(violations, what, page.url)


# --- Layout --------------------------------------------------------------------------------------------------------

_DESCRIBE = """
const describe = el => {
  const id = el.id ? '#' + el.id : '';
  const cls = typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
};
"""


def horizontal_overflow(page) -> list[str]:
    """The elements sticking out to the right when the page scrolls horizontally (empty when it doesn't)."""
    return page.evaluate(
        "() => {" + _DESCRIBE + """
        const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return [];
        const width = root.clientWidth;
        // Boxes that stick out, and boxes whose content (a long word, say) spills out of them.
        const wide = [...document.body.querySelectorAll('*')].filter(el =>
          el.getBoundingClientRect().right > width + 1 ||
          (getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1));
        // Report the innermost offenders: those none of whose children also stick out.
        const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
        return [`page is ${root.scrollWidth}px wide in a ${width}px viewport`, ...innermost.slice(0, 10).map(describe)];
        }"""
    )


TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex='0']"


def small_targets(page) -> list[str]:
    """Pointer targets under 24x24 CSS px that no WCAG 2.5.8 exception covers (inline links in text; targets whose
    24px circle touches no other target)."""
    return page.evaluate(
        "selector => {" + _DESCRIBE + """
        const visible = el => {
          const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && r.right > 0 && r.bottom > 0;
        };
        const targets = [...document.querySelectorAll(selector)].filter(visible);
        const inText = el => {
          if (getComputedStyle(el).display !== 'inline') return false;
          const block = el.parentElement.closest('p, li, dd, td, th, dt, label, legend, span, div');
          return block && block.textContent.trim().length > el.textContent.trim().length;
        };
        const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
        const distanceToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                                         Math.max(r.top - y, 0, y - r.bottom));
        const small = targets.filter(el => {
          const r = el.getBoundingClientRect();
          return (r.width < 24 || r.height < 24) && !inText(el);
        });
        return small.filter(el => {
          const c = centre(el.getBoundingClientRect());
          return targets.some(other => {
            if (other === el || other.contains(el) || el.contains(other)) return false;
            const r = other.getBoundingClientRect();
            if (small.includes(other)) return Math.hypot(c[0] - centre(r)[0], c[1] - centre(r)[1]) < 24;
            return distanceToRect(c, r) < 12;
          });
        }).map(el => {
          const r = el.getBoundingClientRect();
          return `${describe(el)} is ${Math.round(r.width)}x${Math.round(r.height)}px`;
        });
        }""",
        TARGETS,
    )


def text_zoom_problems(page) -> list[str]:
    """Zoom text to 200% (as a browser's text-size setting does) and report what is lost: text that did not grow,
    content clipped by its box, or a page that now scrolls sideways."""
    problems = page.evaluate(
        "() => {" + _DESCRIBE + """
        // Text drawn inside an image (an SVG chart with role=img, whose numbers are also in a table) is left out.
        const texts = [...document.body.querySelectorAll('*')].filter(el =>
          [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length &&
          !el.closest('svg, [role=img]'));
        const before = new Map(texts.map(el => [el, parseFloat(getComputedStyle(el).fontSize)]));
        document.documentElement.style.fontSize = '200%';
        const problems = [];
        for (const [el, size] of before) {
          const now = parseFloat(getComputedStyle(el).fontSize);
          if (now < size * 1.9) problems.push(`text did not grow: ${describe(el)} ${size}px -> ${now}px`);
        }
        for (const el of document.body.querySelectorAll('*')) {
          const cs = getComputedStyle(el);
          const clips = ['hidden', 'clip'];
          if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;  // visually hidden on purpose
          if ((clips.includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
              (clips.includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
            if (el.getClientRects().length) problems.push(`content clipped: ${describe(el)}`);
          }
        }
        return problems;
        }"""
    )
    problems += horizontal_overflow(page)
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    return problems


# Focus must be visible: an outline or a box-shadow drawn, and the element's centre not covered by anything else
# (WCAG 2.4.7 and 2.4.11). Returns a description of the problem, or "" when focus is fine.
FOCUS_PROBLEM = (
    "async () => {" + _DESCRIBE + """
    // Bootstrap scrolls smoothly (unless reduced motion is asked for): wait for the scroll that brings the focused
    // element into view to end.
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    for (let i = 0; i < 90; i++) {
      const [x, y] = [scrollX, scrollY];
      await frame();
      if (x === scrollX && y === scrollY) break;
    }
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing has focus';
    const cs = getComputedStyle(el);
    const drawn = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
    if (!drawn) return `no focus indicator on ${describe(el)}`;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return `focused element has no size: ${describe(el)}`;
    if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth)
      return `focused element is off screen: ${describe(el)}`;
    // A link that wraps onto two lines has an empty middle in its bounding box: look at its first line box.
    const line = el.getClientRects()[0] || r;
    const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const label = el.labels && el.labels[0];
    if (top && top !== el && !el.contains(top) && !(label && label.contains(top)))
      return `focused ${describe(el)} is covered by ${describe(top)}`;
    return '';
    }"""
)


# --- Screenshots ---------------------------------------------------------------------------------------------------

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def screenshots_asked_for() -> bool:
    """Screenshots are written only when asked for (``SCREENSHOTS=1``), so an ordinary test run leaves the
    checkout as it found it."""
    return os.environ.get("SCREENSHOTS", "") == "1"


def screenshot(page, name: str, scroll_to: str | None = None):
    """Save the viewport as docs/screenshots/<name>.png (the README shows these) when screenshots are asked for,
    scrolled so that the element ``scroll_to`` selects is at the top when given."""
    if not screenshots_asked_for():
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if scroll_to:
        page.locator(scroll_to).first.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 8)")
    page.screenshot(path=SCREENSHOTS / f"{name}.png", animations="disabled", caret="hide")
    page.evaluate("window.scrollTo(0, 0)")


# --- Public pages --------------------------------------------------------------------------------------------------

NOT_PUBLIC = ("/staff/", "/admin/", "/exit/", "/static/", "/healthz/")


def public_links(page, base_url: str) -> list[str]:
    """Same-site paths linked from this page that a member of the public can open."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    paths = []
    for href in hrefs:
        url = urljoin(page.url, href)
        if not url.startswith(base_url):
            continue
        path = urlsplit(url).path
        if not path.startswith(NOT_PUBLIC) and path not in paths:
            paths.append(path)
    return paths


def crawl_public_pages(page, base_url: str, start: str = "/", limit: int = 100):
    """Visit every public page reachable by links from ``start``; yields each path once, with the page on it."""
    seen, queue = set(), [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        # A link that only redirects off the site (a cited source, say) is not a page of ours.
        probe = page.request.get(path, max_redirects=0)
        if probe.status in (301, 302, 303, 307, 308) and not urljoin(probe.url, probe.headers["location"]).startswith(
            base_url
        ):
            continue
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        queue += [link for link in public_links(page, base_url) if link not in seen]
        yield path


# --- Staff ---------------------------------------------------------------------------------------------------------


def sign_in(page, username: str, password: str):
    """Password, then the second factor as staff pass it: a code from the user's authenticator app (the demo
    logins have one), or setting one up first (a user without one) and going on past the recovery codes."""
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if "/staff/two-factor/" in page.url:
        enrolling = "/set-up/" in page.url
        device = TOTPDevice.objects.get(user__username=username, confirmed=not enrolling)
        page.get_by_label("Code").fill(two_factor.code_for(device))
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm" if enrolling else "Continue").click()
        if enrolling:
            with page.expect_navigation():
                page.get_by_role("link", name="I have kept them, continue").click()
