"""Reads of the community guidelines page: its address and its rules, in a language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from .models import GuidelinesPage


def guidelines_page(language: str | None = None) -> GuidelinesPage | None:
    """The live guidelines page in ``language`` (the active one by default), or in the site's
    default language when it has no translation."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = {
        page.locale.language_code: page
        for page in GuidelinesPage.objects.live().select_related("locale")
    }
    return (
        pages.get(language) or pages.get(settings.LANGUAGE_CODE) or next(iter(pages.values()), None)
    )


def rule_choices() -> list[tuple[str, str]]:
    """(code, rule) of every rule, in the active language, for moderators' forms."""
    page = guidelines_page()
    return [(rule["code"], rule["title"]) for rule in page.rule_list()] if page else []


def rule_for(code: str, language: str | None = None) -> dict | None:
    """The rule with this code, in ``language`` when translated."""
    page = guidelines_page(language)
    if page is None:
        return None
    return next((rule for rule in page.rule_list() if rule["code"] == code), None)
