import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core import roles
from home.factories import HomePageFactory, UserFactory

from .models import GuidelinesPage, MemberProfile, Post, PostKind, PostState, TrustLevel


class MemberFactory(UserFactory):
    """A member account (in the Members group) with a display name on its profile, at the
    Regular trust level unless ``level=`` says otherwise (``level="new"`` for a newcomer)."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(*Group.objects.filter(name__in=extracted or [roles.MEMBERS]))

    @factory.post_generation
    def display_name(self, create, extracted, **kwargs):
        if create:
            MemberProfile.objects.update_or_create(
                user=self, defaults={"display_name": extracted or self.username}
            )

    @factory.post_generation
    def level(self, create, extracted, **kwargs):
        if create:
            MemberProfile.objects.filter(user=self).update(level=extracted or TrustLevel.REGULAR)
            self._state.fields_cache.pop("community_profile", None)


class PostFactory(factory.django.DjangoModelFactory):
    """An approved post on ``page`` (pass ``parent=`` for a reply)."""

    page = None
    user = factory.SubFactory(MemberFactory)
    comment = factory.Faker("paragraph")
    kind = PostKind.TIP
    state = PostState.APPROVED
    submit_date = factory.LazyFunction(timezone.now)
    content_type = factory.LazyAttribute(
        lambda post: ContentType.objects.get_for_model(post.page.specific_class)
    )
    object_pk = factory.LazyAttribute(lambda post: str(post.page.pk))
    site_id = 1
    user_name = factory.LazyAttribute(lambda post: post.user.username if post.user else "손님")
    user_email = factory.LazyAttribute(
        lambda post: post.user.email if post.user else "guest@dangol.example"
    )
    parent_id = factory.LazyAttribute(lambda post: post.parent.pk if post.parent else 0)
    is_official = False

    class Meta:
        model = Post
        exclude = ["parent"]

    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.get("parent_id")
        if parent and kwargs.get("kind") not in (PostKind.REPLY,):
            kwargs["kind"] = PostKind.REPLY
        return super()._create(model_class, *args, **kwargs)


DEFAULT_RULES = [
    ("off-topic", "주제에서 벗어나지 않기", "차와 소담 이야기를 나눠 주세요."),
    ("self-promotion", "자기 가게 홍보 금지", "다른 가게나 상품을 광고하지 마세요."),
    ("fake-review", "솔직한 후기", "써 보지 않은 상품의 후기나 대가를 받은 후기는 안 됩니다."),
    ("respect", "서로 존중하기", "욕설과 인신공격은 삭제됩니다."),
]


class GuidelinesPageFactory(wagtail_factories.PageFactory):
    """The community guidelines under the home page, with a few coded rules."""

    title = "커뮤니티 가이드라인"
    slug = "guidelines"
    intro = "<p>모두가 편한 단골 모임을 위해 지켜 주세요.</p>"
    rules = factory.LazyFunction(
        lambda: [
            ("rule", {"code": code, "title": title, "text": text})
            for code, title, text in DEFAULT_RULES
        ]
    )

    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = GuidelinesPage
        django_get_or_create = ("slug", "parent")
