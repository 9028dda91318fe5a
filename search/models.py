import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable item in one language, as the embedded backend stores it.

    The raw text serves snippets; the ``*_terms`` columns hold the analysed terms that the
    database's full-text index reads (an FTS5 table on SQLite, a generated ``tsvector``
    column on PostgreSQL, both created by migration 0002).
    """

    # Small columns first: SQLite reads a row from its start, and a column stored after the
    # long texts costs extra page reads for every match when facets are counted.
    key = models.CharField(max_length=64, unique=True)
    doc_type = models.CharField(max_length=20, db_index=True)
    locale = models.CharField(max_length=10, db_index=True)
    audience = models.CharField(max_length=10, default="public")
    category = models.CharField(max_length=255, blank=True)
    product = models.CharField(max_length=255, blank=True)
    date = models.DateField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64)
    indexed_at = models.DateTimeField(auto_now=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    parent_title = models.CharField(max_length=255, blank=True)
    parent_url = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    title_prefix = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["locale", "doc_type"], name="search_doc_locale_type")]

    def __str__(self) -> str:
        return f"{self.key} ({self.locale})"


class SearchTerm(models.Model):
    """The vocabulary of the embedded index, per language: where "did you mean" looks."""

    locale = models.CharField(max_length=10)
    term = models.CharField(max_length=100)
    length = models.PositiveSmallIntegerField()
    documents = models.IntegerField(default=0)
    surface = models.CharField(max_length=100, help_text="A word as written that gives the term.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "term"], name="unique_search_term"),
        ]
        indexes = [models.Index(fields=["locale", "length"], name="search_term_length")]

    def __str__(self) -> str:
        return self.term


class PendingIndexUpdate(models.Model):
    """A change Elasticsearch could not take; replayed when the cluster answers again."""

    key = models.CharField(max_length=64, unique=True)
    queued_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.key


class SearchQuery(models.Model):
    """One search as a visitor typed it: the text and what it found, never who asked.

    Rows are written in batches some time after the search (``search.analytics``): ``event``
    names the search from the moment it happens, for the clicks on its results, and
    ``searched_at`` is when it happened, not when it was written."""

    event = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    query = models.CharField(max_length=200, db_index=True)
    locale = models.CharField(max_length=10)
    results = models.PositiveIntegerField()
    searched_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        permissions = [
            ("view_search_analytics", _("Can see what visitors search for")),
            ("use_faq_finder", _("Can use the FAQ finder")),
        ]

    def __str__(self) -> str:
        return self.query


class SearchClick(models.Model):
    """A visitor opened a result of a logged search (once per result and search).

    It refers to its search by ``event`` without a database constraint: a click may be
    written before its search, which another process may still hold in its batch."""

    search = models.ForeignKey(
        SearchQuery,
        on_delete=models.CASCADE,
        related_name="clicks",
        to_field="event",
        db_constraint=False,
    )
    url = models.CharField(max_length=500)
    position = models.PositiveSmallIntegerField()
    clicked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "position"], name="one_click_per_result"),
        ]

    def __str__(self) -> str:
        return self.url
