"""Markdown written by editors -> safe HTML. Pure: no database, no requests.

Pipeline: Python-Markdown -> nh3 (the Rust "ammonia" sanitiser) with a small allow-list. What comes out has no
scripts, no event handlers, no inline styles, no images or embedded content, and only ``https``, ``http``,
``mailto`` and ``tel`` links besides the site's own paths. The Content-Security-Policy is the second layer.

Two things happen to links on the way:

* A citation such as ``[2]`` that is not a Markdown link becomes a link to ``#source-2``, the numbered reference
  under the page.
* A link to another site is replaced by a path on this site (``external_href(n)``, which redirects), and the
  address is returned in ``external_links``: no page carries an external address (privacy: no third-party
  requests, no referrer), the same rule as the quick-exit link.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"https", "http", "mailto", "tel"}
# Removed together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}

_BROWSER_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME_LIKE = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


@dataclass(frozen=True)
class Rendered:
    html: str
    external_links: tuple[str, ...]


class _CitationProcessor(InlineProcessor):
    """``[3]`` -> a link to the third source. Runs after Markdown's own link patterns, so ``[text][3]`` and a
    ``[3]: ...`` reference definition keep their usual meaning."""

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's API)
        link = etree.Element("a", {"href": f"#source-{int(m.group(1))}"})
        link.text = f"[{int(m.group(1))}]"
        return link, m.start(0), m.end(0)


class _DemoteH1(Treeprocessor):
    """The page title is the only h1; a ``# heading`` in the body becomes an h2."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _PageExtension(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API)
        md.inlinePatterns.register(_CitationProcessor(r"\[(\d{1,3})\]", md), "citation", 100)
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 5)


def _is_external(href: str) -> bool:
    # Browsers ignore tabs and newlines in URLs and read "\" as "/", so "/\evil.example" and "/\t/evil.example"
    # both mean //evil.example, another site.
    normalised = _BROWSER_IGNORED.sub("", href).strip().replace("\\", "/")
    return normalised.startswith("//") or normalised.lower().startswith(("http:", "https:"))


def _absolute(href: str) -> str:
    normalised = _BROWSER_IGNORED.sub("", href).strip().replace("\\", "/")
    return f"https:{normalised}" if normalised.startswith("//") else normalised


def render_markdown(text: str, *, external_href: Callable[[int], str] | None = None) -> Rendered:
    """Render editor Markdown to sanitised HTML.

    ``external_href(n)`` gives the on-site path that stands for the n-th (1-based) distinct external link; without
    it, links to other sites lose their address and stay as plain text.
    """
    html = markdown.markdown(text, extensions=["sane_lists", "tables", _PageExtension()], output_format="html")
    external: list[str] = []

    def filter_attribute(element: str, attribute: str, value: str) -> str | None:
        if attribute != "href":
            return value
        # nh3 has checked the scheme already; this also drops what only looks like one once spaces are gone
        # ("java script:"), which a browser would read as a harmless relative path, but no editor means.
        scheme = _SCHEME_LIKE.match(re.sub(r"\s", "", value))
        if scheme and scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
            return None
        if not _is_external(value):
            return value
        if external_href is None:
            return None
        address = _absolute(value)
        if address not in external:
            external.append(address)
        return external_href(external.index(address) + 1)

    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Rendered(html=clean, external_links=tuple(external))
