"""What is searchable: one source (adapter) per content type, registered in one place.

A source turns its objects into ``IndexDocument``s, says which objects exist (for ``rebuild``
and ``update``), and names the keys that change when a related object changes (a category's
new name touches every story in it). Adding a content type is writing one source and calling
``registry.register(...)`` in its app's ``ready()``.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models

from .documents import IndexDocument


class SearchSource:
    """Base class of the adapters. ``prefix`` namespaces keys (``"page:12"``)."""

    doc_type: str = ""
    prefix: str = ""
    model: type[models.Model]
    label: Any = ""  # one item, as shown beside a result ("FAQ")
    verbose_name: Any = ""  # the type, as a filter ("FAQs")
    # Other models whose changes alter this source's documents (see ``dependent_keys``).
    depends_on: tuple[type[models.Model], ...] = ()

    def key(self, obj: models.Model) -> str:
        return f"{self.prefix}:{obj.pk}"

    def handles(self, obj: models.Model) -> bool:
        return isinstance(obj, self.model)

    def get(self, object_id: str) -> models.Model | None:
        """The object behind a key, or None when it is gone."""
        raise NotImplementedError

    def objects(self, *, locale: str | None = None) -> Iterable[models.Model]:
        """Every object that should be in the index (in ``locale``, when given)."""
        raise NotImplementedError

    def document(self, obj: models.Model) -> IndexDocument | None:
        """The object's document, or None when it must not be searchable (now)."""
        raise NotImplementedError

    def documents(self, *, locale: str | None = None) -> Iterator[IndexDocument]:
        for obj in self.objects(locale=locale):
            document = self.document(obj)
            if document is not None:
                yield document

    def dependent_keys(self, instance: models.Model) -> list[str]:
        """Keys to refresh when ``instance`` (of another model) has changed."""
        return []


class SourceRegistry:
    def __init__(self) -> None:
        self._sources: dict[str, SearchSource] = {}

    def register(self, source: SearchSource) -> SearchSource:
        if source.doc_type in self._sources:
            raise ValueError(f"A search source for {source.doc_type!r} is already registered.")
        self._sources[source.doc_type] = source
        return source

    def unregister(self, doc_type: str) -> None:
        del self._sources[doc_type]

    def __iter__(self) -> Iterator[SearchSource]:
        return iter(list(self._sources.values()))

    @property
    def types(self) -> list[str]:
        return list(self._sources)

    def get(self, doc_type: str) -> SearchSource:
        return self._sources[doc_type]

    def source_for(self, obj: models.Model) -> SearchSource | None:
        for source in self._sources.values():
            if source.handles(obj):
                return source
        return None

    def key_for(self, obj: models.Model) -> str | None:
        source = self.source_for(obj)
        return source.key(obj) if source else None

    def resolve(self, key: str) -> IndexDocument | None:
        """The current document behind ``key``, or None when it should not be in the index."""
        prefix, _, object_id = key.partition(":")
        source = next((s for s in self._sources.values() if s.prefix == prefix), None)
        obj = source.get(object_id) if source else None
        owner = self.source_for(obj) if obj is not None else None
        return owner.document(obj) if owner else None

    def documents(
        self, *, locale: str | None = None, types: Iterable[str] | None = None
    ) -> Iterator[IndexDocument]:
        wanted = set(types) if types else None
        for source in self._sources.values():
            if wanted is None or source.doc_type in wanted:
                yield from source.documents(locale=locale)

    def dependent_keys(self, instance: models.Model) -> set[str]:
        keys: set[str] = set()
        for source in self._sources.values():
            keys.update(source.dependent_keys(instance))
        return keys


registry = SourceRegistry()
