"""Site-wide template tags: the language home, main navigation and language alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from core.page_cache import cached

register = template.Library()


def _request_cache(request, key, compute):
    cache = request.__dict__.setdefault("_dangol_tag_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _home_translations(request) -> dict[str, Page]:
    """The site's live home page in each language, by language code (cached until content
    changes)."""

    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return {}
        return cached(
            f"home-translations:{site.pk}",
            lambda: {
                page.locale.language_code: page
                for page in site.root_page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            },
        )

    return _request_cache(request, "home_translations", compute)


@register.simple_tag(takes_context=True)
def language_home(context):
    """The home page of the active language (the site's root page or its translation)."""
    request = context["request"]

    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return None
        return _home_translations(request).get(translation.get_language(), site.root_page)

    return _request_cache(request, "language_home", compute)


def section_pages(request, home: Page) -> list[Page]:
    """The live children of a home page, specific but with their own fields deferred; the
    header's menu and the home page's section links share them (cached until content
    changes)."""
    return _request_cache(
        request,
        f"section_pages:{home.pk}",
        lambda: cached(
            f"section-pages:{home.pk}",
            lambda: list(home.get_children().live().specific(defer=True)),
        ),
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The section pages shown in the header, in the active language."""
    request = context["request"]
    home = language_home(context)
    if home is None:
        return []
    return [page for page in section_pages(request, home) if page.show_in_menus]


def live_translations(page: Page) -> dict[str, Page]:
    """The live versions of ``page`` in each language, by language code (``page`` included
    when live; cached until content changes)."""
    return cached(
        f"live-translations:{page.translation_key}",
        lambda: {
            p.locale.language_code: p
            for p in Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
            .order_by("path")
        },
    )


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
            homes = _home_translations(request)
            if any(home.translation_key == page.translation_key for home in homes.values()):
                translations = homes  # a home page: its translations are the homes
            else:
                translations = live_translations(page)
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
