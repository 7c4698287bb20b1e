"""Find anything in a page's HTML that a browser would run or load from elsewhere.

The parser decodes entities the way a browser does, so ``javascript&#58;`` is seen as ``javascript:``."""

import re
from html.parser import HTMLParser

ACTIVE_TAGS = {"iframe", "object", "embed", "svg", "math", "frame", "frameset", "base", "form", "img", "video",
               "audio", "source", "link", "meta", "style", "template"}  # fmt: skip
# Tags the site's own layout uses; anything else from this list in a page is injected.
LAYOUT_TAGS = {"link", "meta"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background"}
DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
# What a browser's URL parser ignores: tabs and newlines anywhere, control characters and spaces at the ends.
TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")


def _as_browser_reads(url: str) -> str:
    return TABS_AND_NEWLINES.sub("", url).strip("".join(map(chr, range(0x21))))


class _Finder(HTMLParser):
    def __init__(self, allow=frozenset()):
        super().__init__(convert_charrefs=True)
        self.allow = allow
        self.dangers: list[str] = []
        self.attribute_values: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.dangers.append(f"<script> not from /static/: {attrs}")
            self._in_script = True
        if tag in ACTIVE_TAGS - LAYOUT_TAGS - self.allow:
            self.dangers.append(f"<{tag}>")
        if tag == "link" and dict(attrs).get("rel") == "stylesheet" and not dict(attrs)["href"].startswith("/static/"):
            self.dangers.append(f"stylesheet {attrs}")
        self.attribute_values.extend(value or "" for _, value in attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"event handler {name} on <{tag}>")
            if name == "style":
                self.dangers.append(f"inline style on <{tag}>")
            if name in URL_ATTRIBUTES and value and DANGEROUS_SCHEME.match(_as_browser_reads(value)):
                self.dangers.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.dangers.append(f"inline script: {data[:60]!r}")


def live_dangers(html: str, *, allow: frozenset[str] = frozenset()) -> list[str]:
    """Everything live in the HTML; `allow` names active tags the page may legitimately have (the admin's forms)."""
    finder = _Finder(allow)
    finder.feed(html)
    finder.close()
    return finder.dangers


def attribute_values(html: str) -> list[str]:
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.attribute_values
