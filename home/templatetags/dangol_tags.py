"""Site-wide template tags: the language home, main navigation and language alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


def _request_cache(request, key, compute):
    cache = request.__dict__.setdefault("_dangol_tag_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@register.simple_tag(takes_context=True)
def language_home(context):
    """The home page of the active language (the site's root page or its translation)."""
    request = context["request"]

    def compute():
        site = Site.find_for_request(request)
        return site.root_page.localized if site else None

    return _request_cache(request, "language_home", compute)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The section pages shown in the header, in the active language."""
    request = context["request"]
    home = language_home(context)

    def compute():
        if home is None:
            return []
        return list(home.get_children().live().in_menu().specific(defer=True))

    return _request_cache(request, "main_menu", compute)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """For each language: the URL of this page in that language, and whether it exists.

    On a Wagtail page, the translation when one is live, otherwise that language's home page;
    on any other view, the same path under the other language prefix.
    """
    request = context["request"]
    page = context.get("page")

    def compute():
        current = translation.get_language()
        alternates = []
        if isinstance(page, Page):
            translations = {
                p.locale.language_code: p
                for p in page.get_translations(inclusive=True).live().select_related("locale")
            }
            site = Site.find_for_request(request)
            homes = {
                p.locale.language_code: p
                for p in site.root_page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            }
        for code, name in settings.LANGUAGES:
            if isinstance(page, Page):
                target = translations.get(code)
                url = target.get_url(request) if target else None
                exists = target is not None
                if url is None and code in homes:
                    url = homes[code].get_url(request)
            else:
                url = translate_url(request.get_full_path(), code)
                exists = True
            if url:
                alternates.append(
                    {
                        "code": code,
                        "name": name,
                        "url": url,
                        "is_current": code == current,
                        "is_translation": exists,
                    }
                )
        return alternates

    return _request_cache(request, "language_alternates", compute)


@register.filter
def is_within(page, section) -> bool:
    """Whether ``page`` is ``section`` or one of its descendants."""
    return isinstance(page, Page) and page.path.startswith(section.path)
