import factory
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from home import roles
from home.factories import UserFactory

from .models import MemberProfile, Post, PostKind, PostState, TrustLevel


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
