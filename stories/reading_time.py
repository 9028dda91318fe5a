"""How long a story takes to read.

Korean is read at about 500 characters a minute (characters, not words: a Korean "word" is an
eojeol of several syllables, and spaces are not counted); English at about 230 words a minute.
"""

import math

KOREAN_CHARACTERS_PER_MINUTE = 500
ENGLISH_WORDS_PER_MINUTE = 230


def reading_minutes(text: str, language: str) -> int:
    """Whole minutes (at least one) to read ``text`` written in ``language`` ("ko" or "en")."""
    if language.split("-")[0] == "ko":
        amount = sum(1 for character in text if not character.isspace())
        per_minute = KOREAN_CHARACTERS_PER_MINUTE
    else:
        amount = len(text.split())
        per_minute = ENGLISH_WORDS_PER_MINUTE
    return max(1, math.ceil(amount / per_minute))
