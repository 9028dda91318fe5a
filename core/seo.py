"""What search engines and link previews read about a page, in one place: the meta
description, the social image, OpenGraph and Twitter cards, the canonical URL, hreflang
alternates and JSON-LD (``{% seo_head %}`` in ``base.html`` renders it)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

DESCRIPTION_LENGTH = 160
SOCIAL_IMAGE_FILTER = "fill-1200x630|format-jpeg"
OG_LOCALES = {"ko": "ko_KR", "en": "en_US"}
# The fields that summarise a page, in the order they are tried for its description.
SUMMARY_FIELDS = ("intro", "summary", "short_answer", "hero_text")
# The fields that hold a page's main picture, tried after its social image.
IMAGE_FIELDS = ("hero_image", "image")

# As Django's json_script: "<", ">" and "&" cannot end the script element or start markup.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict[str, Any] | list[dict[str, Any]]) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - every character that could end the element is escaped
        f'<script type="application/ld+json">{text.translate(_JSON_SCRIPT_ESCAPES)}</script>'
    )


def plain(text: str, length: int | None = DESCRIPTION_LENGTH) -> str:
    """Rich text or markup as one line of plain text (entities decoded: templates escape it
    again), cut at ``length`` characters."""
    text = " ".join(html.unescape(strip_tags(expand_db_html(text or ""))).split())
    return Truncator(text).chars(length) if length else text


def description(page: Page) -> str:
    """The page's search description, else its introduction, summary or short answer."""
    for name in ("search_description", *SUMMARY_FIELDS):
        value = getattr(page, name, "")
        if value:
            return plain(value)
    return ""


def social_image(page: Page):
    """The image shown when the page is shared: its social image, else its main picture."""
    for name in ("social_image", *IMAGE_FIELDS):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def absolute(request, url: str) -> str:
    """``url`` with the site's own scheme and host (as in Wagtail's ``get_full_url``), so
    that canonical URLs, alternates and images agree whatever host the request named."""
    if "://" in url:
        return url
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri(url)
    return site.root_url.rstrip("/") + url


def image_url(request, image) -> str:
    return absolute(request, image.get_rendition(SOCIAL_IMAGE_FILTER).url)


@dataclass
class Seo:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    image: str = ""
    image_alt: str = ""
    locale: str = ""
    alternate_locales: list[str] = field(default_factory=list)
    alternates: list[dict[str, str]] = field(default_factory=list)  # hreflang, href
    site_name: str = ""
    json_ld: list[dict[str, Any]] = field(default_factory=list)

    @property
    def json_ld_script(self) -> SafeString:
        return json_ld_script(self.json_ld) if self.json_ld else SafeString("")


def language_home(request) -> Page | None:
    """The active language's home page, shared with ``{% language_home %}`` on the request."""
    from .templatetags.dangol_tags import language_home as language_home_tag

    return language_home_tag({"request": request})


def breadcrumbs(request, page: Page) -> dict[str, Any]:
    """``BreadcrumbList``: from the language's home page down to ``page``."""
    from .page_cache import cached

    trail = cached(
        f"breadcrumbs:{page.path}",
        lambda: list(page.get_ancestors(inclusive=True).filter(depth__gte=2).specific(defer=True)),
    )
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.seo_title or crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def organization(request, home: Page | None) -> dict[str, Any]:
    from .models import BrandSettings

    site = Site.find_for_request(request)
    brand = BrandSettings.for_request(request) if site else None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": home.title if home else settings.WAGTAIL_SITE_NAME,
        "url": home.get_full_url(request) if home else absolute(request, "/"),
        "logo": absolute(request, static("img/favicon.png")),
    }
    if brand is not None:
        same_as = [url for url in (brand.instagram_url, brand.kakao_channel_url) if url]
        if same_as:
            data["sameAs"] = same_as
        if brand.contact_email:
            data["email"] = brand.contact_email
    return data


def _page_json_ld(request, page: Page, seo: Seo, context) -> list[dict[str, Any]]:
    """The page type's own JSON-LD: what ``ld_entity`` of its class (``core.models.BasePage``)
    makes of it; a page type that says nothing has none."""
    ld_entity = getattr(page, "ld_entity", None)
    return ld_entity(request, seo=seo, context=context) if ld_entity is not None else []


def for_page(request, page: Page, alternates: list[dict], context=None) -> Seo:
    """Everything ``{% seo_head %}`` shows for a Wagtail page. ``alternates`` are the
    ``language_alternates`` of the page (which say whether each is a real translation);
    ``context`` is the page's template context, whose lists (a product's gallery) are reused."""
    home = language_home(request)
    image = social_image(page)
    seo = Seo(
        title=page.seo_title or page.title,
        description=description(page),
        canonical=page.get_full_url(request),
        site_name=home.title if home else settings.WAGTAIL_SITE_NAME,
        locale=OG_LOCALES.get(translation.get_language(), translation.get_language()),
    )
    seo.og_type = getattr(page, "og_type", seo.og_type)
    if image is not None:
        seo.image = image_url(request, image)
        seo.image_alt = getattr(image, "default_alt_text", "") or seo.title
    translations = [alternate for alternate in alternates if alternate["is_translation"]]
    seo.alternates = [
        {"hreflang": alternate["code"], "href": absolute(request, alternate["url"])}
        for alternate in translations
    ]
    default = next((a for a in translations if a["code"] == settings.LANGUAGE_CODE), None) or next(
        (a for a in translations if a["is_current"]), None
    )
    if default is not None and len(translations) > 1:
        seo.alternates.append({"hreflang": "x-default", "href": absolute(request, default["url"])})
    seo.alternate_locales = [
        OG_LOCALES.get(a["code"], a["code"]) for a in translations if not a["is_current"]
    ]
    seo.json_ld = _page_json_ld(request, page, seo, context or {})
    if page.depth > 2:
        seo.json_ld.append(breadcrumbs(request, page))
    return seo


def for_view(request, alternates: list[dict], description: str = "") -> Seo:
    """A view that is not a Wagtail page (search, accounts, community): its own address as
    canonical (without the query) and the same path in the other language."""
    home = language_home(request)
    seo = Seo(
        title="",
        description=plain(description),
        canonical=absolute(request, request.path),
        site_name=home.title if home else settings.WAGTAIL_SITE_NAME,
    )
    seo.alternates = [
        {"hreflang": alternate["code"], "href": absolute(request, alternate["url"])}
        for alternate in alternates
    ]
    return seo
