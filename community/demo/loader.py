"""The demo community: members, posts through the posting service, answers, reactions."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_comments.models import CommentFlag
from wagtail.models import Locale, Page, Site

from community import services
from community.factories import MemberFactory
from community.models import (
    HELPFUL_FLAG,
    CommunitySettings,
    MemberProfile,
    Post,
    PostKind,
    TrustLevel,
)
from home.demo.accounts import DEMO_PASSWORD

from . import content


class DemoCommunity:
    def __init__(self, *, users: dict, rng: random.Random, stdout):
        self.users = users
        self.rng = rng
        self.stdout = stdout
        site = Site.objects.get(is_default_site=True)
        self.settings = CommunitySettings.for_site(site)

    def load(self) -> None:
        self.welcome_message()
        members = self.members()
        created = 0
        for language, threads in content.THREADS.items():
            locale = Locale.objects.get(language_code=language)
            for thread in threads:
                created += self.thread(thread, locale=locale, members=members)
        if created:
            self.stdout.write(f"  {created} posts")
        from .moderation import DemoModeration

        DemoModeration(
            users=self.users, members=members, settings=self.settings, stdout=self.stdout
        ).load()

    def welcome_message(self) -> None:
        if not self.settings.welcome_message_ko:
            self.settings.welcome_message_ko = content.WELCOME["ko"]
            self.settings.welcome_message_en = content.WELCOME["en"]
            self.settings.save()

    def members(self) -> dict:
        User = get_user_model()
        members = dict(self.users)
        for entry in content.MEMBERS:
            user = User.objects.filter(username=entry["username"]).first()
            if user is None:
                user = MemberFactory(
                    username=entry["username"],
                    email=entry["email"],
                    password=DEMO_PASSWORD,
                    display_name=entry["name"],
                )
                MemberProfile.objects.filter(user=user).update(language=entry["language"])
            members[entry["username"]] = user
        for user in members.values():
            # Demo accounts log in at once: their addresses count as confirmed.
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        member_profile = MemberProfile.objects.get(user=members["member"])
        if not member_profile.display_name:
            member_profile.display_name = "정호"
            member_profile.save(update_fields=["display_name"])
        if member_profile.level == TrustLevel.NEW:
            # The demo customer is a regular: their posts publish at once.
            member_profile.level = TrustLevel.REGULAR
            member_profile.save(update_fields=["level"])
            members["member"]._state.fields_cache.pop("community_profile", None)
        return members

    def _page(self, section: str, slug: str, locale: Locale) -> Page:
        home = Page.objects.get(depth=2, locale=locale)
        section_page = home.get_children().get(slug=section)
        return section_page.get_descendants().get(slug=slug).specific

    def _when(self, days_ago: int) -> datetime.datetime:
        minutes = self.rng.randint(8 * 60, 22 * 60)
        day = timezone.now() - datetime.timedelta(days=days_ago)
        return day.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(
            minutes=minutes
        )

    def thread(self, thread: dict, *, locale: Locale, members: dict) -> int:
        page = self._page(*thread["page"], locale)
        author = members[thread["author"]]
        existing = Post.objects.filter(page=page, user=author, comment=thread["text"]).first()
        if existing is not None:
            return 0
        post = services.post_create(
            page=page,
            text=thread["text"],
            kind=thread["kind"],
            rating=thread.get("rating"),
            author=author,
            community_settings=self.settings,
            notify=False,
            count_rate=False,
        )
        posted_at = self._when(thread["days_ago"])
        Post.objects.filter(pk=post.pk).update(submit_date=posted_at)
        self.helpful(post, count=thread.get("helpful", 0), members=members)
        created = 1
        for index, answer in enumerate(thread.get("answers", [])):
            faq_ids = [self._faq_id(slug, locale) for slug in answer.get("faqs", [])]
            reply = services.post_create(
                page=page,
                text=answer["text"],
                kind=PostKind.REPLY,
                parent=post,
                author=members[answer["author"]],
                faq_ids=faq_ids,
                community_settings=self.settings,
                notify=False,
                count_rate=False,
            )
            Post.objects.filter(pk=reply.pk).update(
                submit_date=posted_at + datetime.timedelta(hours=2 + index)
            )
            created += 1
            if answer.get("resolved"):
                services.question_resolve(question=post, answer=reply, user=author)
                Post.objects.filter(pk=post.pk).update(
                    resolved_at=posted_at + datetime.timedelta(hours=5)
                )
        return created

    def _faq_id(self, slug: str, locale: Locale) -> int:
        from stories.models import FAQPage

        return FAQPage.objects.get(slug=slug, locale=locale).pk

    def helpful(self, post: Post, *, count: int, members: dict) -> None:
        candidates = sorted(
            (user for name, user in members.items() if user.pk != post.user_id),
            key=lambda user: user.username,
        )
        candidates = [user for user in candidates if user.groups.filter(name="Members").exists()]
        for user in self.rng.sample(candidates, min(count, len(candidates))):
            CommentFlag.objects.get_or_create(
                comment=post, user=user, flag=HELPFUL_FLAG, defaults={"flag_date": timezone.now()}
            )
