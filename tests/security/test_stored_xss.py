"""Stored XSS: well-known payloads go in through every field a member or guest can write, and a
real browser shows the pages they land on — the thread, the page that embeds it, the community
front page, the member profile, the notification emails and the moderation admin. No dialog
ever opens and no injected element or attribute appears.

The browser runs with the Content-Security-Policy switched off: it would block most inline
script anyway, and this test checks the escaping and sanitising underneath it.

Adding a field is one line in FIELDS (a function that submits one payload through it)."""

import itertools
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from community import moderation_services
from community.factories import MemberFactory, PostFactory
from community.models import (
    CommunitySettings,
    GuestSubmission,
    MemberProfile,
    Post,
    PostKind,
    PostState,
    TrustSettings,
)
from community.tokens import guest_token
from core import roles
from home.factories import UserFactory
from stories.factories import FAQPageFactory, ProductPageFactory, StoryPageFactory
from tests.community.conftest import form_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Every payload names "xss-probe" in the part that would run, so that what the browser finds is ours.
PAYLOADS = [
    "<script>alert('xss-probe')</script>",
    "<img src=x onerror=alert('xss-probe')>",
    "<svg onload=alert('xss-probe')>",
    "<svg><script>alert('xss-probe')</script></svg>",
    "[click](javascript:alert('xss-probe'))",
    "[click](JaVaScRiPt:alert('xss-probe'))",
    "[click](java\tscript:alert('xss-probe'))",
    "[data](data:text/html,<script>alert('xss-probe')</script>)",
    "![pic](x\" onerror=\"alert('xss-probe'))",
    "<a href=\"javascript:alert('xss-probe')\">link</a>",
    "\"><script>alert('xss-probe')</script>",
    "' onmouseover='alert(\"xss-probe\")' x='",
    "<<script>script>alert('xss-probe')<</script>/script>",
    "<scr<script>ipt>alert('xss-probe')</scr</script>ipt>",
    "<details open ontoggle=alert('xss-probe')>",
    "<iframe src=\"javascript:alert('xss-probe')\"></iframe>",
    "&lt;script&gt;alert('xss-probe')&lt;/script&gt;",
    "&#60;img src=x onerror=alert('xss-probe')&#62;",
    "%3Cscript%3Ealert('xss-probe')%3C/script%3E",
    "<style>*{background:url('javascript:alert(\"xss-probe\")')}</style>",
    "<math><mtext></p><img src=x onerror=alert('xss-probe')></mtext></math>",
]

# The payloads carry a marker with a hyphen, which no random token (CSRF, ids) can contain.
FIND_INJECTIONS = """() => {
    const found = [];
    const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value;
            if (name.startsWith("on") && /xss-probe/i.test(value)) {
                found.push(element.outerHTML.slice(0, 200));
            }
            if (urlAttributes.includes(name) && /^\\s*(javascript|data|vbscript):/i.test(value)
                    && /xss-probe/i.test(element.outerHTML)) {
                found.push(element.outerHTML.slice(0, 200));
            }
        }
        const tag = element.tagName.toLowerCase();
        if (["script", "style", "iframe", "object", "embed", "svg", "math"].includes(tag)
                && /xss-probe/i.test(element.outerHTML)) {
            found.push(element.outerHTML.slice(0, 200));
        }
    }
    return found;
}"""


class World:
    """What the fields write to, and where the results show."""

    def __init__(self):
        self.story = StoryPageFactory(title="목요일은 로스팅 데이")
        self.faq = FAQPageFactory(title="호지차는 몇 도?", short_answer="90도")
        self.product = ProductPageFactory(title="망원 호지차")
        self.moderator = UserFactory(username="moderator", groups=[roles.MODERATORS])
        self.asker = MemberFactory(username="asker", display_name="질문한 사람")
        self.question = PostFactory(
            page=self.faq, user=self.asker, kind=PostKind.QUESTION, comment="보관은요?"
        )
        self.members = []
        self.counter = itertools.count()

    def new_member(self) -> tuple:
        number = next(self.counter)
        member = MemberFactory(username=f"writer{number}", display_name=f"작성자{number}")
        self.members.append(member)
        client = Client()
        client.force_login(member)
        return member, client


def post_as_new_member(world, page, kind, text, **fields):
    _member, client = world.new_member()
    client.post("/ko/community/posts/", form_data(page, kind=kind, comment=text, **fields))


def tip_body(world, payload):
    post_as_new_member(world, world.story, "tip", payload)


def question_body(world, payload):
    post_as_new_member(world, world.faq, "question", payload)


def review_body(world, payload):
    post_as_new_member(world, world.product, "review", payload, rating=4)


def reply_body(world, payload):
    post_as_new_member(world, world.faq, "reply", payload, reply_to=world.question.pk)


