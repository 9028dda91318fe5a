"""``manage.py import_articles``: stories and FAQs from Markdown or text, re-imports update,
bad files are reported and skipped, and the exit status says whether everything worked."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stories.factories import (
    FAQCategoryPageFactory,
    KnowledgeBasePageFactory,
    StoryCategoryFactory,
    StoryIndexPageFactory,
)
from stories.models import FAQPage, StoryPage

pytestmark = pytest.mark.django_db

STORY = """---
title: 목요일은 로스팅 데이
slug: roasting-thursday
category: behind-the-scenes
tags: [로스팅, 호지차]
date: 2024-03-01
---
매주 목요일 아침, 우리는 **찻잎**을 볶습니다.

## 준비

- 찻잎
- [불 조절](https://example.com/fire)

<script>alert(1)</script> *끝*.
"""

FAQ = """---
kind: faq
question: 호지차는 얼마나 보관하나요?
slug: hojicha-storage
---
밀봉하면 6개월입니다.

## 보관 장소

서늘하고 **어두운** 곳에 두세요.
"""


@pytest.fixture
def sections(home):
    index = StoryIndexPageFactory(parent=home)
    knowledge_base = KnowledgeBasePageFactory(parent=home)
    first = FAQCategoryPageFactory(parent=knowledge_base, slug="ordering")
    FAQCategoryPageFactory(parent=knowledge_base, slug="brewing")
    StoryCategoryFactory(slug="behind-the-scenes", name="비하인드")
    return index, first


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_a_markdown_story_with_front_matter(tmp_path, sections):
    index, _ = sections
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    out, err, error = run(tmp_path / "story.md", "--publish")
    assert error is None, err
    story = StoryPage.objects.get(slug="roasting-thursday")
    assert story.live and story.get_parent().pk == index.pk
    assert story.title == "목요일은 로스팅 데이"
    assert story.intro == "매주 목요일 아침, 우리는 찻잎을 볶습니다."
    assert str(story.date) == "2024-03-01"
    assert story.category.slug == "behind-the-scenes"
    assert sorted(tag.name for tag in story.tags.all()) == ["로스팅", "호지차"]
    assert [block.block_type for block in story.body] == ["heading", "paragraph"]
    assert story.body[0].value["text"] == "준비"
    html = story.body[1].value.source
    assert '<a href="https://example.com/fire">불 조절</a>' in html
    assert "<ul>" in html and "<i>끝</i>" in html
    assert "<script>" not in html
    assert "Created 1, updated 0, failed 0 of 1 files." in out


def test_a_faq_goes_into_the_first_category(tmp_path, sections):
    _, first = sections
    (tmp_path / "faq.md").write_text(FAQ, encoding="utf-8")
    out, err, error = run(tmp_path / "faq.md")
    assert error is None, err
    faq = FAQPage.objects.get(slug="hojicha-storage")
    assert not faq.live  # a draft without --publish
    assert faq.get_parent().pk == first.pk
    assert faq.title == "호지차는 얼마나 보관하나요?"
    assert faq.short_answer == "밀봉하면 6개월입니다."
    assert faq.answer == "<h3>보관 장소</h3>\n<p>서늘하고 <b>어두운</b> 곳에 두세요.</p>"


def test_plain_text_without_front_matter_and_a_directory_walk(tmp_path, sections):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "one.txt").write_text(
        "\n첫 번째 글\n\n첫 문단입니다.\n\n둘째 문단입니다.\n", encoding="utf-8"
    )
    (tmp_path / "blog" / "notes.pdf").write_bytes(b"%PDF")  # not an article: not read
    out, err, error = run(tmp_path / "blog", "--parent", "stories", "--publish")
    assert error is None, err
    story = StoryPage.objects.get(title="첫 번째 글")
    assert story.slug == "cheos-beonjjae-geul"
    assert story.intro == "첫 문단입니다."
    assert [block.value.source for block in story.body] == ["<p>둘째 문단입니다.</p>"]


def test_importing_again_updates_instead_of_duplicating(tmp_path, sections):
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8")
    run(path, "--publish")
    path.write_text(STORY.replace("목요일은 로스팅 데이", "금요일은 시음회"), encoding="utf-8")
    out, err, error = run(path, "--publish")
    assert error is None, err
    assert StoryPage.objects.filter(slug="roasting-thursday").count() == 1
    assert StoryPage.objects.get(slug="roasting-thursday").title == "금요일은 시음회"
    assert "Created 0, updated 1, failed 0 of 1 files." in out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe\x00bad", "not UTF-8 text"),
        (b"   \n\n", "the file is empty"),
        (b"---\nkind: recipe\n---\nTitle\n\nText", "unknown kind 'recipe' (story or faq)"),
        (b"---\ntitle: [unclosed\n---\nText", "broken front matter"),
        (b"---\ntitle: no end\nText", "broken front matter: no closing `---` line"),
        (b"---\n- a\n- b\n---\nTitle\n\nText", "broken front matter"),
        (b"---\ndate: yesterday\n---\nTitle\n\nText", "bad date 'yesterday'"),
        (b"---\ndate: 2024-13-45\n---\nTitle\n\nText", "broken front matter: month must be"),
        (b"---\nlocale: fr\n---\nTitle\n\nText", "unknown locale 'fr'"),
        ("제목만 있어요\n".encode(), "the article has a title but no text"),
    ],
)
def test_a_bad_file_is_reported_and_skipped(tmp_path, sections, content, reason):
    (tmp_path / "a-good.md").write_text(STORY, encoding="utf-8")
    bad = tmp_path / "b-bad.md"
    bad.write_bytes(content)
    out, err, error = run(tmp_path, "--publish")
    assert error is not None  # a non-zero exit
    assert f"failed: {bad}: {reason}" in err
    assert StoryPage.objects.filter(slug="roasting-thursday").exists()  # the rest imported
    assert "Created 1, updated 0, failed 1 of 2 files." in out


def test_markup_characters_in_plain_fields_are_stored_as_typed(tmp_path, sections):
    (tmp_path / "faq.md").write_text(
        FAQ.replace("밀봉하면 6개월입니다.", "물 < 90도 & 1분 > 2분"), encoding="utf-8"
    )
    out, err, error = run(tmp_path / "faq.md")
    assert error is None, err
    assert FAQPage.objects.get(slug="hojicha-storage").short_answer == "물 < 90도 & 1분 > 2분"


def test_a_reimport_with_a_parent_leaves_a_namesake_elsewhere_alone(tmp_path, sections):
    (tmp_path / "faq.md").write_text(FAQ, encoding="utf-8")
    run(tmp_path / "faq.md", "--parent", "ordering")
    (tmp_path / "faq.md").write_text(FAQ.replace("6개월", "1년"), encoding="utf-8")
    out, err, error = run(tmp_path / "faq.md", "--parent", "brewing")
    assert error is None, err
    by_category = {
        faq.get_parent().slug: faq.short_answer
        for faq in FAQPage.objects.filter(slug="hojicha-storage")
    }
    assert by_category == {"ordering": "밀봉하면 6개월입니다.", "brewing": "밀봉하면 1년입니다."}


def test_a_missing_parent_is_a_failure(tmp_path, home):
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    out, err, error = run(tmp_path / "story.md")
    assert error is not None
    assert "no story index in ko yet" in err
    assert not StoryPage.objects.exists()


def test_no_files_at_all(tmp_path, home):
    with pytest.raises(CommandError, match="No Markdown or text files"):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO())


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_progress_and_a_pipe_does_not(tmp_path, sections):
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    terminal = Terminal()
    call_command("import_articles", str(tmp_path), stdout=terminal, stderr=io.StringIO())
    assert "[1/1]" in terminal.getvalue()
    out, _err, _error = run(tmp_path)
    assert "[1/1]" not in out
