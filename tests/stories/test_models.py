"""Story models: reading time, authors, translation rules."""

import pytest
from wagtail_localize.fields import SynchronizedField, TranslatableField

from stories.factories import AuthorFactory, StoryPageFactory
from stories.models import Author, StoryCategory, StoryIndexPage, StoryPage
from stories.reading_time import reading_minutes
from stories.selectors import story_authors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "language", "minutes"),
    [
        ("", "ko", 1),
        ("가" * 500, "ko", 1),
        ("가" * 501, "ko", 2),
        # Spaces are not read: 1,000 syllables in 250 eojeol of four.
        (" ".join(["가나다라"] * 250), "ko", 2),
        ("가" * 2400, "ko", 5),
        (" ".join(["tea"] * 230), "en", 1),
        (" ".join(["tea"] * 231), "en", 2),
        (" ".join(["tea"] * 1150), "en", 5),
        # English counts words, not characters.
        (" ".join(["roasting"] * 460), "en", 2),
        (" ".join(["roasting"] * 460), "en-gb", 2),
    ],
)
def test_reading_minutes(text, language, minutes):
    assert reading_minutes(text, language) == minutes


def test_reading_time_reads_every_text_block(index):
    paragraph = "<p>" + "가" * 400 + "</p>"
    story = StoryPageFactory(
        parent=index,
        body=[
            {"type": "heading", "value": {"text": "나" * 100}},
            {"type": "paragraph", "value": paragraph},
            {"type": "quote", "value": {"quote": "다" * 100, "attribution": ""}},
        ],
    )
    # 600 characters of text (markup is not read): two minutes in Korean.
    assert story.reading_time() == 2
    assert "<p>" not in story.body_text()


def test_reading_time_in_english(index, english_index):
    story = StoryPageFactory(
        parent=index, body=[{"type": "paragraph", "value": "<p>" + "tea " * 690 + "</p>"}]
    )
    translation = story.copy_for_translation(english_index.locale)
    assert translation.reading_time() == 3  # 690 words at 230 a minute
    assert story.reading_time() == 5  # 2,070 characters without the spaces, 500 a minute


def test_story_page_shows_reading_time_and_authors(client, index, korean, image):
    first = AuthorFactory(name="박소담", role="로스터", locale=korean, photo=image)
    second = AuthorFactory(name="이하늘", role="", locale=korean)
    story = StoryPageFactory(
        parent=index,
        authors=[second, first],
        body=[{"type": "paragraph", "value": "<p>" + "가" * 1200 + "</p>"}],
    )
    html = client.get(story.url).content.decode()
    assert "3분 분량" in html
    assert html.index("이하늘") < html.index("박소담")  # the editor's order
    assert "로스터" in html


def test_authors_are_shown_in_the_story_language(index, english_index, korean, english):
    author = AuthorFactory(name="박소담", role="로스터", locale=korean)
    english_author = author.copy_for_translation(english)
    english_author.name = "Park Sodam"
    english_author.save()
    untranslated = AuthorFactory(name="이하늘", locale=korean)
    story = StoryPageFactory(parent=index, authors=[author, untranslated])
    translation = story.copy_for_translation(english)
    translation.save_revision().publish()
    translation = StoryPage.objects.get(pk=translation.pk)
    assert [a.name for a in story_authors(story=translation)] == ["Park Sodam", "이하늘"]
    assert [a.name for a in story_authors(story=story)] == ["박소담", "이하늘"]


def _declared(model) -> dict[str, type]:
    return {field.field_name: type(field) for field in model.translatable_fields}


def test_every_field_of_the_story_models_has_a_translation_rule():
    own_fields = {
        StoryPage: [
            "intro",
            "hero_image",
            "category",
            "tagged_items",
            "date",
            "featured",
            "story_authors",
            "body",
            "related_links",
        ],
        StoryIndexPage: ["intro"],
        Author: ["name", "role", "photo"],
        StoryCategory: ["name", "slug", "description"],
    }
    for model, fields in own_fields.items():
        declared = _declared(model)
        assert set(fields) <= set(declared), model
    assert _declared(StoryPage)["body"] is TranslatableField
    assert _declared(StoryPage)["featured"] is SynchronizedField
    assert _declared(Author)["name"] is TranslatableField


def test_a_korean_title_gets_a_romanised_slug_even_when_the_admin_left_only_dashes(index):
    # The admin drops what is not ASCII when it fills the slug from a Korean title.
    story = StoryPageFactory(parent=index, title="목요일 아침의 로스터리", slug="--")
    assert story.slug == "mogyoil-achimui-loseuteoli"
    assert StoryPageFactory(parent=index, title="Tea", slug="tea-time").slug == "tea-time"
