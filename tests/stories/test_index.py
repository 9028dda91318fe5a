"""The story index: featured first, filters, pagination, feeds and members-only stories."""

import datetime

import defusedxml.ElementTree as ET  # xml.etree, hardened
import pytest
from wagtail.models import PageViewRestriction

from stories.factories import StoryCategoryFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = datetime.date.today()


def _days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def stories(index, category, korean):
    guides = StoryCategoryFactory(name="가이드", slug="guides", locale=korean)
    return {
        "old": StoryPageFactory(
            parent=index, title="오래된 이야기", slug="old", date=_days_ago(30), category=category
        ),
        "new": StoryPageFactory(
            parent=index,
            title="새 이야기",
            slug="new",
            date=_days_ago(1),
            category=guides,
            tags=["hojicha"],
        ),
        "featured": StoryPageFactory(
            parent=index,
            title="추천 이야기",
            slug="featured",
            date=_days_ago(60),
            featured=True,
            category=category,
            tags=["hojicha", "jeju"],
        ),
    }


def _titles(response) -> list[str]:
    return [story.title for story in response.context["stories"]]


def test_featured_stories_come_first_then_newest(client, index, stories):
    response = client.get(index.url)
    assert response.status_code == 200
    assert _titles(response) == ["추천 이야기", "새 이야기", "오래된 이야기"]
    html = response.content.decode()
    assert "badge--featured" in html


def test_filter_by_category(client, index, stories):
    response = client.get(index.url, {"category": "behind-the-scenes"})
    assert response.status_code == 200
    assert _titles(response) == ["추천 이야기", "오래된 이야기"]
    html = response.content.decode()
    assert "비하인드 이야기" in html  # what the filter shows
    assert 'aria-current="page"' in html


def test_filter_by_tag(client, index, stories):
    assert _titles(client.get(index.url, {"tag": "jeju"})) == ["추천 이야기"]
    assert _titles(client.get(index.url, {"tag": "hojicha", "category": "guides"})) == ["새 이야기"]


@pytest.mark.parametrize(
    "query",
    [
        {"category": "no-such-category"},
        {"tag": "no-such-tag"},
        {"category": "<script>alert(1)</script>"},
        {"tag": "x" * 5000},
    ],
)
def test_unknown_filter_is_a_404_with_a_message(client, index, stories, query):
    response = client.get(index.url, query)
    assert response.status_code == 404
    html = response.content.decode()
    assert "message--error" in html
    assert "<script>alert(1)</script>" not in html
    assert "오래된 이야기" not in html
    assert "모든 이야기 보기" in html


def test_the_message_is_in_the_visitors_language(client, english_index, stories):
    response = client.get(english_index.url, {"category": "nope"})
    assert response.status_code == 404
    assert "There is no story category “nope”." in response.content.decode()


def test_pagination_keeps_filters_and_survives_bad_page_numbers(client, index, category):
    for number in range(14):
        StoryPageFactory(parent=index, slug=f"s{number}", category=category, date=_days_ago(number))
    first = client.get(index.url, {"category": "behind-the-scenes"})
    assert len(first.context["stories"]) == 12
    assert "?category=behind-the-scenes&amp;page=2" in first.content.decode()
    second = client.get(index.url, {"category": "behind-the-scenes", "page": "2"})
    assert len(second.context["stories"]) == 2
    for bad in ["0", "-1", "abc", "999999", "1e9", "２"]:
        response = client.get(index.url, {"page": bad})
        assert response.status_code == 200, bad
        assert len(response.context["stories"]) in (2, 12)


def test_members_only_stories_are_listed_with_a_badge(client, index, stories):
    PageViewRestriction.objects.create(
        page=stories["old"], restriction_type=PageViewRestriction.LOGIN
    )
    password = StoryPageFactory(parent=index, title="비밀번호 이야기", slug="password")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(index.url)
    assert "오래된 이야기" in _titles(response)
    assert "비밀번호 이야기" not in _titles(response)  # only login-restricted ones are listed
    html = response.content.decode()
    assert html.count("badge--members") == 1
    assert "회원 전용" in html


def test_index_links_its_feeds(client, index, stories):
    html = client.get(index.url).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="이야기 (Atom)" '
        'href="/ko/stories/feed/atom/">'
    ) in html
    assert 'type="application/rss+xml"' in html and 'href="/ko/stories/feed/rss/"' in html


def test_atom_feed(client, index, stories):
    response = client.get(index.url + "feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == "ko"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "새 이야기",
        "오래된 이야기",
        "추천 이야기",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").attrib["href"] == "http://localhost/ko/stories/new/"
    assert first.findtext(f"{ATOM}summary") == stories["new"].intro
    assert first.find(f"{ATOM}category").attrib["term"] == "가이드"
    assert first.findtext(f"{ATOM}published").startswith(_days_ago(1).isoformat())


def test_rss_feed_per_language(client, index, english_index, stories, english):
    story = stories["new"]
    translation = story.copy_for_translation(english)
    translation.title = "A new story"
    translation.save_revision().publish()

    korean = ET.fromstring(client.get(index.url + "feed/rss/").content)
    assert len(korean.findall("channel/item")) == 3

    response = client.get(english_index.url + "feed/rss/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["A new story"]
    assert items[0].findtext("link") == "http://localhost/en/stories/new/"
    assert items[0].findtext("description") == story.intro
    assert items[0].findtext("pubDate")
    assert items[0].findtext("category") == "가이드"  # category not translated in this test


def test_index_query_count_does_not_grow_with_stories(
    client, index, category, image, django_assert_max_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(index.url).status_code == 200
        return len(queries)

    for number in range(3):
        StoryPageFactory(parent=index, slug=f"a{number}", category=category, hero_image=image)
    client.get(index.url)  # renditions are created on the first visit
    few = count()
    for number in range(9):
        StoryPageFactory(
            parent=index, slug=f"b{number}", category=category, hero_image=image, tags=["t"]
        )
    client.get(index.url)
    assert count() == few
    with django_assert_max_num_queries(20):
        client.get(index.url)
