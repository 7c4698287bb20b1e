"""content.rendering: editor Markdown -> sanitised HTML, without a database."""

import pytest

from content.rendering import render_markdown
from tests.content.html_checks import attribute_values, live_dangers


def render(text):
    return render_markdown(text, external_href=lambda n: f"/pages/p/links/{n}/")


XSS = {
    "script tag": "<script>alert(1)</script>",
    "script in a paragraph": "Hello <script>document.location='https://evil.example'</script> there",
    "img onerror": '<img src=x onerror="alert(1)">',
    "javascript href": '<a href="javascript:alert(1)">click</a>',
    "javascript href, mixed case and tab": '<a href="JaVa\tScRiPt:alert(1)">click</a>',
    "svg onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "event handler on an allowed tag": '<p onclick="alert(1)" onmouseover="alert(2)">text</p>',
    "inline style": '<p style="background:url(javascript:alert(1))">text</p>',
    "markdown javascript link": "[x](javascript:alert(1))",
    "markdown javascript link with spaces": "[x]( javascript:alert(1) )",
    "markdown data link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "markdown vbscript link": "[x](vbscript:msgbox(1))",
    "autolink": "<javascript:alert(1)>",
    "reference link": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "shortcut reference link": "[evil]\n\n[evil]: javascript:alert(1)",
    "entity-encoded colon": "[x](javascript&#58;alert(1))",
    "entity-encoded colon, hex": '<a href="javascript&#x3A;alert(1)">x</a>',
    "entity-encoded letters": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "markdown image with onerror": '![x" onerror="alert(1)](https://evil.example/x.png)',
    "markdown image": "![tracking pixel](https://evil.example/pixel.gif)",
    "base tag": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "form": '<form action="https://evil.example/"><input name="q"></form>',
    "style tag": "<style>body{background:url(https://evil.example/)}</style>",
    "html comment trick": "<!--><script>alert(1)</script>-->",
    "attribute breaking quote": '<a title="x" href="/ok" " onclick="alert(1)">x</a>',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
}


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_nothing_live_survives_rendering(payload):
    html = render(f"Before.\n\n{payload}\n\nAfter.").html
    assert live_dangers(html) == []
    assert "<script" not in html.lower()
    assert not any("alert(" in value or "evil.example" in value for value in attribute_values(html))


def test_escaped_markup_is_shown_as_text():
    html = render("Use &lt;script&gt; literally and 5 &lt; 6 &amp; `<b>code</b>`").html
    assert "&lt;script&gt;" in html
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html


def test_plain_markdown_keeps_its_structure():
    html = render("## Heading\n\nSome **bold** and *em*.\n\n- one\n- two\n\n1. first\n2. second\n\n> quote").html
    for fragment in (
        "<h2>Heading</h2>",
        "<strong>bold</strong>",
        "<em>em</em>",
        "<li>one</li>",
        "<ol>",
        "<blockquote>",
    ):
        assert fragment in html


def test_a_level_one_heading_becomes_level_two_because_the_page_title_is_the_only_h1():
    html = render("# Big\n\n<h1>Raw</h1>").html
    assert "<h1" not in html
    assert "<h2>Big</h2>" in html


def test_citations_link_to_the_numbered_sources():
    html = render("Methadone works [1]. Also [2][3].").html
    assert '<a href="#source-1" rel="noopener noreferrer">[1]</a>' in html
    assert 'href="#source-2"' in html and 'href="#source-3"' in html


def test_a_reference_link_keeps_its_meaning_and_is_not_taken_for_a_citation():
    rendered = render("See [the guide][1].\n\n[1]: https://www.samhsa.gov/guide")
    assert '<a href="/pages/p/links/1/" rel="noopener noreferrer">the guide</a>' in rendered.html
    assert rendered.external_links == ("https://www.samhsa.gov/guide",)


def test_links_to_other_sites_go_through_the_site_and_their_addresses_are_returned_once_each():
    rendered = render(
        "[a](https://findtreatment.gov/) [b](http://example.org/x) [a again](https://findtreatment.gov/) "
        "<https://auto.example/> [sneaky](//evil.example/) <a href='/\\evil2.example/'>slash</a>"
    )
    assert rendered.external_links == (
        "https://findtreatment.gov/",
        "http://example.org/x",
        "https://auto.example/",
        "https://evil.example/",
        "https://evil2.example/",
    )
    assert "findtreatment.gov" not in rendered.html.replace(">https://", "")
    assert rendered.html.count('href="/pages/p/links/1/"') == 2
    assert 'href="/pages/p/links/5/"' in rendered.html


def test_without_a_link_maker_external_links_lose_their_address_but_keep_their_text():
    rendered = render_markdown("[FindTreatment](https://findtreatment.gov/)")
    assert rendered.html == '<p><a rel="noopener noreferrer">FindTreatment</a></p>'
    assert rendered.external_links == ()


def test_own_paths_mail_and_phone_links_are_kept():
    html = render("[quiz](/intake/) [mail](mailto:hello@example.org) [call](tel:+15550100199) [top](#top)").html
    for href in ("/intake/", "mailto:hello@example.org", "tel:+15550100199", "#top"):
        assert f'href="{href}"' in html


def test_tables_render_without_inline_styles():
    html = render("| a | b |\n|:--|--:|\n| 1 | 2 |").html
    assert "<table>" in html and "<td>2</td>" in html
    assert "style" not in html
