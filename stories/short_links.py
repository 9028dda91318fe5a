"""Stable short links to FAQs: ``/faq/<id>/``, whatever the FAQ's slug or language.

The id is the page id of the FAQ's source (the version in the site's default language, or the
oldest version when there is none), so one FAQ has one link in every language. Any page id of
the FAQ's translations is accepted as well: links pasted with another version's id keep working.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .models import FAQPage


def faq_short_id(page: FAQPage) -> int:
    """The id in the FAQ's short link (no query when ``page`` is in the default language)."""
    default_language = settings.LANGUAGE_CODE
    if page.locale.language_code == default_language:
        return page.pk
    versions = list(
        FAQPage.objects.filter(translation_key=page.translation_key)
        .order_by("pk")
        .values_list("pk", "locale__language_code")
    )
    for pk, language_code in versions:
        if language_code == default_language:
            return pk
    return versions[0][0] if versions else page.pk


def faq_short_link(page: FAQPage) -> str:
    """The FAQ's short link, as a path (``/faq/12/``); ``request.build_absolute_uri`` it for
    an absolute address."""
    return reverse("faq_short_link", kwargs={"pk": faq_short_id(page)})


def faq_for_short_id(pk: int, *, language: str | None = None) -> FAQPage | None:
    """The live, public FAQ a short link leads to: the version in ``language`` (the active
    language by default), else the one in the default language, else any; ``None`` when the
    id is unknown or no version is published."""
    group = FAQPage.objects.filter(pk=pk).values_list("translation_key", flat=True).first()
    if group is None:
        return None
    versions = list(
        FAQPage.objects.live()
        .public()
        .filter(translation_key=group)
        .select_related("locale")
        .order_by("pk")
    )
    if not versions:
        return None
    active = (language or translation.get_language() or "").split("-")[0]
    preferences = [active, settings.LANGUAGE_CODE]
    for preferred in preferences:
        for version in versions:
            if version.locale.language_code == preferred:
                return version
    return versions[0]
