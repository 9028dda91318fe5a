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
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page.pk
    return faq_short_ids([page.pk]).get(page.pk, page.pk)


def faq_short_ids(page_ids) -> dict[int, int]:
    """The short-link id of each FAQ in ``page_ids`` (ids that are no FAQ are left out), in two
    queries whatever their number."""
    groups = dict(FAQPage.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    source_of_group: dict = {}
    versions = (
        FAQPage.objects.filter(translation_key__in=set(groups.values()))
        .order_by("pk")
        .values_list("pk", "translation_key", "locale__language_code")
    )
    default_language = settings.LANGUAGE_CODE
    for pk, group, language_code in versions:  # the oldest version in the default language wins
        chosen = source_of_group.get(group)
        if chosen is None or (language_code == default_language != chosen[1]):
            source_of_group[group] = (pk, language_code)
    return {pk: source_of_group[group][0] for pk, group in groups.items()}


def faq_short_link(page: FAQPage) -> str:
    """The FAQ's short link, as a path (``/faq/12/``); ``request.build_absolute_uri`` it for
    an absolute address."""
    return short_link_path(faq_short_id(page))


def faq_short_links(page_ids) -> dict[int, str]:
    """The short link of each FAQ in ``page_ids``, as paths, keyed by page id (two queries)."""
    return {pk: short_link_path(short_id) for pk, short_id in faq_short_ids(page_ids).items()}


def short_link_path(short_id: int) -> str:
    return reverse("faq_short_link", kwargs={"pk": short_id})


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
