"""An editor publishes a story in the admin, translates it with wagtail-localize and reads both
language versions on the site, in a real browser."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from core import roles
from home.factories import UserFactory
from stories.factories import StoryIndexPageFactory
from stories.models import StoryPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "tea-leaves-2026"  # noqa: S105 - a test account's password

KOREAN = {
    "title": "목요일 아침의 로스터리",
    "intro": "새벽 여섯 시, 로스터를 데우는 일로 하루가 시작됩니다.",
    "heading": "불을 듣는 시간",
    "text": "찻잎이 타닥거리는 소리가 잦아들면 불을 낮춥니다.",
}
ENGLISH = {
    KOREAN["title"]: "Thursday morning in the roastery",
    KOREAN["intro"]: "At six in the morning, the day begins by warming the roaster.",
    KOREAN["heading"]: "Listening to the heat",
    KOREAN["text"]: "When the crackle of the leaves dies down, we lower the heat.",
}


@pytest.fixture
def story_index(home, english_home):
    index = StoryIndexPageFactory(parent=home)
    english = index.copy_for_translation(english_home.locale)
    english.title = "Stories"
    english.save_revision().publish()
    return index


@pytest.fixture
def chief_editor(db):
    """An editor who may also approve and publish (in the Approvers group)."""
    user = UserFactory(username="sumin", password=PASSWORD, groups=[roles.APPROVERS])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, the site in both languages
    profile.save()
    return user


def test_editor_publishes_and_translates_a_story(
    live_server, page, story_index, chief_editor, settings, artifacts_dir
):
    # The admin's "who else is editing" pings would only race the test's own requests.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    # Autosave would save drafts in the background while the test clicks "Publish"; the test
    # publishes from the form itself, as an editor without autosave would.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    admin = f"{live_server.url}/admin"

    page.goto(f"{admin}/login/")
    page.fill("input[name=username]", "sumin")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{admin}/")

    # A new story under the story index, with a heading and a text block.
    page.goto(f"{admin}/pages/add/stories/storypage/{story_index.pk}/")
    page.fill("#id_title", KOREAN["title"])
    page.fill("#id_intro", KOREAN["intro"])
    body = page.locator("[data-contentpath=body]")
    body.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Heading").click()
    page.locator("input[name='body-0-value-text']").fill(KOREAN["heading"])
    body.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name="Text").click()
    text_editor = body.locator(".public-DraftEditor-content").last
    text_editor.click()
    text_editor.type(KOREAN["text"])
    # Draftail writes the text into the form's hidden field after a short pause: wait for it.
    expect(body.locator("input[name='body-1-value']")).to_have_value(
        re.compile(re.escape(KOREAN["text"][:6]))
    )
    page.screenshot(path=str(artifacts_dir / "story-editor.png"), full_page=True)

    page.locator("nav[aria-label='Actions (footer)'] .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"{admin}/pages/{story_index.pk}/")
    page.wait_for_load_state("networkidle")
    assert "published" in page.locator(".messages").inner_text()

    story = StoryPage.objects.get(title=KOREAN["title"])
    assert story.live
    assert story.slug == "mogyoil-achimui-loseuteoli"  # romanised, shared by both languages

    # Translate it into English with wagtail-localize, as from the page's "Translate" action.
    page.goto(f"{admin}/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).first.click()
    page.get_by_role("link", name="Translate this page").click()
    page.wait_for_url(f"{admin}/localize/submit/page/{story.pk}/")
    page.get_by_label("English").check()
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{admin}/pages/*/edit/")
    page.wait_for_load_state("networkidle")

    for source, english in ENGLISH.items():
        segment = page.locator("li.incomplete").filter(has_text=source)
        segment.get_by_role("button", name="Translate", exact=True).click()
        segment.locator("textarea").fill(english)
        segment.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator("li.incomplete").filter(has_text=source)).to_have_count(0)
    expect(page.locator("li.incomplete")).to_have_count(0)  # nothing left untranslated
    page.screenshot(path=str(artifacts_dir / "story-translation.png"), full_page=True)
    page.get_by_role("button", name="Publish in English").click()
    page.wait_for_load_state("networkidle")

    # Both language versions on the site.
    page.goto(f"{live_server.url}/ko/stories/mogyoil-achimui-loseuteoli/")
    assert page.locator("h1").inner_text() == KOREAN["title"]
    assert page.locator(".story-body h2").inner_text() == KOREAN["heading"]
    assert KOREAN["text"] in page.locator(".story-body").inner_text()

    page.goto(f"{live_server.url}/en/stories/mogyoil-achimui-loseuteoli/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == ENGLISH[KOREAN["title"]]
    assert page.locator(".story-body h2").inner_text() == ENGLISH[KOREAN["heading"]]
    assert ENGLISH[KOREAN["text"]] in page.locator(".story-body").inner_text()
    page.screenshot(path=str(artifacts_dir / "story-en.png"), full_page=True)

    page.goto(f"{live_server.url}/en/stories/")
    assert ENGLISH[KOREAN["title"]] in page.locator("main").inner_text()
