"""A year of the community on top of the demo: thousands of members and tens of thousands of
posts in both languages, with the rows real use leaves behind.

Members and posts are written in bulk (one password hash for all, explicit post ids), because
the one-by-one path would take the best part of an hour; every row is what the posting service
and django-comments-xtd would have written: the three tables of a post (django-comments'
comment, django-comments-xtd's thread fields, the project's post), thread ids, levels and
order, content types and site, follows of one's own threads, helpful marks, FAQ links of staff
answers and resolved questions. Moderation then goes through the moderation services on a
share of the posts (spam, hidden, flagged, banned spammers, warnings), so its log entries,
flags and notices are the real ones; trust levels follow from each member's record with the
same rule as ``trust.level_recompute``.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, router, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django_comments.models import Comment, CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.log_actions import log

from community import moderation_services, trust
from community.models import (
    HELPFUL_FLAG,
    Follow,
    MemberProfile,
    Notice,
    NoticeKind,
    Post,
    PostKind,
    PostState,
    Screening,
    TrustLevel,
)
from core import roles
from home.demo.accounts import DEMO_PASSWORD
from stories.demo.large import LargePages, ThreadPage

FAMILY_NAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN_NAMES = [
    "민준", "서연", "도윤", "하은", "지호", "수아", "예준", "지우", "시우", "하린",
    "주원", "서윤", "유진", "지민", "현우", "채원", "건우", "다은", "우진", "소율",
]  # fmt: skip
NICKNAMES = ["망원동", "합정", "차 좋아하는", "목요일의", "보리차", "새벽"]
ENGLISH_FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Grace", "Leo"]
ENGLISH_LAST = ["Brown", "Kim", "Lee", "Park", "Smith", "Garcia", "Martin", "Clark", "Rossi"]

TEXTS = {
    "ko": {
        PostKind.REVIEW: [
            "고소한 향이 오래 가요. 저녁에 마셔도 잠이 잘 와서 좋아요.",
            "호지차 특유의 볶은 향이 진하고 쓴맛이 거의 없어요.",
            "물 온도를 조금 낮췄더니 훨씬 부드러워졌어요. **재구매** 의사 있어요.",
            "포장이 튼튼하고 향이 그대로예요. 다만 양이 조금 적게 느껴져요.",
            "냉침으로 우려 마시니 여름에 딱이에요. 아이도 잘 마셔요.",
            "선물용으로 샀는데 받은 친구가 정말 좋아했어요.",
        ],
        PostKind.TIP: [
            "찻잎 3g에 90도 물 200ml, 1분이면 딱 좋아요.",
            "우유를 데워서 호지차 라테로 마셔 보세요. 꿀을 조금 넣으면 더 좋아요.",
            "남은 찻잎은 말려서 신발장에 두면 냄새가 줄어요.",
            "두 번째 우릴 때는 30초 더 두면 맛이 비슷하게 나와요.",
            "유리병에 넣어 냉장고에서 하룻밤 냉침하면 떫은맛이 없어요.",
        ],
        PostKind.QUESTION: [
            "호지차를 냉침하면 몇 시간 정도 두면 될까요?",
            "임산부가 마셔도 괜찮은 차가 있을까요?",
            "개봉하고 얼마나 두고 마실 수 있나요?",
            "매장에서 시음도 할 수 있나요?",
            "다음 로스팅은 언제인가요? 주말에도 받을 수 있을까요?",
        ],
        PostKind.REPLY: [
            "좋은 질문 고맙습니다! 찬물에 6시간 정도 두시면 가장 맛있어요.",
            "개봉 후에는 밀봉해서 서늘한 곳에 두시면 두 달까지 향이 유지돼요.",
            "매주 목요일에 볶고 금요일에 보내 드려요. 주말 주문은 월요일에 출발해요.",
            "후기 고맙습니다. 말씀하신 점은 다음 로스팅에 꼭 반영할게요.",
            "매장에서는 언제든 시음하실 수 있어요. 편하게 들러 주세요.",
        ],
    },
    "en": {
        PostKind.REVIEW: [
            "Lovely nutty aroma that lasts. I can drink it in the evening and still sleep.",
            "The roasted notes are strong and there is almost no bitterness.",
            "Cooler water made it much smoother. Will **buy again**.",
            "Sturdy packaging and the aroma is intact, though the bag feels a little small.",
            "Cold-brewed it is perfect for summer. My kids like it too.",
        ],
        PostKind.TIP: [
            "3 g of leaves, 200 ml of water at 90 °C, one minute: just right.",
            "Try it as a latte with warm milk and a little honey.",
            "For the second steep, add 30 seconds and it tastes almost the same.",
            "Cold-brew it overnight in a glass bottle: no astringency at all.",
        ],
        PostKind.QUESTION: [
            "How long should I cold-brew hojicha?",
            "Is there a tea you would suggest during pregnancy?",
            "How long does it keep once opened?",
            "Can I taste the teas at your shop?",
        ],
        PostKind.REPLY: [
            "Thanks for asking! About six hours in cold water tastes best.",
            "Once opened, keep it sealed somewhere cool and it stays fragrant for two months.",
            "We roast every Thursday and ship on Friday; weekend orders leave on Monday.",
            "Thank you for the review. We will take your point into the next roast.",
        ],
    },
}
SPAM_TEXTS = [
    "초특가 녹차 1+1 지금 바로 cheap-tea.example 에서 만나 보세요",
    "차 도매 최저가! 링크 클릭 cheap-tea.example",
]
HOLD_REASON = "blocklist: 도매"
FLAG_REASON = "blocklist: 최저가"
FLAG_REASONS = [("off_topic", ""), ("spam", ""), ("fake_review", ""), ("other", "광고 같아요.")]
WARNING_REASONS = ["off-topic", "self-promotion", "respect"]

# Shares of the top-level posts (the rest are approved).
PENDING, HELD, SPAM, HIDDEN, FLAGGED, FLAGGED_BY_SCREENING, DELETED = (
    0.04,
    0.01,
    0.02,
    0.01,
    0.02,
    0.005,
    0.005,
)
ROOT_SHARE = 0.72  # the rest of the posts are staff answers
ENGLISH_SHARE = 0.2  # of the posts, on the English pages


@dataclass
class Member:
    user_id: int
    username: str
    email: str
    name: str
    language: str
    joined: datetime.datetime
    spammer: bool = False


def _cumulative(weights: list[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _zipf(count: int, *, offset: float = 3, exponent: float = 0.8) -> list[float]:
    """Cumulative weights of ``count`` items by rank: a few busy ones, a long quiet tail."""
    return _cumulative([1 / (rank + offset) ** exponent for rank in range(count)])


class LargeCommunity:
    def __init__(self, *, pages: LargePages, members: int, posts: int, users: dict, rng, stdout):
        self.pages = pages
        self.member_count = members
        self.post_count = posts
        self.users = users
        self.rng: random.Random = rng
        self.stdout = stdout
        self.now = timezone.now()
        self.moderator = users["moderator"]
        self.staff = [users["support"], users["support"], users["support"], users["editor"]]

    def load(self) -> None:
        with transaction.atomic():
            members = self.members()
            self.stdout.write(f"  {len(members)} members")
            posts = self.posts(members)
            self.stdout.write(f"  {len(posts)} posts")
            self.helpful(posts, members)
            self.follows(posts)
            self.levels(members)
        with transaction.atomic():
            self.moderation(posts, members)

    # Members -------------------------------------------------------------------------------

    def _name(self, language: str) -> tuple[str, str, str]:
        if language == "en":
            first, last = self.rng.choice(ENGLISH_FIRST), self.rng.choice(ENGLISH_LAST)
            return first, last, f"{first} {last[0]}." if self.rng.random() < 0.5 else first
        family, given = self.rng.choice(FAMILY_NAMES), self.rng.choice(GIVEN_NAMES)
        shown = self.rng.random()
        if shown < 0.4:
            display = given
        elif shown < 0.7:
            display = family + given
        else:
            display = f"{self.rng.choice(NICKNAMES)} {given}"
        return given, family, display

    def members(self) -> list[Member]:
        User = get_user_model()
        # One hash for all: thousands of password hashes would take minutes.
        password = make_password(DEMO_PASSWORD)
        spammers = max(1, round(self.member_count * 0.005))
        users, details = [], []
        for number in range(self.member_count):
            spammer = number >= self.member_count - spammers
            language = "en" if self.rng.random() < ENGLISH_SHARE else "ko"
            first, last, display = self._name(language)
            if spammer:
                first, last, display = "", "", f"초특가 차도매 {number}"
            username = f"regular{number:05d}"
            joined = self.now - datetime.timedelta(
                days=self.rng.randint(0, 400), minutes=self.rng.randint(0, 1439)
            )
            users.append(
                User(
                    username=username,
                    email=f"{username}@dangol.example",
                    first_name=first,
                    last_name=last,
                    password=password,
                    date_joined=joined,
                    last_login=joined + datetime.timedelta(days=self.rng.randint(0, 30)),
                )
            )
            details.append((language, display, spammer))
        User.objects.bulk_create(users, batch_size=500)
        members_group = Group.objects.get(name=roles.MEMBERS)
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [Membership(user_id=user.pk, group_id=members_group.pk) for user in users],
            batch_size=1000,
        )
        codes: set[str] = set(MemberProfile.objects.values_list("referral_code", flat=True))
        profiles = []
        for user, (language, display, _spammer) in zip(users, details, strict=True):
            code = self._referral_code(codes)
            profiles.append(
                MemberProfile(
                    user_id=user.pk, display_name=display, language=language, referral_code=code
                )
            )
        MemberProfile.objects.bulk_create(profiles, batch_size=500)
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in users
            ],
            batch_size=500,
        )
        return [
            Member(user.pk, user.username, user.email, display, language, user.date_joined, spammer)
            for user, (language, display, spammer) in zip(users, details, strict=True)
        ]

    def _referral_code(self, taken: set[str]) -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        while True:
            code = "".join(self.rng.choice(alphabet) for _ in range(8))
            if code not in taken:
                taken.add(code)
                return code

    # Posts ---------------------------------------------------------------------------------

    def _text(self, language: str, kind: str) -> str:
        pool = TEXTS[language][kind]
        sentences = self.rng.sample(pool, min(len(pool), self.rng.randint(1, 3)))
        return " ".join(sentences)

    def _rating(self) -> int:
        return self.rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 15, 6, 4])[0]

    def _kind(self, page: ThreadPage) -> str:
        draw = self.rng.random()
        if page.kind == "product":
            return (
                PostKind.REVIEW
                if draw < 0.6
                else PostKind.QUESTION
                if draw < 0.85
                else PostKind.TIP
            )
        if page.kind == "faq":
            return PostKind.QUESTION if draw < 0.7 else PostKind.TIP
        return PostKind.TIP if draw < 0.6 else PostKind.QUESTION

    def _states(self, count: int) -> list[tuple[str, str, str, bool]]:
        """State, screening, its reason and whether the author deleted it, for ``count``
        top-level posts in random order; each share is exact (and at least one post). The
        posts moderators act on later (spam, hidden, flagged) start approved, as they were."""

        def share(fraction: float) -> int:
            return max(1, round(count * fraction))

        states = (
            [(PostState.PENDING, Screening.NONE, "", False)] * share(PENDING)
            + [(PostState.PENDING, Screening.HOLD, HOLD_REASON, False)] * share(HELD)
            + [(PostState.APPROVED, Screening.FLAG, FLAG_REASON, False)]
            * share(FLAGGED_BY_SCREENING)
            + [(PostState.APPROVED, Screening.NONE, "", True)] * share(DELETED)
        )
        states += [(PostState.APPROVED, Screening.NONE, "", False)] * max(0, count - len(states))
        self.rng.shuffle(states)
        return states[:count]

    def _post(self, *, pk: int, page: ThreadPage, author, name: str, email: str, **fields) -> Post:
        post = Post(
            pk=pk,
            content_type_id=page.content_type_id,
            object_pk=str(page.page_id),
            site_id=settings.SITE_ID,
            page_id=page.page_id,
            user_id=author,
            user_name=name[:50],
            user_email=email,
            ip_address=f"10.{self.rng.randint(0, 255)}.{self.rng.randint(0, 255)}.{self.rng.randint(1, 254)}",
            **fields,
        )
        post.id = post.comment_ptr_id = post.xtdcomment_ptr_id = pk
        post.is_public = post.state == PostState.APPROVED
        post.is_removed = post.deleted_at is not None or post.state == PostState.REMOVED
        return post

    def posts(self, members: list[Member]) -> list[Post]:
        by_language = {
            language: [p for p in self.pages.pages if p.language == language]
            for language in ("ko", "en")
        }
        authors = {
            language: [m for m in members if m.language == language and not m.spammer]
            for language in ("ko", "en")
        }
        next_id = (Comment.objects.aggregate(n=Max("id"))["n"] or 0) + 1
        roots_total = round(self.post_count * ROOT_SHARE)
        reviewed: set[tuple[int, int]] = set()
        roots: list[Post] = []
        has_english = bool(by_language["en"] and authors["en"])
        english_roots = round(roots_total * ENGLISH_SHARE) if has_english else 0
        counts = {"ko": roots_total - english_roots, "en": english_roots}
        for language in ("ko", "en"):
            pages, people, count = by_language[language], authors[language], counts[language]
            if not count:
                continue
            chosen_pages = self.rng.choices(pages, cum_weights=_zipf(len(pages)), k=count)
            chosen_people = self.rng.choices(
                people, cum_weights=_zipf(len(people), offset=10), k=count
            )
            states = self._states(count)
            for page, author, (state, screening, reason, deleted) in zip(
                chosen_pages, chosen_people, states, strict=True
            ):
                kind = self._kind(page)
                if kind == PostKind.REVIEW:
                    if (author.user_id, page.page_id) in reviewed:
                        kind = PostKind.QUESTION
                    else:
                        reviewed.add((author.user_id, page.page_id))
                posted = author.joined + (self.now - author.joined) * self.rng.random()
                post = self._post(
                    pk=next_id,
                    page=page,
                    author=author.user_id,
                    name=author.name,
                    email=author.email,
                    comment="" if deleted else self._text(language, kind),
                    kind=kind,
                    rating=self._rating() if kind == PostKind.REVIEW else None,
                    state=state,
                    screening=screening,
                    screening_reason=reason,
                    submit_date=posted,
                    deleted_at=posted + datetime.timedelta(hours=3) if deleted else None,
                    thread_id=next_id,
                    parent_id=next_id,
                    level=0,
                    order=1,
                )
                post.thread_language = language
                roots.append(post)
                next_id += 1
        roots.extend(self._spam(members, by_language["ko"], next_id))
        next_id = roots[-1].pk + 1 if roots else next_id
        replies = self._answers(roots, next_id)
        posts = roots + replies
        self._insert(posts)
        self._link_faqs(replies)
        return posts

    def _spam(self, members: list[Member], pages: list[ThreadPage], next_id: int) -> list[Post]:
        """Spammers' tips, posted before the blocklist knew their shop."""
        posts = []
        for member in (m for m in members if m.spammer):
            for _ in range(self.rng.randint(2, 5)):
                page = self.rng.choice(pages)
                posted = member.joined + (self.now - member.joined) * self.rng.random()
                post = self._post(
                    pk=next_id,
                    page=page,
                    author=member.user_id,
                    name=member.name,
                    email=member.email,
                    comment=self.rng.choice(SPAM_TEXTS),
                    kind=PostKind.TIP,
                    state=PostState.APPROVED,
                    submit_date=posted,
                    thread_id=next_id,
                    parent_id=next_id,
                    level=0,
                    order=1,
                )
                post.thread_language = "ko"
                posts.append(post)
                next_id += 1
        return posts

    def _answers(self, roots: list[Post], next_id: int) -> list[Post]:
        """Staff answers: questions first, then reviews and tips, until the share of answers
        is reached; some threads get a second answer."""
        budget = self.post_count - len(roots)
        priority = {PostKind.QUESTION: 0, PostKind.REVIEW: 1, PostKind.TIP: 2}
        candidates = [
            root
            for root in roots
            if root.state == PostState.APPROVED and root.deleted_at is None and root.user_id
        ]
        self.rng.shuffle(candidates)
        candidates.sort(key=lambda root: priority[root.kind])
        answers: list[Post] = []
        threads = candidates[: max(0, budget)]
        seconds = budget - len(threads)
        for index, root in enumerate(threads):
            count = 2 if index < seconds else 1
            for number in range(count):
                staff = self.rng.choice(self.staff)
                posted = min(
                    self.now,
                    root.submit_date + datetime.timedelta(hours=self.rng.randint(1, 48) + number),
                )
                answer = self._post(
                    pk=next_id,
                    page=ThreadPage(root.page_id, "", "", root.content_type_id),
                    author=staff.pk,
                    name=_staff_name(staff),
                    email=staff.email,
                    comment=self._text(root.thread_language, PostKind.REPLY),
                    kind=PostKind.REPLY,
                    state=PostState.APPROVED,
                    is_official=True,
                    submit_date=posted,
                    thread_id=root.pk,
                    parent_id=root.pk,
                    level=1,
                    order=2 + number,
                )
                answer.thread_language = root.thread_language
                answers.append(answer)
                root.nested_count += 1
                next_id += 1
                if number == 0 and root.kind == PostKind.QUESTION and self.rng.random() < 0.5:
                    root.resolved_by_id = answer.pk
                    root.resolved_at = posted + datetime.timedelta(hours=self.rng.randint(1, 24))
        return answers

    def _insert(self, posts: list[Post]) -> None:
        """A post lives in three tables (multi-table inheritance), which ``bulk_create``
        refuses; each table gets its own columns of the same rows, ids included."""
        using = router.db_for_write(Post)
        for model in (Comment, XtdComment, Post):
            fields = model._meta.local_concrete_fields
            batch = max(1, connection.ops.bulk_batch_size(fields, posts))
            for start in range(0, len(posts), batch):
                model._base_manager._insert(
                    posts[start : start + batch], fields=fields, using=using
                )
        # The next post written through the site continues after these ids.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
                cursor.execute(statement)

    def _link_faqs(self, answers: list[Post]) -> None:
        through = Post.linked_faqs.through
        post_field = f"{Post.linked_faqs.field.m2m_field_name()}_id"
        faq_field = f"{Post.linked_faqs.field.m2m_reverse_field_name()}_id"
        links = []
        for answer in answers:
            faqs = self.pages.faq_ids.get(answer.thread_language) or []
            if faqs and self.rng.random() < 0.3:
                for faq in self.rng.sample(faqs, min(len(faqs), self.rng.randint(1, 2))):
                    links.append(through(**{post_field: answer.pk, faq_field: faq}))
        through.objects.bulk_create(links, batch_size=1000)

    def helpful(self, posts: list[Post], members: list[Member]) -> None:
        """Members mark approved posts helpful: most get none or one, a few many."""
        people = {
            language: [m.user_id for m in members if m.language == language and not m.spammer]
            for language in ("ko", "en")
        }
        marks = []
        for post in posts:
            if post.state != PostState.APPROVED or post.deleted_at is not None:
                continue
            pool = people[post.thread_language] or people["ko"]
            count = min(len(pool) - 1, int(self.rng.paretovariate(1.6)) - 1, 40)
            if count <= 0:
                continue
            for user_id in self.rng.sample(pool, count + 1):
                if user_id != post.user_id and count > 0:
                    count -= 1
                    marks.append(
                        CommentFlag(
                            comment_id=post.pk,
                            user_id=user_id,
                            flag=HELPFUL_FLAG,
                            flag_date=min(
                                self.now,
                                post.submit_date
                                + datetime.timedelta(hours=self.rng.randint(1, 240)),
                            ),
                        )
                    )
        CommentFlag.objects.bulk_create(marks, batch_size=1000)
        self.stdout.write(f"  {len(marks)} helpful marks")

    def follows(self, posts: list[Post]) -> None:
        """Members follow the threads they start, staff those they answer (the default)."""
        pairs = {(post.user_id, post.thread_id) for post in posts if post.user_id}
        Follow.objects.bulk_create(
            [
                Follow(user_id=user_id, post_id=thread_id, created_at=self.now)
                for user_id, thread_id in sorted(pairs)
            ],
            batch_size=1000,
        )

    def levels(self, members: list[Member]) -> None:
        """Trust levels earned by each member's record, a few granted by moderators."""
        ids = [m.user_id for m in members]
        approved = dict(
            Post.objects.filter(user_id__in=ids, state=PostState.APPROVED, deleted_at__isnull=True)
            .order_by()
            .values("user")
            .annotate(n=Count("pk"))
            .values_list("user", "n")
        )
        helpful = dict(
            CommentFlag.objects.filter(flag=HELPFUL_FLAG, comment__user_id__in=ids)
            .order_by()
            .values("comment__user")
            .annotate(n=Count("pk"))
            .values_list("comment__user", "n")
        )
        settings_ = trust.trust_settings()
        profiles = list(MemberProfile.objects.filter(user_id__in=ids).select_related("user"))
        busiest = sorted(profiles, key=lambda p: -approved.get(p.user_id, 0))
        for profile in busiest[: max(1, len(profiles) // 300)]:
            profile.granted_level = TrustLevel.HERO
        changed = []
        for profile in profiles:
            stats = trust.MemberStats(
                approved_posts=approved.get(profile.user_id, 0),
                helpful_received=helpful.get(profile.user_id, 0),
                days_since_joining=(self.now - profile.user.date_joined).days,
                active_warnings=0,
            )
            level = trust.level_for(profile=profile, stats=stats, settings_=settings_)
            if level != profile.level:
                changed.append((profile, profile.level))
                profile.level = level
                profile.level_changed_at = self.now - datetime.timedelta(
                    days=self.rng.randint(0, max(0, stats.days_since_joining))
                )
        MemberProfile.objects.bulk_update(
            profiles, ["level", "granted_level", "level_changed_at"], batch_size=500
        )
        Notice.objects.bulk_create(
            [
                Notice(
                    user_id=profile.user_id,
                    kind=NoticeKind.LEVEL,
                    level=profile.level,
                    created_at=profile.level_changed_at,
                    seen_at=profile.level_changed_at + datetime.timedelta(days=1),
                )
                for profile, _old in changed
            ],
            batch_size=1000,
        )
        for profile, old in changed:
            log(
                instance=profile,
                action="community.level",
                user=None,
                data={"from": old, "to": profile.level},
            )
        counts = defaultdict(int)
        for profile in profiles:
            counts[profile.level] += 1
        self.stdout.write(
            "  trust levels: " + ", ".join(f"{level} {counts[level]}" for level in TrustLevel)
        )

    # Moderation ----------------------------------------------------------------------------

    def moderation(self, posts: list[Post], members: list[Member]) -> None:
        """Moderators' work on a share of the posts, through the moderation services."""
        roots = [
            post
            for post in posts
            if post.level == 0
            and post.state == PostState.APPROVED
            and post.deleted_at is None
            and post.screening == Screening.NONE
            and not post.nested_count
            and post.user_id
        ]
        self.rng.shuffle(roots)
        spammers = {m.user_id for m in members if m.spammer}
        roots = [post for post in roots if post.user_id not in spammers]
        total = sum(1 for post in posts if post.level == 0)
        spam = roots[: max(1, round(total * SPAM))]
        hidden = roots[len(spam) : len(spam) + max(1, round(total * HIDDEN))]
        flagged = roots[len(spam) + len(hidden) :][: max(1, round(total * FLAGGED))]
        by_pk = Post.objects.in_bulk([post.pk for post in spam + hidden + flagged])
        for post in spam:
            moderation_services.post_mark_spam(post=by_pk[post.pk], moderator=self.moderator)
        for post in hidden:
            moderation_services.post_hide(
                post=by_pk[post.pk], moderator=self.moderator, note="주제와 관계없는 글"
            )
        flaggers = list(
            get_user_model()
            .objects.filter(
                community_profile__level__in=[TrustLevel.NEW, TrustLevel.REGULAR],
                community_profile__banned_at__isnull=True,
                pk__in=[m.user_id for m in members],
            )
            .select_related("community_profile")
        )
        handled = 0
        for index, post in enumerate(flagged):
            # Mostly one Regular's flag (the post stays up); every fifth gets a second one,
            # whose weight hides it until a moderator looks.
            for flagger in self._flaggers(flaggers, post, 2 if index % 5 == 0 else 1):
                reason, text = self.rng.choice(FLAG_REASONS)
                moderation_services.flag_create(
                    post=by_pk[post.pk], user=flagger, reason=reason, text=text
                )
                handled += 1
        self.stdout.write(f"  moderation: {len(spam)} spam, {len(hidden)} hidden, {handled} flags")
        for member in (m for m in members if m.spammer):
            spammer = get_user_model().objects.get(pk=member.user_id)
            moderation_services.member_ban(
                member=spammer,
                moderator=self.moderator,
                reason=moderation_services.BanReason.SPAMMER,
                note="도매 광고",
            )
        warned = [m for m in members if not m.spammer][::100]
        for member in warned:
            moderation_services.member_warn(
                member=get_user_model().objects.get(pk=member.user_id),
                moderator=self.moderator,
                reason_code=self.rng.choice(WARNING_REASONS),
                note="가이드라인을 다시 읽어 주세요.",
                notify=False,
            )

    def _flaggers(self, flaggers: list, post: Post, count: int) -> list:
        chosen = []
        for flagger in self.rng.sample(flaggers, min(len(flaggers), count + 1)):
            if flagger.pk != post.user_id and len(chosen) < count:
                chosen.append(flagger)
        return chosen


def _staff_name(user) -> str:
    from community.models import display_name_for

    return display_name_for(user)
