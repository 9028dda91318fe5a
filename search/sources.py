"""The searchable content types of the stories app: stories, products and FAQs."""

from collections.abc import Iterable, Iterator

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import get_text_for_indexing

from stories.models import FAQCategoryPage, FAQPage, ProductPage, StoryCategory, StoryPage

from .documents import MEMBERS, PUBLIC, IndexDocument
from .registry import SearchSource

Restrictions = list[tuple[str, str]]  # (page path, restriction type)


def view_restrictions() -> Restrictions:
    return list(PageViewRestriction.objects.values_list("page__path", "restriction_type"))


def page_audience(page: Page, restrictions: Restrictions) -> str | None:
    """Who may find the page: everyone, members (a login restriction), or nobody (a password
    or group restriction makes a page private, which search never shows)."""
    audience = PUBLIC
    for path, restriction_type in restrictions:
        if page.path.startswith(path):
            if restriction_type != PageViewRestriction.LOGIN:
                return None
            audience = MEMBERS
    return audience


class PageSource(SearchSource):
    """Live pages of one type; every page source shares the ``page:<id>`` keys."""

    prefix = "page"
    model: type[Page]

    def get(self, object_id: str) -> Page | None:
        if not object_id.isdigit():
            return None
        page = Page.objects.filter(pk=int(object_id)).first()
        return page.specific if page is not None else None

    def queryset(self) -> models.QuerySet:
        return self.model.objects.live().select_related("locale")

    def objects(self, *, locale: str | None = None) -> Iterable[Page]:
        queryset = self.queryset()
        if locale:
            queryset = queryset.filter(locale__language_code=locale)
        return queryset.order_by("path")

    def documents(self, *, locale: str | None = None) -> Iterator[IndexDocument]:
        restrictions = view_restrictions()
        for page in self.objects(locale=locale):
            document = self._document(page, restrictions)
            if document is not None:
                yield document

    def document(self, obj: models.Model) -> IndexDocument | None:
        return self._document(obj, view_restrictions())

    def _document(self, page: Page, restrictions: Restrictions) -> IndexDocument | None:
        if not page.live or page.expired:
            return None
        audience = page_audience(page, restrictions)
        url = page.get_url()
        if audience is None or not url:
            return None
        return IndexDocument(
            key=self.key(page),
            doc_type=self.doc_type,
            locale=page.locale.language_code,
            title=page.title,
            url=url,
            audience=audience,
            **self.fields(page),
        )

    def fields(self, page) -> dict:
        raise NotImplementedError


class StorySource(PageSource):
    doc_type = "story"
    model = StoryPage
    label = _("Story")
    verbose_name = _("Stories")
    depends_on = (StoryCategory,)

    def queryset(self) -> models.QuerySet:
        return super().queryset().select_related("category").prefetch_related("tags")

    def fields(self, page: StoryPage) -> dict:
        body = page.body.stream_block.get_searchable_content(page.body)
        tags = " ".join(tag.name for tag in page.tags.all())
        return {
            "summary": page.intro,
            "body": "\n".join([*body, tags]).strip(),
            "date": page.date,
            "category": page.category.name if page.category else "",
        }

    def dependent_keys(self, instance: models.Model) -> list[str]:
        if isinstance(instance, StoryCategory) and instance.pk:
            return [f"page:{pk}" for pk in instance.stories.values_list("pk", flat=True)]
        return []


class ProductSource(PageSource):
    doc_type = "product"
    model = ProductPage
    label = _("Product")
    verbose_name = _("Products")

    def fields(self, page: ProductPage) -> dict:
        published = page.last_published_at or page.first_published_at
        return {
            "summary": page.summary,
            "body": get_text_for_indexing(page.description),
            "date": published.date() if published else None,
            "product": page.title,
        }


class FAQSource(PageSource):
    doc_type = "faq"
    model = FAQPage
    label = _("FAQ")
    verbose_name = _("FAQs")
    depends_on = (FAQCategoryPage,)

    def fields(self, page: FAQPage) -> dict:
        parent = page.get_parent()
        return {
            "summary": page.short_answer,
            "body": get_text_for_indexing(page.answer),
            "date": page.last_reviewed,
            "category": parent.title if parent else "",
        }

    def dependent_keys(self, instance: models.Model) -> list[str]:
        if isinstance(instance, FAQCategoryPage) and instance.pk:
            children = FAQPage.objects.child_of(instance).values_list("pk", flat=True)
            return [f"page:{pk}" for pk in children]
        return []


def register_default_sources(registry) -> None:
    for source in (StorySource(), ProductSource(), FAQSource()):
        registry.register(source)
