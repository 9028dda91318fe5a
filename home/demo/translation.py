"""Translating demo content through wagtail-localize, as an editor would in its editor.

The Korean original is published first; the English values (same shape) are then imported as
the translation's strings, so the English pages are real wagtail-localize translations that
editors can sync and edit in the admin.
"""

import copy
from typing import Any

from django.db import models
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _strings(instance: models.Model) -> list[StringSegmentValue]:
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def translate(instance: models.Model, english: dict[str, Any], *, locale: Locale, user=None):
    """Create (or return) the translation of ``instance`` into ``locale`` with ``english``'s
    field values, published. ``english`` maps field names to values of the same shape as the
    original's (for a StreamField, blocks with the same ids)."""
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing

    translated_copy = copy.copy(instance)
    for name, value in english.items():
        setattr(translated_copy, name, value)
    source_strings, target_strings = _strings(instance), _strings(translated_copy)
    source_paths = [s.path for s in source_strings]
    if source_paths != [s.path for s in target_strings]:
        raise ValueError(f"The English text of {instance!r} does not have the Korean shape.")
    by_source = {
        (source.path, source.string.data): target.string.data
        for source, target in zip(source_strings, target_strings, strict=True)
    }

    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = by_source[(entry.msgctxt, entry.msgid)]
    translation.import_po(po)
    if isinstance(instance, DraftStateMixin):
        # wagtail-localize would publish on commit, from an object that goes stale when the
        # page gets translated children in the same transaction; publish the revision now.
        translation.save_target(user=user, publish=False)
        translated = instance.get_translation(locale)
        translated.get_latest_revision().publish(user=user)
        return instance.get_translation(locale)
    translation.save_target(user=user, publish=True)
    return instance.get_translation(locale)
