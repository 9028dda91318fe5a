"""Validation of search parameters, shared by the search page and the JSON API."""

import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .analytics import read_click_token
from .registry import registry

MAX_QUERY_LENGTH = 200
MAX_PAGE = 500
MAX_PAGE_SIZE = 50


def clean_query_text(value: str) -> str:
    query = " ".join(value.split())
    if any(unicodedata.category(char) in {"Cc", "Cs", "Co"} for char in query):
        raise forms.ValidationError(_("The search contains characters that cannot be searched."))
    if len(query) > MAX_QUERY_LENGTH:
        raise forms.ValidationError(
            _("Please shorten your search to %(limit)d characters or fewer."),
            params={"limit": MAX_QUERY_LENGTH},
        )
    return query


class SearchForm(forms.Form):
    """The search page: an empty query is fine (the page then offers help)."""

    q = forms.CharField(required=False, strip=False, label=_("Search"))
    type = forms.CharField(required=False, label=_("Type"))
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={"invalid": _("The page must be a whole number.")},
    )

    def clean_q(self) -> str:
        return clean_query_text(self.cleaned_data["q"])

    def clean_type(self) -> tuple[str, ...]:
        value = self.cleaned_data["type"]
        types = tuple(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
        unknown = [t for t in types if t not in registry.types]
        if unknown:
            raise forms.ValidationError(
                _("Unknown type %(types)s. Choose from: %(choices)s."),
                params={"types": ", ".join(unknown), "choices": ", ".join(registry.types)},
            )
        return types

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1


class ApiSearchForm(SearchForm):
    """``GET /api/search/``: the query is required; the language and page size are chosen."""

    q = forms.CharField(
        required=True,
        strip=False,
        error_messages={"required": _("Type something to search for (parameter q).")},
    )
    locale = forms.ChoiceField(required=False, choices=settings.LANGUAGES)
    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        error_messages={"invalid": _("The page size must be a whole number.")},
    )

    def clean_q(self) -> str:
        query = clean_query_text(self.cleaned_data["q"])
        if not query:
            raise forms.ValidationError(_("Type something to search for (parameter q)."))
        return query

    def clean_page_size(self) -> int:
        return self.cleaned_data["page_size"] or 10


class SuggestForm(forms.Form):
    q = forms.CharField(
        required=True,
        strip=False,
        error_messages={"required": _("Type something to search for (parameter q).")},
    )
    locale = forms.ChoiceField(required=False, choices=settings.LANGUAGES)

    def clean_q(self) -> str:
        query = clean_query_text(self.cleaned_data["q"])
        if not query:
            raise forms.ValidationError(_("Type something to search for (parameter q)."))
        return query


class ClickForm(forms.Form):
    """A click on a search result: the token the results page gave that result."""

    token = forms.CharField(
        max_length=1000,
        error_messages={"required": _("This click has no token and cannot be counted.")},
    )

    def clean_token(self) -> tuple[str, int, str]:
        try:
            return read_click_token(self.cleaned_data["token"])
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                _("This results page is too old for its clicks to count.")
            ) from error
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise forms.ValidationError(_("This click token is not valid.")) from error
