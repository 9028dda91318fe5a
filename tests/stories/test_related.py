"""Related stories and the story page's query budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.factories import PostFactory
from stories.factories import AuthorFactory, StoryCategoryFactory, StoryPageFactory
from stories.models import StoryPage
from stories.selectors import related_stories

from .conftest import every_block

pytestmark = pytest.mark.django_db


def _titles(stories) -> list[str]:
    return [story.title for story in stories]


def test_editor_chosen_stories_come_in_the_editors_order(index):
    first = StoryPageFactory(parent=index, title="첫째")
    second = StoryPageFactory(parent=index, title="둘째")
    StoryPageFactory(parent=index, title="태그만 같은 이야기", tags=["hojicha"])
    story = StoryPageFactory(parent=index, tags=["hojicha"], related=[second, first])
    assert _titles(related_stories(story=story)) == ["둘째", "첫째"]


def test_editor_chosen_unpublished_story_is_left_out(index):
    gone = StoryPageFactory(parent=index, title="내린 이야기")
    kept = StoryPageFactory(parent=index, title="남은 이야기")
    story = StoryPageFactory(parent=index, related=[gone, kept])
    gone.unpublish()
    assert _titles(related_stories(story=story)) == ["남은 이야기"]


def test_otherwise_shared_tags_then_category(index, category, korean):
    other = StoryCategoryFactory(name="가이드", slug="guides", locale=korean)
    story = StoryPageFactory(parent=index, category=category, tags=["hojicha", "jeju", "roast"])
    StoryPageFactory(parent=index, title="태그 하나", category=other, tags=["jeju"])
    StoryPageFactory(parent=index, title="태그 둘", category=other, tags=["hojicha", "roast"])
    StoryPageFactory(parent=index, title="태그 하나와 분류", category=category, tags=["roast"])
    StoryPageFactory(parent=index, title="분류만", category=category)
    StoryPageFactory(parent=index, title="관계없음", category=other, tags=["green"])
    assert _titles(related_stories(story=story, limit=4)) == [
        "태그 둘",
        "태그 하나와 분류",
        "태그 하나",
        "분류만",
    ]
    assert story.title not in _titles(related_stories(story=story, limit=10))


def test_no_tags_and_no_category_means_no_related_stories(index):
    StoryPageFactory(parent=index)
    assert related_stories(story=StoryPageFactory(parent=index)) == []


def test_related_stories_stay_in_the_story_language(index, english_index, english, category):
    story = StoryPageFactory(parent=index, tags=["hojicha"])
    neighbour = StoryPageFactory(parent=index, title="이웃", tags=["hojicha"])
    chosen_story = StoryPageFactory(parent=index, related=[neighbour], tags=["x"])
    for page in (story, neighbour, chosen_story):
        translation = page.copy_for_translation(english)
        translation.title = f"EN {page.title}"
        translation.save_revision().publish()
    english_story = StoryPage.objects.get(translation_key=story.translation_key, locale=english)
    assert _titles(related_stories(story=english_story)) == ["EN 이웃"]
    english_chosen = StoryPage.objects.get(
        translation_key=chosen_story.translation_key, locale=english
    )
    # The editor chose the Korean page; the English story recommends its translation.
    assert _titles(related_stories(story=english_chosen)) == ["EN 이웃"]


def test_related_stories_query_count_is_independent_of_the_number_of_stories(
    index, category, image, django_assert_num_queries
):
    story = StoryPageFactory(parent=index, category=category, tags=["a", "b"])
    for _number in range(3):
        StoryPageFactory(parent=index, category=category, tags=["a"], hero_image=image)
    with CaptureQueriesContext(connection) as few:
        related_stories(story=StoryPage.objects.get(pk=story.pk))
    for _number in range(20):
        StoryPageFactory(parent=index, category=category, tags=["a", "b"], hero_image=image)
    with django_assert_num_queries(len(few)):
        related_stories(story=StoryPage.objects.get(pk=story.pk))


def _story_page_queries(client, url) -> int:
    client.get(url)  # renditions are made on the first visit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _rich_story(index, *, copies, image, product, faq, post, authors, related, category):
    return StoryPageFactory(
        parent=index,
        category=category,
        hero_image=image,
        tags=["hojicha", "roast"],
        authors=authors,
        related=related,
        body=every_block(image=image, product=product, faq=faq, post=post) * copies,
    )


def test_story_page_query_count_is_independent_of_blocks_and_related_items(
    client, index, category, image, product, faq, approved_post, korean, member
):
    authors = [AuthorFactory(locale=korean, photo=image) for _ in range(4)]
    others = [StoryPageFactory(parent=index, hero_image=image) for _ in range(4)]
    small = _rich_story(
        index,
        copies=1,
        image=image,
        product=product,
        faq=faq,
        post=approved_post,
        authors=authors[:1],
        related=others[:1],
        category=category,
    )
    big = _rich_story(
        index,
        copies=4,
        image=image,
        product=product,
        faq=faq,
        post=PostFactory(page=product, user=member),
        authors=authors,
        related=others,
        category=category,
    )
    small_count = _story_page_queries(client, small.url)
    assert _story_page_queries(client, big.url) == small_count


def test_a_plain_story_page_stays_within_its_query_budget(
    client, index, category, image, korean, django_assert_max_num_queries
):
    story = StoryPageFactory(
        parent=index,
        category=category,
        hero_image=image,
        tags=["hojicha"],
        authors=[AuthorFactory(locale=korean, photo=image)],
        body=[
            {"type": "heading", "value": {"text": "제목"}},
            {"type": "paragraph", "value": "<p>본문</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "찻잎", "caption": ""}},
        ],
    )
    StoryPageFactory(parent=index, category=category, tags=["hojicha"], hero_image=image)
    client.get(story.url)
    # The site, the locale, the home page, the story with its category and pictures, the body's
    # images (two), the renditions of the authors' and related stories' pictures and the thread
    # (two); the site settings, privacy, menus, tags, authors and related stories are cached
    # until content changes (core.page_cache).
    with django_assert_max_num_queries(12):
        client.get(story.url)
