"""The analyser turns Korean and English text into the terms a reader would search for."""

import pytest

from search.analysis import analyse, display_form, query_terms, strip_particle, terms
from search.highlight import highlight
from search.synonyms import expand


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("커뮤니티를", ["커뮤니티"]),  # the object particle is dropped
        ("단골은", ["단골"]),
        ("고객이", ["고객"]),
        ("리뷰는", ["리뷰"]),
        ("가짜리뷰", ["가짜", "리뷰"]),  # a compound is found by its parts
        ("배송은 얼마나 걸리나요?", ["배송", "걸리"]),  # endings and adverbs dropped
    ],
)
def test_korean_words_become_their_stems(text, expected):
    assert terms(text) == expected


def test_compounds_are_indexed_whole_and_by_parts_but_queried_by_parts():
    assert terms("첫물녹차") == ["첫물", "첫", "물", "녹차"]
    assert query_terms("첫물녹차") == ["첫", "물", "녹차"]


def test_english_is_stemmed_and_stopwords_dropped():
    assert terms("How long does delivery take?") == ["long", "deliveri", "take"]
    assert terms("deliveries") == terms("delivery")
    assert terms("Roasting") == ["roast"]


def test_mixed_korean_and_english_in_one_text():
    assert terms("호지차 latte") == ["호지", "차", "latt"]


def test_full_width_letters_are_normalised():
    assert terms("ＨＯＪＩＣＨＡ") == ["hojicha"]


def test_spans_point_into_the_displayed_text():
    text = "단골이 만드는 가게"
    shown = display_form(text)
    assert [shown[t.start : t.end] for t in analyse(text)] == ["단골", "만드", "가게"]


def test_strip_particle_keeps_short_words():
    assert strip_particle("커뮤니티를") == ("커뮤니티", "를")
    assert strip_particle("배숑은") == ("배숑", "은")
    assert strip_particle("차") == ("차", "")


def test_synonyms_expand_query_terms():
    assert ("후기",) in expand("리뷰")
    assert ("호지", "차") in expand("hojicha")
    assert expand("단골") == [("단골",)]


def test_highlight_marks_matched_words_and_escapes_text():
    html = highlight("<b>단골</b>들이 먼저 답해 줍니다", {"단골"})
    assert html == "&lt;b&gt;<mark>단골</mark>&lt;/b&gt;들이 먼저 답해 줍니다"


def test_highlight_shows_a_window_around_the_first_match():
    text = "차 " * 200 + "여기에 단골 이야기가 있습니다. " + "끝 " * 200
    html = highlight(text, {"단골"})
    assert "<mark>단골</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 300


@pytest.mark.parametrize(
    ("word", "dropped"),
    [
        ("배숑", True),
        ("배송은", False),
        ("가짜리뷰", False),
        ("커뮤니티를", False),
        ("delivery", False),
    ],
)
def test_a_word_the_analyser_only_partly_keeps_looks_like_a_typo(word, dropped):
    from search.analysis import analysis_drops_syllables

    assert analysis_drops_syllables(word) is dropped
