"""Every public URL is under /ko/ or /en/; / sends visitors to their language."""

import pytest
from django.conf import settings

from stories.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home, english_home):
    index = StoryIndexPageFactory(parent=home)
    index.copy_for_translation(english_home.locale).save_revision().publish()
    return StoryPageFactory(parent=index, slug="roasting-day", title="목요일은 로스팅 데이")


def test_root_redirects_to_korean_by_default(client, home):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ko/"


def test_root_follows_accept_language(client, home):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_language_cookie_wins_over_accept_language(client, home):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/ko/"


def test_visiting_a_language_remembers_it_for_the_root(client, home, english_home):
    assert client.get("/en/").status_code == 200
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Location"] == "/en/"


def test_page_is_rendered_in_its_language(client, home, english_home):
    korean = client.get("/ko/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="ko">' in korean and "본문으로 건너뛰기" in korean
    assert '<html lang="en">' in english and "Skip to content" in english


def test_switcher_links_to_the_translation_when_it_exists(client, story, english):
    story.copy_for_translation(english).save_revision().publish()
    html = client.get("/ko/stories/roasting-day/").content.decode()
    assert 'href="/en/stories/roasting-day/" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en"' in html


def test_switcher_falls_back_to_the_home_page_when_not_translated(client, story):
    html = client.get("/ko/stories/roasting-day/").content.decode()
    assert 'href="/en/" hreflang="en"' in html
    assert 'hreflang="en" href=' not in html  # no alternate link for a missing translation


def test_unknown_page_is_a_translated_404(client, home, english_home):
    response = client.get("/ko/no-such-page/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_member_login_and_signup_are_served_in_each_language(client, home, language):
    for name in ("login", "signup", "password/reset"):
        response = client.get(f"/{language}/accounts/{name}/")
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()


def test_header_offers_login_and_join_to_visitors(client, home):
    html = client.get("/ko/").content.decode()
    assert 'href="/ko/accounts/login/?next=/ko/"' in html
    assert 'href="/ko/accounts/signup/"' in html
