"""A visitor opens the Korean home page and switches to English, in a real browser."""

import io

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_switches_from_korean_to_english(live_server, page, artifacts_dir):
    call_command("load_demo", seed=7, stdout=io.StringIO())

    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/ko/"
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text() == "동네에서 볶은 찻잎, 단골과 함께 자랍니다"
    page.screenshot(path=str(artifacts_dir / "home-ko.png"), full_page=True)

    page.get_by_role("navigation", name="언어").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Tea roasted in our neighbourhood" in page.locator("h1").inner_text()
    page.screenshot(path=str(artifacts_dir / "home-en.png"), full_page=True)

    # The choice is remembered: the bare address now leads to English.
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/en/"

    # On a story, the switcher leads to the same story in the other language.
    page.goto(f"{live_server.url}/en/stories/thursday-roasting-day/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    page.wait_for_url(f"{live_server.url}/ko/stories/thursday-roasting-day/")
    assert page.locator("h1").inner_text() == "목요일은 로스팅 데이"


def test_keyboard_user_can_skip_to_the_content(live_server, page):
    call_command("load_demo", seed=7, stdout=io.StringIO())
    page.goto(f"{live_server.url}/ko/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="본문으로 건너뛰기")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
