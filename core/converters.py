"""The ``<id:…>`` path converter for database ids in the site's URLs.

Django's ``<int:…>`` accepts any number of digits, and an id too large for the database's
integer type makes some lookups fail with an error (a 500) instead of finding nothing. An id
has at most 18 digits, which every database compares safely, so a longer one is simply not
a URL of the site (404).
"""

import re

from django.urls import register_converter
from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[0-9]{1,18}"


def register() -> None:
    register_converter(IdConverter, "id")


def parse_id(text: str) -> int | None:
    """A database id sent in a form, by the same rule as in URLs; None when it is not one."""
    return int(text) if re.fullmatch(IdConverter.regex, text) else None
