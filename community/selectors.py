"""Reads of the community: threads, review summaries, FAQ look-ups, members' posts."""

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, QuerySet, Window
from django_comments.models import CommentFlag
from wagtail.models import Locale, Page, PageViewRestriction

from core.page_cache import cached, site_setting
from core.privacy import private_q, view_restrictions

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


# How many of the community's newest posts ``latest_posts`` looks at first.
LATEST_WINDOW = 200
# Beyond this many, it stops widening its window and asks for every listable post at once.
LATEST_WINDOW_MAX = 5000


def listable_on_community_home(queryset: QuerySet[Post], *, locale: Locale, user=None):
    """Approved top-level posts on live pages of one language that the viewer may read: never
    on a page behind a password or for some groups only; on a members-only page, for members
    only (the thread itself asks the same, ``views._thread_page``)."""
    queryset = queryset.approved().filter(
        level=0, deleted_at__isnull=True, page__locale=locale, page__live=True
    )
    logged_in = user is not None and user.is_authenticated
    for item in view_restrictions():
        if logged_in and item.restriction.restriction_type == PageViewRestriction.LOGIN:
            continue
        queryset = queryset.exclude(page__path__startswith=item.path)
    return queryset


def latest_posts(*, locale: Locale, limit: int = 20, user=None) -> list[Post]:
    """The newest approved top-level posts on the pages of one language that the viewer may
    read, each with ``has_official_answer``.

    Three queries whatever the number of posts: the ids of the community's newest posts (from
    the submit-date index), the listable ones among them with their pages and authors, and
    which of those threads have an official answer. Only when fewer than ``limit`` of the
    newest posts can be listed here does it look further back (a wider window each time)."""
    from django_comments.models import Comment

    listable = listable_on_community_home(Post.objects.all(), locale=locale, user=user)
    window = max(LATEST_WINDOW, limit * 10)
    while True:
        if window > LATEST_WINDOW_MAX:
            candidates = listable
            complete = True
        else:
            newest = list(
                Comment.objects.order_by("-submit_date", "-pk").values_list("pk", flat=True)[
                    :window
                ]
            )
            candidates = listable.filter(pk__in=newest)
            complete = len(newest) < window
        posts = list(
            candidates.select_related("page", "user__community_profile").order_by(
                "-submit_date", "-pk"
            )[:limit]
        )
        if len(posts) >= limit or complete:
            break
        window *= 5
    answered = threads_with_official_answer([post.thread_id for post in posts])
    for post in posts:
        post.has_official_answer = post.thread_id in answered
    return posts


def threads_with_official_answer(thread_ids: list[int]) -> set[int]:
    """Which of these threads have an approved official reply (one query through the thread
    index, however many posts the community has)."""
    if not thread_ids:
        return set()
    from django_comments_xtd.models import XtdComment

    replies = XtdComment.objects.filter(thread_id__in=thread_ids, level__gt=0).values("pk")
    return set(
        Post.objects.filter(
            pk__in=replies, is_official=True, state=PostState.APPROVED, deleted_at__isnull=True
        ).values_list("thread_id", flat=True)
    )


# How many products the community's front page invites to review (the rest: the product index).
PRODUCTS_TO_REVIEW = 12


@dataclass
class ProductsToReview:
    products: list[Page]  # each with ``review_count`` and ``review_average``
    more: bool  # more products than shown
    index: Page | None  # the product index of the language, for "all products"


def products_to_review(*, locale: Locale, limit: int = PRODUCTS_TO_REVIEW) -> ProductsToReview:
    """The first live public products of one language in the catalogue's order, with their
    approved review counts and averages (an indexed count over the shown products' reviews
    only), and the product index to see them all."""
    from stories.models import ProductIndexPage, ProductPage

    products = list(
        ProductPage.objects.live()
        .filter(locale=locale)
        .exclude(private_q())
        .order_by("path")[: limit + 1]
    )
    more = len(products) > limit
    products = products[:limit]
    summaries = {
        row["page_id"]: row
        for row in Post.objects.filter(page_id__in=[p.pk for p in products])
        .approved_reviews()
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"), average=Avg("rating"))
    }
    for product in products:
        summary = summaries.get(product.pk, {})
        product.review_count = summary.get("count", 0)
        product.review_average = summary.get("average")
    index = cached(
        f"product-index:{locale.pk}",
        lambda: ProductIndexPage.objects.live().filter(locale=locale).order_by("path").first(),
    )
    return ProductsToReview(products=products, more=more, index=index)


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
    """``open_flags``: the post has a flag no moderator handled yet (the flagged posts are
    looked up once, not per post)."""
    return queryset.annotate(
        open_flags=Q(pk__in=Flag.objects.filter(handled_at__isnull=True).values("post_id"))
    )


# How long the moderation queue's counts are kept at most (a change of community content
# starts a new cache generation and so recounts at once).
QUEUE_COUNTS_SECONDS = 60


def _count_queue() -> dict[str, int]:
    filters = _queue_filters()
    return _with_open_flags(Post.objects.filter(deleted_at__isnull=True)).aggregate(
        **{tab: Count("pk", filter=filters[tab]) for tab in QUEUE_TABS}
    )


def queue_counts(request=None) -> dict[str, int]:
    """How many posts each tab of the moderation queue holds: counted once per request (the
    menu's label, the dashboard panel and the queue share it) and kept for a short time until
    community content changes (one query, without a subquery per post, when counted)."""
    if request is not None and "_moderation_queue_counts" in request.__dict__:
        return request.__dict__["_moderation_queue_counts"]
    counts = cached(
        f"moderation-queue-counts:{_queue_version()}", _count_queue, timeout=QUEUE_COUNTS_SECONDS
    )
    if request is not None:
        request.__dict__["_moderation_queue_counts"] = counts
    return counts


def waiting_count(request=None) -> int:
    """Posts waiting for a moderator: awaiting approval, held, or flagged."""
    counts = queue_counts(request)
    return counts["pending"] + counts["held"] + counts["flagged"]


def oldest_waiting() -> Post | None:
    """The post that has waited longest for a moderator (kept as the counts are)."""

    def compute():
        filters = _queue_filters()
        return (
            _with_open_flags(Post.objects.filter(deleted_at__isnull=True))
            .filter(filters["pending"] | filters["held"] | filters["flagged"])
            .order_by("submit_date")
            .first()
        )

    return cached(
        f"moderation-oldest-waiting:{_queue_version()}", compute, timeout=QUEUE_COUNTS_SECONDS
    )


QUEUE_VERSION_KEY = "moderation-queue:version"


def _queue_version() -> int:
    return cache.get_or_set(QUEUE_VERSION_KEY, 1, timeout=None)


def moderation_queue_changed() -> None:
    """A post or flag changed: the queue's counts are counted afresh on the next request
    (without touching the visitors' page cache)."""
    try:
        cache.incr(QUEUE_VERSION_KEY)
    except ValueError:
        cache.set(QUEUE_VERSION_KEY, 2, timeout=None)


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
