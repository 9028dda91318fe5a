"""Member text is a small Markdown subset rendered through nh3: nothing a member writes runs."""

from html.parser import HTMLParser

import pytest

from community.markup import ALLOWED_TAGS, plain_excerpt, render


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_of(html: str) -> list[tuple[str, dict]]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def assert_inert(html: str) -> None:
    for tag, attrs in elements_of(html):
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "style" not in attrs
        href = attrs.get("href", "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), href


XSS_PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "[x](JaVaScRiPt:alert(1))",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_script_and_event_handlers_render_inert(payload):
    assert_inert(str(render(payload)))


def test_the_markdown_subset():
    html = str(render("*기울임* **굵게**\n\n- 하나\n- 둘\n\n1. first\n2. second"))
    assert "<em>기울임</em>" in html
    assert "<strong>굵게</strong>" in html
    assert "<ul>" in html and "<li>하나</li>" in html
    assert "<ol>" in html and "<li>first</li>" in html


def test_links_get_nofollow_ugc_noopener():
    html = str(render("[소담](https://sodam-tea.example/) <https://example.com/tea>"))
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert 'href="https://sodam-tea.example/"' in html


def test_headings_images_and_tables_stay_plain_text():
    html = str(render("# 제목\n\n![그림](https://x.example/a.png)\n\n| a | b |\n|---|---|"))
    assert "<h1" not in html
    assert "<img" not in html
    assert "<table" not in html


def test_plain_excerpt_strips_markup_and_cuts():
    assert plain_excerpt("**굵게** [링크](https://x.example)") == "굵게 링크"
    assert plain_excerpt("가" * 50, 10) == "가" * 9 + "…"
