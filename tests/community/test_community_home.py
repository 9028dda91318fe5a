"""The community's front page: what it lists, to whom, and that it stays cheap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from community import selectors
from community.factories import PostFactory
from community.models import PostKind
from stories.factories import ProductPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_posts_on_password_and_members_only_pages_are_not_shown_to_visitors(client, home, member):
    open_story = StoryPageFactory(title="열린 이야기")
    password = StoryPageFactory(title="암호 이야기")
    members = StoryPageFactory(title="회원 이야기")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="x")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    PostFactory(page=open_story, comment="모두 보는 팁")
    PostFactory(page=password, comment="암호 뒤의 팁")
    PostFactory(page=members, comment="회원만 보는 팁")
    html = client.get("/ko/community/").content.decode()
    assert "모두 보는 팁" in html
    assert "암호 뒤의 팁" not in html and "회원만 보는 팁" not in html
    client.force_login(member)
    html = client.get("/ko/community/").content.decode()
    assert "모두 보는 팁" in html and "회원만 보는 팁" in html
    assert "암호 뒤의 팁" not in html


def test_older_posts_are_found_when_the_newest_are_elsewhere(client, home, english, monkeypatch):
    """The newest posts of the whole community are looked at first; when too few of them belong
    to this language, the page looks further back."""
    from home.demo.translation import translate

    monkeypatch.setattr(selectors, "LATEST_WINDOW", 3)
    story = StoryPageFactory(title="이야기")
    english_story = translate(story, {"title": "A story"}, locale=english)
    PostFactory(page=story, comment="오래된 한국어 팁")
    for number in range(40):
        PostFactory(page=english_story, comment=f"English tip {number}")
    posts = selectors.latest_posts(locale=story.locale, limit=3)
    assert [post.comment for post in posts] == ["오래된 한국어 팁"]
    assert "오래된 한국어 팁" in client.get("/ko/community/").content.decode()


def test_only_the_first_products_are_listed_with_a_link_to_all(client, home):
    products = [ProductPageFactory(title=f"차 {n:02d}", slug=f"tea-{n}") for n in range(14)]
    PostFactory(page=products[0], kind=PostKind.REVIEW, rating=4)
    PostFactory(page=products[0], kind=PostKind.REVIEW, rating=5)
    html = client.get("/ko/community/").content.decode()
    assert ">차 11</a>" in html and ">차 12</a>" not in html
    assert "4.5 · 후기 2개" in html
    assert f'<a href="{products[0].get_parent().url}">모든 제품 보기</a>' in html


def test_the_front_page_asks_no_subquery_per_post(client, home):
    story = StoryPageFactory(title="이야기")
    for _ in range(3):
        question = PostFactory(page=story, kind=PostKind.QUESTION)
        PostFactory(page=story, parent=question, is_official=True)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/ko/community/").content.decode()
    assert html.count("badge--official") == 3
    assert not [q["sql"] for q in queries if "EXISTS" in q["sql"].upper()]
