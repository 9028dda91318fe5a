"""The demo's stories show what editors can do: every category, authors, every block type, a
featured story and a members-only one, in both languages."""

from collections import Counter

import pytest
from wagtail.models import PageViewRestriction

from stories.blocks import StoryBodyBlock
from stories.models import StoryCategory, StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_site):
    pass


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_category_has_stories_with_authors(language):
    stories = StoryPage.objects.live().filter(locale__language_code=language)
    for category in StoryCategory.objects.filter(locale__language_code=language):
        assert stories.filter(category=category).exists(), category
    for story in stories:
        assert story.story_authors.exists(), story
    assert stories.filter(featured=True).count() == 1


def test_the_demo_uses_every_block_type_several_times():
    used = Counter()
    for story in StoryPage.objects.filter(locale__language_code="ko"):
        used.update(block.block_type for block in story.body)
    assert set(used) == set(StoryBodyBlock().child_blocks)
    assert min(used.values()) >= 2, used


def test_one_story_is_for_members_only_in_both_languages(client):
    restricted = StoryPage.objects.filter(
        pk__in=PageViewRestriction.objects.filter(
            restriction_type=PageViewRestriction.LOGIN
        ).values("page")
    )
    assert sorted(story.locale.language_code for story in restricted) == ["en", "ko"]
    for story in restricted:
        html = client.get(story.url).content.decode()
        assert story.intro in html
        assert "story-body" not in html


def test_the_featured_story_leads_the_index(client):
    featured = StoryPage.objects.get(featured=True, locale__language_code="en")
    response = client.get("/en/stories/")
    assert response.context["stories"][0].pk == featured.pk


def test_spotlight_story_shows_two_members_reviews(client):
    html = client.get("/ko/stories/regulars-of-the-month/").content.decode()
    assert html.count('class="story-body__spotlight"') == 2
    assert html.count("커뮤니티에서 읽기") == 2
