"""The community's own views, the search page and the account pages describe themselves to
search engines, once, in the visitor's language."""

import re

import pytest

from community.factories import MemberFactory
from core.seo import plain

pytestmark = pytest.mark.django_db


def descriptions(html: str) -> list[str]:
    return re.findall(r'<meta name="description" content="([^"]*)"', html)


@pytest.mark.parametrize(
    ("path", "korean_words", "english_words"),
    [
        ("/community/", "직원의 답변", "answered by our staff"),
        ("/search/?q=차", "검색", "Search our stories"),
        ("/accounts/signup/", "단골", "community of regular customers"),
        ("/accounts/login/", "단골", "community of regular customers"),
    ],
)
def test_views_describe_themselves_in_both_languages(
    client, english_home, path, korean_words, english_words
):
    (korean_description,) = descriptions(client.get(f"/ko{path}").content.decode())
    (english_description,) = descriptions(client.get(f"/en{path}").content.decode())
    assert korean_words in korean_description
    assert english_words in english_description


def test_a_thread_is_described_by_its_page(client, product):
    html = client.get(f"/ko/community/pages/{product.pk}/").content.decode()
    (description,) = descriptions(html)
    assert "망원 호지차" in description


def test_a_profile_is_described_by_the_members_name_escaped_once(client, home):
    member = MemberFactory(display_name="Tom & Jerry's <b>")
    html = client.get(f"/en/community/members/{member.pk}/").content.decode()
    (description,) = descriptions(html)
    assert description.startswith("Tom &amp; Jerry&#x27;s &lt;b&gt;")
    assert "reviews, tips and questions" in description


def test_plain_text_decodes_entities_so_that_templates_escape_it_once():
    assert plain("<p>Tom &amp; Jerry&#x27;s <b>tea</b></p>") == "Tom & Jerry's tea"


def test_a_views_canonical_address_names_the_site_like_its_alternates(client, english_home):
    html = client.get("/ko/community/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<link rel="canonical" href="http://localhost/ko/community/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/community/">' in html
