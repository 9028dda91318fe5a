"""Members-only stories: visitors see the title, the intro and an invitation, never the body."""

import pytest
from wagtail.models import PageViewRestriction

from community.factories import MemberFactory
from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

SECRET = "로스터만 아는 온도 곡선"


@pytest.fixture
def members_story(index):
    story = StoryPageFactory(
        parent=index,
        title="회원에게만 여는 로스팅 노트",
        slug="roasting-notes",
        intro="온도 곡선을 공개합니다.",
        body=[
            {"type": "heading", "value": {"text": "첫 번째 단계"}},
            {"type": "paragraph", "value": f"<p>{SECRET}</p>"},
        ],
    )
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    return story


def test_visitor_sees_the_teaser_and_never_the_body(client, members_story):
    response = client.get(members_story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert members_story.title in html
    assert members_story.intro in html
    assert SECRET not in html
    assert "첫 번째 단계" not in html
    assert "회원을 위한 이야기입니다" in html
    assert 'href="/ko/accounts/login/?next=%2Fko%2Fstories%2Froasting-notes%2F"' in html
    assert 'href="/ko/accounts/signup/?next=%2Fko%2Fstories%2Froasting-notes%2F"' in html


def test_teaser_is_in_english_for_an_english_story(client, members_story, english_index, english):
    translation = members_story.copy_for_translation(english)
    translation.save_revision().publish()
    # The restriction belongs to the Korean page; restrict the translation too, as an editor
    # does from the privacy menu.
    PageViewRestriction.objects.create(page=translation, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/en/stories/roasting-notes/").content.decode()
    assert "This story is for our members" in html
    assert 'href="/en/accounts/login/?next=%2Fen%2Fstories%2Froasting-notes%2F"' in html
    assert SECRET not in html


def test_member_reads_the_whole_story(client, members_story):
    client.force_login(MemberFactory())
    response = client.get(members_story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET in html
    assert "회원을 위한 이야기입니다" not in html


def test_restriction_on_the_index_covers_its_stories(client, index, members_story):
    PageViewRestriction.objects.all().delete()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(members_story.url).content.decode()
    assert SECRET not in html
    assert "회원을 위한 이야기입니다" in html


def test_password_protected_story_keeps_wagtails_password_form(client, index):
    story = StoryPageFactory(
        parent=index, slug="secret", body=[{"type": "paragraph", "value": f"<p>{SECRET}</p>"}]
    )
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="tea"
    )
    response = client.get(story.url)
    assert SECRET not in response.content.decode()
    assert "회원을 위한 이야기입니다" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_visitor_served_from_the_page_cache_still_gets_only_the_teaser(
    client, members_story, settings
):
    settings.DANGOL_PAGE_CACHE_SECONDS = 60
    client.get(members_story.url)
    html = client.get(members_story.url).content.decode()
    assert SECRET not in html
    member_client = client.__class__()
    member_client.force_login(MemberFactory())
    assert SECRET in member_client.get(members_story.url).content.decode()


def test_a_recommended_members_only_story_shows_its_badge_not_its_body(
    client, index, members_story
):
    public = StoryPageFactory(parent=index, slug="public", related=[members_story])
    html = client.get(public.url).content.decode()
    assert members_story.title in html  # recommended, with its badge
    assert "badge--members" in html
    assert SECRET not in html
