"""Reads of the community: threads, review summaries, FAQ look-ups, members' posts."""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, QuerySet, Window
from django_comments.models import CommentFlag
from wagtail.models import Locale, Page

from core.page_cache import site_setting

from .models import HELPFUL_FLAG, CommunitySettings, Flag, Follow, Post, PostKind, PostState

ORDERINGS = {"newest": ("-submit_date", "-pk"), "helpful": ("-helpful_count", "-submit_date")}
DEFAULT_ORDERING = "newest"


def community_settings(request=None) -> CommunitySettings:
    """The community settings of the request's site (or of the default site); unsaved defaults
    when never edited (see ``core.page_cache.site_setting``)."""
    return site_setting(CommunitySettings, request)


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
    flagged_by_viewer: set[int] = field(default_factory=set)


@dataclass
class ReviewSummary:
    count: int
    average: float | None
    distribution: list[tuple[int, int, int]]  # (stars, count, percent), 5 stars first


@dataclass
class PageStats:
    """One page's community counts, computed in one query and shared by the template tags of a
    request: the threads the viewer sees, the approved reviews, the viewer's own review."""

    threads: int
    reviews: ReviewSummary
    own_review_id: int | None


def _visible_q(user) -> Q:
    """Approved posts, and the viewer's own whatever their state (to see "awaiting approval")."""
    if user is not None and user.is_authenticated:
        return Q(state=PostState.APPROVED) | Q(user=user)
    return Q(state=PostState.APPROVED)


def _shown_roots(page: Page, user) -> QuerySet[Post]:
    """Top-level posts the viewer sees; one deleted by its author stays while it has replies."""
    visible = Post.objects.on_page(page).filter(_visible_q(user))
    visible_reply = visible.filter(thread_id=OuterRef("thread_id"), level__gt=0)
    return visible.filter(level=0).filter(Q(deleted_at__isnull=True) | Exists(visible_reply))


def page_stats(*, page: Page, user=None, request=None) -> PageStats:
    """The page's community counts (memoised on ``request`` when one is given)."""
    cache = request.__dict__.setdefault("_community_page_stats", {}) if request else {}
    key = (page.pk, getattr(user, "pk", None))
    if key in cache:
        return cache[key]
    approved_review = Q(
        state=PostState.APPROVED, kind=PostKind.REVIEW, deleted_at__isnull=True, level=0
    )
    aggregates = {
        "threads": Count("pk", filter=Q(pk__in=_shown_roots(page, user).values("pk"))),
        "reviews": Count("pk", filter=approved_review),
        "average": Avg("rating", filter=approved_review),
        **{f"stars_{n}": Count("pk", filter=approved_review & Q(rating=n)) for n in range(1, 6)},
    }
    if user is not None and user.is_authenticated:
        aggregates["own_review"] = Max(
            "pk", filter=Q(kind=PostKind.REVIEW, user=user, deleted_at__isnull=True)
        )
    values = Post.objects.on_page(page).aggregate(**aggregates)
    count = values["reviews"]
    distribution = [
        (n, values[f"stars_{n}"], round(100 * values[f"stars_{n}"] / count) if count else 0)
        for n in range(5, 0, -1)
    ]
    average = round(values["average"], 1) if values["average"] is not None else None
    stats = PageStats(
        threads=values["threads"],
        reviews=ReviewSummary(count=count, average=average, distribution=distribution),
        own_review_id=values.get("own_review"),
    )
    cache[key] = stats
    return stats


def review_summary(*, page: Page, request=None) -> ReviewSummary:
    """Average, count and star distribution of a product's approved reviews."""
    return page_stats(page=page, user=getattr(request, "user", None), request=request).reviews


def localized_faqs(faqs: list[Page], locale_id: int) -> dict[int, Page]:
    """For each FAQ, its live translation in the locale (or the FAQ itself); FAQs already in
    that locale cost no query, the others one query together."""
    from stories.models import FAQPage

    result = {faq.pk: faq for faq in faqs if faq.locale_id == locale_id}
    others = [faq for faq in faqs if faq.locale_id != locale_id]
    if others:
        translations = {
            faq.translation_key: faq
            for faq in FAQPage.objects.live().filter(
                translation_key__in={faq.translation_key for faq in others}, locale_id=locale_id
            )
        }
        for faq in others:
            result[faq.pk] = translations.get(faq.translation_key, faq)
    return result


