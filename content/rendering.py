"""What editors write -> safe HTML. Pure: no database, no requests (except Wagtail's own link expansion).

Treatment page bodies are Wagtail rich text: ``render_body`` expands Wagtail's internal links, links citations
and sanitises. The help-now text and the initial content files are Markdown: ``render_markdown`` and
``markdown_to_html``.

Pipeline: (Python-Markdown or Wagtail's rich text) -> nh3 (the Rust "ammonia" sanitiser) with a small
allow-list. What comes out has no scripts, no event handlers, no inline styles, no images or embedded content, and
only ``https``, ``http``, ``mailto`` and ``tel`` links besides the site's own paths.
The Content-Security-Policy is the second layer.

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


def markdown_to_html(text: str) -> str:
    """Plain Markdown -> HTML with headings from h2 (the page title is the h1); citations stay as text."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.treeprocessors.register(_DemoteH1(md), "demote_h1", 5)
    return md.convert(text)


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_CITATION = re.compile(r"\[(\d{1,3})\]")


def link_citations(html: str) -> str:
    """``[3]`` in the text (not inside a link) -> a link to the third source under the page."""
    parts, depth = [], 0
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            tag = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if tag == "a":
                depth += -1 if part.startswith("</") else 1
        elif depth == 0:
            part = _CITATION.sub(lambda m: f'<a href="#source-{int(m.group(1))}">[{int(m.group(1))}]</a>', part)
        parts.append(part)
    return "".join(parts)


def render_markdown(text: str, *, external_href: Callable[[int], str] | None = None) -> Rendered:
    """Render editor Markdown to sanitised HTML, citations linked (see ``sanitise``)."""
    html = markdown.markdown(text, extensions=["sane_lists", "tables", _PageExtension()], output_format="html")
    return sanitise(html, external_href=external_href)


def render_body(page) -> Rendered:
    """A treatment page's rich-text body as safe HTML: Wagtail's links expanded, citations linked, sanitised, and
    links to other sites replaced by the page's own redirects (``content:external_link``)."""
    from django.urls import reverse
    from wagtail.rich_text import expand_db_html

    def external_href(number: int) -> str:
        return reverse("content:external_link", args=[page.slug, number])

    return sanitise(link_citations(expand_db_html(page.body or "")), external_href=external_href)


def sanitise(html: str, *, external_href: Callable[[int], str] | None = None) -> Rendered:
    """Sanitise HTML with the allow-list above.

    ``external_href(n)`` gives the on-site path that stands for the n-th (1-based) distinct external link; without
    it, links to other sites lose their address and stay as plain text.
    """
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
