"""Approved community posts in the knowledge-base search, each pointing to the page it belongs to.

Registered with the search app's registry in ``CommunityConfig.ready()``; a post enters the index
when it is approved and leaves it when it is hidden, rejected, removed, deleted by its author or
when its page stops being public.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from search.documents import IndexDocument
from search.indexing import schedule
from search.registry import SearchSource
from search.sources import page_audience, view_restrictions

from .markup import plain_excerpt
from .models import Post, PostKind, PostState


class PostSource(SearchSource):
    doc_type = "post"
    prefix = "post"
    model = Post
    label = _("Community post")
    verbose_name = _("Community")

    def queryset(self) -> models.QuerySet:
        return Post.objects.filter(
            state=PostState.APPROVED, deleted_at__isnull=True
        ).select_related("page", "page__locale")

    def get(self, object_id: str) -> Post | None:
        if not object_id.isdigit():
            return None
        return Post.objects.filter(pk=int(object_id)).select_related("page").first()

    def objects(self, *, locale: str | None = None) -> Iterable[Post]:
        queryset = self.queryset()
        if locale:
            queryset = queryset.filter(page__locale__language_code=locale)
        return queryset.order_by("pk")

    def documents(self, *, locale: str | None = None):
        restrictions = view_restrictions()
        pages: dict[int, Page] = {}
        for post in self.objects(locale=locale):
            if post.page_id not in pages:
                pages[post.page_id] = post.page.specific
            document = self._document(post, pages[post.page_id], restrictions)
            if document is not None:
                yield document

    def document(self, obj: Post) -> IndexDocument | None:
        return self._document(obj, obj.page.specific, view_restrictions())

    def _document(self, post: Post, page: Page, restrictions) -> IndexDocument | None:
        if post.state != PostState.APPROVED or post.deleted_at is not None:
            return None
        if not page.live or page.expired:
            return None
        audience = page_audience(page, restrictions)
        page_url = page.get_url()
        if audience is None or not page_url:
            return None
        language = page.locale.language_code
        with translation.override(language):
            url = post.get_absolute_url()
            kind = str(PostKind(post.kind).label)
            author = (
                str(_("Deleted member"))
                if post.author_is_deleted_member
                else post.author_display_name
            )
            # The title names the post's author rather than repeating its text or its kind
            # (후기, 질문), so that a post does not outrank the FAQ or story that answers the
            # same words: titles weigh most.
            title = _("%(author)s's post") % {"author": author}
        text = plain_excerpt(post.comment, 100_000)
        return IndexDocument(
            key=self.key(post),
            doc_type=self.doc_type,
            locale=language,
            title=title,
            url=url,
            body=text,
            date=post.submit_date.date() if post.submit_date else None,
            audience=audience,
            category=kind,
            product=page.title if page.specific_class.__name__ == "ProductPage" else "",
            parent_title=page.title,
            parent_url=page_url,
        )

    def dependent_keys(self, instance: models.Model) -> list[str]:
        """A page's posts follow the page (published, unpublished, restricted)."""
        if isinstance(instance, PageViewRestriction):
            pages = Page.objects.descendant_of(instance.page, inclusive=True)
            posts = Post.objects.filter(page__in=pages)
        elif isinstance(instance, Page) and instance.pk:
            posts = Post.objects.filter(page_id=instance.pk)
        else:
            return []
        return [f"post:{pk}" for pk in posts.values_list("pk", flat=True)]


def post_changed(sender, instance: Post, raw=False, **kwargs) -> None:
    """Approved, edited, hidden, deleted: the index follows after commit."""
    if not raw:
        schedule([f"post:{instance.pk}"])


def posts_changed(posts) -> None:
    """For writes that bypass ``save()`` (bulk updates when a spammer is banned or unbanned)."""
    schedule([f"post:{post.pk}" for post in posts])


def restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    """Who may see a page changed, and so who may find the posts under it."""
    if Page.objects.filter(pk=instance.page_id).exists():
        schedule(post_source.dependent_keys(instance))


post_source = PostSource()


def connect(registry) -> None:
    registry.register(post_source)
    for signal in (post_save, post_delete):
        signal.connect(post_changed, sender=Post, dispatch_uid=f"search_post_{id(signal)}")
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_post_restriction_{id(signal)}",
        )