def thread_for_page(
    *,
    page: Page,
    user=None,
    ordering: str = DEFAULT_ORDERING,
    page_number: Any = 1,
    per_page: int = 10,
    request=None,
) -> Thread:
    """One page of a page's thread: top-level posts in the chosen order, each with its replies.

    A fixed number of queries whatever the number of posts: the counts (shared with the review
    summary), the posts of this page of threads with their replies, and their linked FAQs."""
    if ordering not in ORDERINGS:
        ordering = DEFAULT_ORDERING
    stats = page_stats(page=page, user=user, request=request)
    page_obj = Paginator(range(stats.threads), per_page).get_page(page_number)
    offset = page_obj.start_index() - 1 if stats.threads else 0

    roots = (
        _shown_roots(page, user)
        .with_helpful_count()
        .order_by(*ORDERINGS[ordering])
        .values("thread_id")[offset : offset + per_page]
    )
    posts = (
        Post.objects.on_page(page)
        .filter(_visible_q(user), thread_id__in=roots)
        .select_related("user__community_profile")
        .with_helpful_count()
    )
    if user is not None and user.is_authenticated:
        posts = posts.annotate(
            viewer_found_helpful=Exists(
                CommentFlag.objects.filter(comment=OuterRef("pk"), user=user, flag=HELPFUL_FLAG)
            ),
            viewer_follows=Exists(Follow.objects.filter(post=OuterRef("pk"), user=user)),
            viewer_flagged=Exists(Flag.objects.filter(post=OuterRef("pk"), user=user)),
        )
    posts = list(posts)
    root_posts = sorted(
        (post for post in posts if post.level == 0),
        key=lambda post: (post.submit_date, post.pk),
        reverse=True,
    )
    if ordering == "helpful":
        root_posts.sort(key=lambda post: post.helpful_count, reverse=True)
    replies = sorted((p for p in posts if p.level > 0), key=lambda p: (p.thread_id, p.order))

    faq_links = list(
        Post.linked_faqs.through.objects.filter(post_id__in=[p.pk for p in posts])
        .select_related("faqpage")
        .order_by("pk")
    )
    localized = localized_faqs([link.faqpage for link in faq_links], page.locale_id)

    nodes_by_id: dict[int, ThreadNode] = {post.pk: ThreadNode(post) for post in posts}
    for link in faq_links:
        nodes_by_id[link.post_id].linked_faqs.append(localized[link.faqpage_id])
    for reply in replies:
        parent = nodes_by_id.get(reply.parent_id)
        if parent is not None:
            parent.children.append(nodes_by_id[reply.pk])
    _drop_empty_deleted(nodes_by_id, replies)

    return Thread(
        page=page,
        ordering=ordering,
        page_obj=page_obj,
        nodes=[nodes_by_id[post.pk] for post in root_posts],
        total=stats.threads,
        helpful_by_viewer={p.pk for p in posts if getattr(p, "viewer_found_helpful", False)},
        followed_by_viewer={p.pk for p in root_posts if getattr(p, "viewer_follows", False)},
        flagged_by_viewer={p.pk for p in posts if getattr(p, "viewer_flagged", False)},
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
class ResolvedQuestions:
    count: int
    latest: list[Post]


def faq_resolved_questions(*, faq: Page, limit: int = 5) -> ResolvedQuestions:
    """Community questions (in the FAQ's language) resolved by an answer that links this FAQ
    or one of its translations: how many, and the latest few (one query)."""
    links_this_faq = Post.linked_faqs.through.objects.filter(
        post_id=OuterRef("resolved_by_id"), faqpage__translation_key=faq.translation_key
    )
    latest = list(
        Post.objects.approved()
        .filter(
            Exists(links_this_faq),
            kind=PostKind.QUESTION,
            deleted_at__isnull=True,
            page__locale_id=faq.locale_id,
        )
        .select_related("user__community_profile")
        .annotate(total=Window(Count("pk")))
        .order_by("-resolved_at")[:limit]
    )
    return ResolvedQuestions(count=latest[0].total if latest else 0, latest=latest)


def member_posts(*, user, limit: int = 20) -> list[Post]:
    """A member's approved posts, newest first, with their pages (for the profile page)."""
    return list(
        Post.objects.approved()
        .filter(user=user, deleted_at__isnull=True)
        .select_related("page")
        .order_by("-submit_date")[:limit]
    )


def latest_posts(*, locale: Locale, limit: int = 20) -> list[Post]:
    """The newest approved top-level posts on the pages of one language."""
    return list(
        Post.objects.approved()
        .filter(level=0, deleted_at__isnull=True, page__locale=locale, page__live=True)
        .select_related("page", "user__community_profile")
        .with_official_answer()
        .order_by("-submit_date")[:limit]
    )


def products_to_review(*, locale: Locale) -> list[Page]:
    """The live products of one language, with their approved review counts."""
    from stories.models import ProductPage

    approved_reviews = Q(
        community_posts__kind=PostKind.REVIEW,
        community_posts__state=PostState.APPROVED,
        community_posts__deleted_at__isnull=True,
    )
    return list(
        ProductPage.objects.live()
        .public()
        .filter(locale=locale)
        .annotate(
            review_count=Count("community_posts", filter=approved_reviews),
            review_average=Avg("community_posts__rating", filter=approved_reviews),
        )
        .order_by("path")
    )


def member_flags(*, user, limit: int = 20) -> list:
    """The posts a member flagged, newest first, with what became of each flag."""
    return list(
        Flag.objects.filter(user=user).select_related("post__page").order_by("-created_at")[:limit]
    )


# Moderation queue ---------------------------------------------------------------------------

QUEUE_TABS = ("pending", "held", "flagged", "spam", "recent")
RECENT_DAYS = 7


def _queue_filters() -> dict[str, Q]:
    import datetime

    from django.utils import timezone

    recent = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    return {
        "pending": Q(state=PostState.PENDING) & ~Q(screening="hold"),
        "held": Q(state=PostState.PENDING, screening="hold"),
        "flagged": Q(state__in=[PostState.APPROVED, PostState.HIDDEN])
        & (Q(open_flags=True) | Q(screening="flag") | Q(hidden_by_flags=True)),
        "spam": Q(state=PostState.SPAM),
        "recent": Q(state=PostState.APPROVED, submit_date__gte=recent),
    }


def _with_open_flags(queryset):
    return queryset.annotate(
        open_flags=Exists(Flag.objects.filter(post=OuterRef("pk"), handled_at__isnull=True))
    )


def queue_counts() -> dict[str, int]:
    """How many posts each tab of the moderation queue holds (one query)."""
    filters = _queue_filters()
    return _with_open_flags(Post.objects.filter(deleted_at__isnull=True)).aggregate(
        **{tab: Count("pk", filter=filters[tab]) for tab in QUEUE_TABS}
    )


def waiting_count() -> int:
    """Posts waiting for a moderator: awaiting approval, held, or flagged."""
    counts = queue_counts()
    return counts["pending"] + counts["held"] + counts["flagged"]


def oldest_waiting() -> Post | None:
    filters = _queue_filters()
    return (
        _with_open_flags(Post.objects.filter(deleted_at__isnull=True))
        .filter(filters["pending"] | filters["held"] | filters["flagged"])
        .order_by("submit_date")
        .first()
    )


def queue_posts(tab: str):
    """The posts of one queue tab, each with its page, its author's profile and history
    (approved posts, active warnings) and its open flags, in a fixed number of queries."""
    from django.db.models import IntegerField, Prefetch, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from .models import Warning

    filters = _queue_filters()
    approved_posts = (
        Post.objects.filter(user=OuterRef("user"), state=PostState.APPROVED)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    active_warnings = (
        Warning.objects.filter(user=OuterRef("user"), expires_at__gt=timezone.now())
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ordering = "-submit_date" if tab in ("recent", "spam") else "submit_date"
    return (
        _with_open_flags(Post.objects.filter(deleted_at__isnull=True))
        .filter(filters[tab])
        .select_related("page", "user__community_profile")
        .annotate(
            author_posts=Coalesce(Subquery(approved_posts, output_field=IntegerField()), 0),
            author_warnings=Coalesce(Subquery(active_warnings, output_field=IntegerField()), 0),
        )
        .prefetch_related(
            Prefetch(
                "member_flags",
                queryset=Flag.objects.filter(handled_at__isnull=True).order_by("created_at"),
                to_attr="open_flag_list",
            )
        )
        .order_by(ordering, "pk")
    )
