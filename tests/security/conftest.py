from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from wagtail.models import Site

from community.factories import MemberFactory, PostFactory
from community.models import CommunitySettings, Follow, GuestSubmission, MemberProfile, PostKind
from community.tokens import guest_token, unsubscribe_token
from core import roles
from home.factories import UserFactory
from stories.factories import FAQPageFactory, StoryPageFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(home):
    """One of everything a state-changing request can act on."""
    story = StoryPageFactory(title="목요일은 로스팅 데이")
    faq = FAQPageFactory(title="호지차는 몇 도에서 우리나요?", short_answer="90도 물")
    member = MemberFactory(username="jiwoo", display_name="지우")
    other = MemberFactory(username="minsu", display_name="민수")
    for user in (member, other):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    unverified = EmailAddress.objects.create(
        user=member, email="second@dangol.example", verified=False, primary=False
    )
    support = UserFactory(username="support-staff", groups=[roles.SUPPORT])
    moderator = UserFactory(username="moderator", groups=[roles.MODERATORS])
    editor = UserFactory(username="editor", groups=[roles.EDITORS])
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION, comment="몇 도?")
    answer = PostFactory(page=faq, user=support, parent=question, comment="90도입니다.")
    answer.is_official = True
    answer.save()
    tip = PostFactory(page=story, user=other, kind=PostKind.TIP, comment="잔을 데워요.")
    follow = Follow.objects.create(user=member, post=question)
    guest = GuestSubmission.objects.create(
        email="guest@example.com",
        name="손님",
        page=story,
        data={"text": "손님의 팁입니다.", "kind": "tip"},
    )
    awaiting = MemberFactory(username="newcomer", display_name="새내기")
    MemberProfile.objects.filter(user=awaiting).update(awaiting_approval=True)
    settings_ = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    return SimpleNamespace(
        home=home,
        story=story,
        faq=faq,
        member=member,
        other=other,
        unverified=unverified,
        support=support,
        moderator=moderator,
        editor=editor,
        superuser=superuser,
        question=question,
        answer=answer,
        tip=tip,
        follow=follow,
        unsubscribe_token=unsubscribe_token(follow),
        guest=guest,
        guest_token=guest_token(guest),
        awaiting=awaiting,
        community_settings=settings_,
    )
