"""Reads of the community: threads, review summaries, FAQ look-ups, members' posts."""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django_comments.models import CommentFlag
from wagtail.models import Locale, Page, Site

from .models import HELPFUL_FLAG, CommunitySettings, Post, PostKind, PostState

ORDERINGS = {"newest": ("-submit_date", "-pk"), "helpful": ("-helpful_count", "-submit_date")}
DEFAULT_ORDERING = "newest"


def community_settings(request=None) -> CommunitySettings:
    """The community settings of the request's site (or of the default site)."""
    if request is not None:
        return CommunitySettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return CommunitySettings()
    return CommunitySettings.for_site(site)


@dataclass
class ThreadNode:
    post: Post
    children: list["ThreadNode"] = field(default_factory=list)
    linked_faqs: list[Page] = field(default_factory=list)


@dataclass
class Thread:
    page: Page
    ordering: str
    page_obj: PaginatorPage
    nodes: list[ThreadNode]
    total: int
    helpful_by_viewer: set[int]
    followed_by_viewer: set[int]


def _post_queryset() -> QuerySet[Post]:
    return Post.objects.select_related("user__community_profile", "resolved_by").order_by()


def localized_faqs(faqs: list[Page], locale: Locale) -> dict[int, Page]:
    """For each FAQ, its live translation in ``locale`` (or the FAQ itself), in one query."""
    from stories.models import FAQPage

    keys = {faq.translation_key for faq in faqs}
    if not keys:
        return {}
    translations = {
        faq.translation_key: faq
        for faq in FAQPage.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return {faq.pk: translations.get(faq.translation_key, faq) for faq in faqs}


def thread_for_page(
    *,
    page: Page,
    user=None,
    ordering: str = DEFAULT_ORDERING,
    page_number: Any = 1,
    per_page: int = 10,
) -> Thread:
    """One page of a page's thread: top-level posts in the chosen order, each with its replies.

    The number of queries does not grow with the number of posts. Deleted posts show (as
    "deleted by the author") only while they have visible replies."""
    if ordering not in ORDERINGS:
        ordering = DEFAULT_ORDERING
    visible = Post.objects.on_page(page).visible_to(user)
    visible_reply = visible.filter(thread_id=OuterRef("thread_id"), level__gt=0)
    roots = (
        _post_queryset()
        .filter(pk__in=visible.roots().values("pk"))
        .filter(Q(deleted_at__isnull=True) | Exists(visible_reply))
        .with_helpful_count()
        .order_by(*ORDERINGS[ordering])
    )
    paginator = Paginator(roots, per_page)
    page_obj = paginator.get_page(page_number)
    root_posts = list(page_obj.object_list)
    thread_ids = [post.thread_id for post in root_posts]
    replies = list(
        _post_queryset()
        .filter(pk__in=visible.filter(thread_id__in=thread_ids, level__gt=0).values("pk"))
        .with_helpful_count()
        .order_by("thread_id", "order")
    )
    all_posts = root_posts + replies
    faq_links = list(
        Post.linked_faqs.through.objects.filter(post_id__in=[p.pk for p in all_posts])
        .select_related("faqpage")
        .order_by("pk")
    )
    localized = localized_faqs([link.faqpage for link in faq_links], page.locale)

    nodes_by_id: dict[int, ThreadNode] = {post.pk: ThreadNode(post) for post in all_posts}
    for link in faq_links:
        nodes_by_id[link.post_id].linked_faqs.append(localized[link.faqpage_id])
    for reply in replies:
        parent = nodes_by_id.get(reply.parent_id)
        if parent is not None:
            parent.children.append(nodes_by_id[reply.pk])
    _drop_empty_deleted(nodes_by_id, replies)

    helpful, followed = set(), set()
    if user is not None and user.is_authenticated and all_posts:
        helpful = set(
            CommentFlag.objects.filter(
                user=user, flag=HELPFUL_FLAG, comment_id__in=[p.pk for p in all_posts]
            ).values_list("comment_id", flat=True)
        )
        followed = set(
            user.community_follows.filter(post_id__in=[p.pk for p in root_posts]).values_list(
                "post_id", flat=True
            )
        )
    return Thread(
        page=page,
        ordering=ordering,
        page_obj=page_obj,
        nodes=[nodes_by_id[post.pk] for post in root_posts],
        total=paginator.count,
        helpful_by_viewer=helpful,
        followed_by_viewer=followed,
    )


def _drop_empty_deleted(nodes_by_id: dict[int, ThreadNode], replies: list[Post]) -> None:
    """Replies deleted by their author disappear unless something visible hangs below them."""
    for reply in reversed(replies):  # deepest last in thread order: walk back up
        node = nodes_by_id[reply.pk]
        if reply.is_deleted and not node.children:
            parent = nodes_by_id.get(reply.parent_id)
            if parent is not None and node in parent.children:
                parent.children.remove(node)


@dataclass
class ReviewSummary:
    count: int
    average: float | None
    distribution: list[tuple[int, int, int]]  # (stars, count, percent), 5 stars first


def review_summary(*, page: Page) -> ReviewSummary:
    """Average, count and star distribution of a product's approved reviews, in one query."""
    reviews = (
        Post.objects.on_page(page).approved().filter(kind=PostKind.REVIEW, deleted_at__isnull=True)
    )
    aggregates = reviews.aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        **{f"stars_{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
    )
    count = aggregates["count"]
    distribution = [
        (n, aggregates[f"stars_{n}"], round(100 * aggregates[f"stars_{n}"] / count) if count else 0)
        for n in range(5, 0, -1)
    ]
    average = round(aggregates["average"], 1) if aggregates["average"] is not None else None
    return ReviewSummary(count=count, average=average, distribution=distribution)


def member_review(*, page: Page, user) -> Post | None:
    """The member's own (not deleted) review of a product, if they wrote one."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Post.objects.on_page(page)
        .filter(kind=PostKind.REVIEW, user=user, deleted_at__isnull=True)
        .first()
    )


def find_faqs(query: str, locale: Locale, limit: int = 10) -> list[Page]:
    """Live FAQs in ``locale`` whose title contains ``query`` (a substring match, which works
    for Korean words with particles attached), shortest titles first."""
    from stories.models import FAQPage

    query = " ".join((query or "").split())
    if not query:
        return []
    faqs = FAQPage.objects.live().public().filter(locale=locale, title__icontains=query)
    return sorted(faqs[: limit * 3], key=lambda faq: (len(faq.title), faq.title))[:limit]


@dataclass
class ResolvedQuestions:
    count: int
    latest: list[Post]


def faq_resolved_questions(*, faq: Page, limit: int = 5) -> ResolvedQuestions:
    """Community questions (in the FAQ's language) resolved by an answer that links this FAQ
    or one of its translations."""
    questions = (
        Post.objects.approved()
        .filter(
            kind=PostKind.QUESTION,
            deleted_at__isnull=True,
            page__locale_id=faq.locale_id,
            resolved_by__linked_faqs__translation_key=faq.translation_key,
        )
        .distinct()
    )
    latest = list(
        questions.select_related("page", "user__community_profile").order_by("-resolved_at")[:limit]
    )
    return ResolvedQuestions(count=questions.count(), latest=latest)


def member_posts(*, user, limit: int = 20) -> list[Post]:
    """A member's approved posts, newest first, with their pages (for the profile page)."""
    return list(
        Post.objects.approved()
        .filter(user=user, deleted_at__isnull=True)
        .select_related("page")
        .order_by("-submit_date")[:limit]
    )


def unanswered_questions() -> QuerySet[Post]:
    """Approved questions without an approved official answer, oldest first (for Support)."""
    return (
        Post.objects.approved()
        .filter(kind=PostKind.QUESTION, deleted_at__isnull=True)
        .with_official_answer()
        .filter(has_official_answer=False)
        .order_by("submit_date")
    )


def posts_awaiting_state(state: str = PostState.PENDING) -> QuerySet[Post]:
    return Post.objects.filter(state=state).order_by("submit_date")
