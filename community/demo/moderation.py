"""The demo's trust and moderation: the guidelines page in both languages, members at every
level, a few posts waiting or flagged, one warned member and one banned spammer, and a small
blocklist, so a new moderator finds a realistic queue. Safe to run again."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page

from community import moderation_services, services
from community.factories import MemberFactory, PostFactory
from community.models import (
    BlocklistEntry,
    CommunitySettings,
    Flag,
    GuidelinesPage,
    MemberProfile,
    Post,
    TrustLevel,
    Warning,
)
from home.demo.accounts import DEMO_PASSWORD
from home.demo.loader import publish
from home.demo.translation import translate

RULES = [
    (
        "off-topic",
        (
            "주제에서 벗어나지 않기",
            "소담의 차, 이야기, 매장에 관한 글을 나눠 주세요. 관계없는 글은 숨깁니다.",
        ),
        (
            "Stay on topic",
            "Share posts about Sodam's teas, stories and shop. Unrelated posts are hidden.",
        ),
    ),
    (
        "self-promotion",
        ("자기 가게 홍보 금지", "다른 가게, 상품, 서비스를 광고하거나 링크를 퍼뜨리지 마세요."),
        ("No advertising", "Do not advertise other shops, products or services, or spread links."),
    ),
    (
        "fake-review",
        (
            "솔직한 후기만",
            "직접 마셔 본 차만 후기로 남겨 주세요. 대가를 받은 후기나 지어낸 후기는 삭제합니다.",
        ),
        (
            "Honest reviews only",
            "Review only teas you tried yourself. Paid or invented reviews are removed.",
        ),
    ),
    (
        "respect",
        ("서로 존중하기", "욕설, 비하, 인신공격은 경고 없이 삭제할 수 있어요."),
        ("Be kind", "Insults, slurs and personal attacks may be removed without warning."),
    ),
    (
        "impersonation",
        ("사칭 금지", "소담 직원이나 다른 회원인 척하는 계정은 바로 이용이 중지됩니다."),
        (
            "No impersonation",
            "Accounts pretending to be Sodam's staff or another member are banned at once.",
        ),
    ),
]

LEVELS = {"dahye": TrustLevel.HERO, "junho": TrustLevel.TRUSTED, "emma": TrustLevel.TRUSTED}

NEWCOMER = {"username": "saeun", "email": "saeun@dangol.example", "name": "새은", "language": "ko"}
WARNED = "minji"
SPAMMER = {"username": "cheap-tea", "email": "cheap-tea@spam.example", "name": "초특가 차도매"}

WAITING_POSTS = [
    (
        "stories",
        "thursday-roasting-day",
        "tip",
        "로스팅 날 매장에 가면 볶은 찻잎 냄새가 정말 좋아요. 오후 3시쯤이 제일 향이 진해요.",
    ),
    (
        "products",
        "mangwon-hojicha",
        "question",
        "호지차를 냉침으로 우려도 맛이 괜찮을까요? 몇 시간 정도 두면 될까요?",
    ),
]
HELD_POST = (
    "products",
    "mangwon-hojicha",
    "tip",
    "호지차 도매 문의는 제 블로그로 연락 주세요. 더 싸게 드려요.",
)
SPAM_POSTS = [
    (
        "products",
        "mangwon-hojicha",
        "tip",
        "초특가 녹차 1+1 지금 바로 cheap-tea.example 에서 만나 보세요",
    ),
    ("stories", "thursday-roasting-day", "tip", "차 도매 최저가! 링크 클릭 cheap-tea.example"),
]
OFF_TOPIC = (
    "stories",
    "thursday-roasting-day",
    "tip",
    "망원시장 떡볶이집 어디가 제일 맛있나요? 추천 부탁드려요.",
)


class DemoModeration:
    def __init__(self, *, users: dict, members: dict, settings: CommunitySettings, stdout):
        self.users = users
        self.members = members
        self.settings = settings
        self.stdout = stdout
        self.moderator = users["moderator"]

    def load(self) -> None:
        self.guidelines()
        self.blocklist()
        self.levels()
        newcomer = self.newcomer()
        self.waiting(newcomer)
        self.flagged()
        self.warned()
        self.spammer()

    def _page(self, section: str, slug: str, language: str = "ko") -> Page:
        locale = Locale.objects.get(language_code=language)
        home = Page.objects.get(depth=2, locale=locale)
        return home.get_children().get(slug=section).get_descendants().get(slug=slug).specific

    def guidelines(self) -> None:
        korean = Locale.objects.get(language_code="ko")
        if GuidelinesPage.objects.filter(locale=korean).exists():
            return
        home = Page.objects.get(depth=2, locale=korean)
        page = GuidelinesPage(
            title="커뮤니티 가이드라인",
            slug="guidelines",
            intro="<p>소담의 단골 모임이 모두에게 편안한 곳이 되도록 지켜 주세요.</p>",
            rules=[
                ("rule", {"code": code, "title": ko[0], "text": ko[1]}) for code, ko, _en in RULES
            ],
            owner=self.users["editor"],
        )
        home.add_child(instance=page)
        page = publish(page, self.users["approver"])
        english_rules = [
            {
                "type": "rule",
                "id": block.id,
                "value": {"code": code, "title": en[0], "text": en[1]},
            }
            for block, (code, _ko, en) in zip(page.rules, RULES, strict=True)
        ]
        translate(
            page,
            {
                "title": "Community guidelines",
                "intro": "<p>Help keep Sodam's circle of regulars a good place for everyone.</p>",
                "rules": english_rules,
            },
            locale=Locale.objects.get(language_code="en"),
            user=self.users["approver"],
        )
        self.stdout.write("  guidelines in Korean and English")

    def blocklist(self) -> None:
        for kind, value, action, note in [
            ("domain", "cheap-tea.example", "reject", "Spam shop seen in 2026"),
            ("word", "도매", "hold", "Wholesale offers are usually advertising"),
            ("word", "최저가", "flag", "Price advertising"),
        ]:
            BlocklistEntry.objects.get_or_create(
                kind=kind, value=value, defaults={"action": action, "note": note}
            )

    def levels(self) -> None:
        for username, level in LEVELS.items():
            profile = MemberProfile.objects.get(user=self.members[username])
            if profile.granted_level != level:
                profile.granted_level = level
                profile.level = level
                profile.level_changed_at = timezone.now()
                profile.save(update_fields=["granted_level", "level", "level_changed_at"])

    def _member(self, entry: dict, level: str):
        user = get_user_model().objects.filter(username=entry["username"]).first()
        if user is None:
            user = MemberFactory(
                username=entry["username"],
                email=entry["email"],
                password=DEMO_PASSWORD,
                display_name=entry["name"],
                level=level,
            )
            MemberProfile.objects.filter(user=user).update(language=entry.get("language", "ko"))
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        return user

    def newcomer(self):
        user = self._member(NEWCOMER, TrustLevel.NEW)
        get_user_model().objects.filter(pk=user.pk).update(
            date_joined=timezone.now() - datetime.timedelta(days=2)
        )
        return user

    def _post(self, author, spec, **kwargs) -> Post:
        section, slug, kind, text = spec
        existing = Post.objects.filter(user=author, comment=text).first()
        if existing is not None:
            return existing
        return services.post_create(
            page=self._page(section, slug),
            text=text,
            kind=kind,
            author=author,
            community_settings=self.settings,
            notify=False,
            count_rate=False,
            **kwargs,
        )

    def waiting(self, newcomer) -> None:
        for spec in WAITING_POSTS:
            self._post(newcomer, spec)
        self._post(self.members["seoyeon"], HELD_POST)  # held by the blocklist

    def flagged(self) -> None:
        post = self._post(self.members["seoyeon"], OFF_TOPIC)
        for username, reason, text in [
            ("hana", "off_topic", ""),
            ("daniel", "other", "Not about tea at all."),
        ]:
            flagger = self.members[username]
            if not Flag.objects.filter(post=post, user=flagger).exists():
                moderation_services.flag_create(post=post, user=flagger, reason=reason, text=text)

    def warned(self) -> None:
        member = self.members[WARNED]
        if not Warning.objects.filter(user=member).exists():
            moderation_services.member_warn(
                member=member,
                moderator=self.moderator,
                reason_code="self-promotion",
                note="가게 링크는 빼고 다시 올려 주세요.",
                notify=False,
            )

    def spammer(self) -> None:
        spammer = self._member(SPAMMER, TrustLevel.REGULAR)
        profile = MemberProfile.objects.get(user=spammer)
        if profile.is_banned:
            return
        # Posted before the blocklist knew the shop's domain.
        for section, slug, kind, text in SPAM_POSTS:
            if not Post.objects.filter(user=spammer, comment=text).exists():
                PostFactory(page=self._page(section, slug), user=spammer, kind=kind, comment=text)
        moderation_services.member_ban(
            member=spammer, moderator=self.moderator, reason="spammer", note="도매 광고"
        )
        self.stdout.write("  a waiting queue, flags, a warned member and a banned spammer")