def display_name_from_profile(world, payload):
    member, client = world.new_member()
    client.post(
        "/ko/community/profile/",
        {"display_name": payload, "language": "ko", "notify_followed_threads": "on"},
    )
    client.post("/ko/community/posts/", form_data(world.story, kind="tip", comment="이름 시험"))


def display_name_from_signup(world, payload):
    number = next(world.counter)
    email = f"signup{number}@dangol.example"
    Client().post(
        "/ko/accounts/signup/",
        {"email": email, "display_name": payload, "password1": "tea-2026-leaf",
         "password2": "tea-2026-leaf"},
    )  # fmt: skip
    member = MemberProfile.objects.filter(user__email=email).first()
    if member is not None:
        world.members.append(member.user)
        client = Client()
        client.force_login(member.user)
        client.post("/ko/community/posts/", form_data(world.story, kind="tip", comment="가입 시험"))


def guest(world, payload, name=None, email=None):
    number = next(world.counter)
    Client().post(
        "/ko/community/posts/",
        form_data(
            world.faq,
            kind="question",
            comment="손님의 질문이에요.",
            name=name or f"손님{number}",
            email=email or f"guest{number}@example.com",
        ),
    )
    for submission in GuestSubmission.objects.filter(confirmed_at__isnull=True):
        Client().post(f"/ko/community/confirm/{guest_token(submission)}/")
    for post in Post.objects.filter(state=PostState.PENDING):
        moderation_services.post_approve(post=post, moderator=world.moderator)


def guest_name(world, payload):
    guest(world, payload, name=payload)


def guest_email(world, payload):
    # A quoted local part lets markup through Django's email validation.
    guest(world, payload, email='"' + re.sub(r"[\s\"\\\\]", "", payload) + '"@example.com')


# (field, how one payload is submitted through it)
FIELDS = [
    ("tip body", tip_body),
    ("question body", question_body),
    ("review body", review_body),
    ("reply body", reply_body),
    ("display name (profile)", display_name_from_profile),
    ("display name (signup)", display_name_from_signup),
    ("guest name", guest_name),
    ("guest email", guest_email),
]


def public_urls(world) -> list[str]:
    urls = ["/ko/community/", "/en/community/"]
    for page in (world.story, world.faq, world.product):
        urls += [page.url, f"/ko/community/pages/{page.pk}/"]
    urls += [f"/ko/community/members/{member.pk}/" for member in world.members]
    return urls


def admin_urls(world, posts_of: dict[str, list[int]]) -> list[str]:
    index = reverse("community_posts:index")
    pages = -(-Post.objects.count() // 30)
    urls = [f"{index}?p={number}" for number in range(1, pages + 1)]
    urls += [f"{index}?unanswered=true", reverse("community_admin:members")]
    # Every field's posts once in the inspect view (the kinds of post body share one field).
    inspected = {field: pks for field, pks in posts_of.items() if not field.endswith(" body")}
    inspected["post body"] = posts_of["tip body"]
    urls += [
        reverse("community_posts:inspect", args=[pk]) for pks in inspected.values() for pk in pks
    ]
    urls += [reverse("community_posts:edit", args=[Post.objects.order_by("pk").last().pk])]
    return urls


def test_no_payload_runs_or_injects_anywhere(live_server, browser, settings, home):
    cache.clear()
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    community_settings = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    community_settings.participation = "guests"
    community_settings.phase = "open"
    community_settings.threads_per_page = 500
    community_settings.save()
    # Every payload comes from this one test address: lift the per-address posting rate.
    trust_settings = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust_settings.rate_ip = "10000/m"
    trust_settings.save()
    world = World()

    posts_of = {}
    for field, submit in FIELDS:
        before = set(Post.objects.values_list("pk", flat=True))
        for payload in PAYLOADS:
            submit(world, payload)
        posts_of[field] = sorted(set(Post.objects.values_list("pk", flat=True)) - before)
        assert posts_of[field], f"{field}: nothing was stored"

    context = browser.new_context(bypass_csp=True, locale="ko-KR")
    dialogs, problems = [], []
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def check(where: str):
        for injected in tab.evaluate(FIND_INJECTIONS):
            problems.append(f"{where}: {injected}")

    for url in public_urls(world):
        response = tab.goto(f"{live_server.url}{url}")
        assert response.status < 400, url
        check(url)

    for number, message in enumerate(mail.outbox):
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                tab.set_content(content)
                check(f"email {number} ({message.subject})")
        assert message.content_subtype == "plain" or not message.alternatives

    MemberProfile.objects.filter(user__in=world.members).update(awaiting_approval=True)
    moderator_session = Client()
    moderator_session.force_login(world.moderator)
    context.add_cookies(
        [{"name": "sessionid", "value": moderator_session.cookies["sessionid"].value,
          "url": live_server.url}]
    )  # fmt: skip
    for url in admin_urls(world, posts_of):
        response = tab.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        check(url)
    context.close()

    cache.clear()  # allauth's limits and cooldowns from the signups above
    assert dialogs == []
    assert problems == []
