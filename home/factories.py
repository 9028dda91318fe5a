import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from .models import HomePage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@dangol.example")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """``UserFactory(groups=["Editors"])`` adds the user to those role groups."""
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class HomePageFactory(wagtail_factories.PageFactory):
    title = "소담 티 로스터리"
    slug = "home"
    hero_heading = factory.Faker("sentence", nb_words=6)
    hero_text = factory.Faker("paragraph")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage
        django_get_or_create = ("slug", "parent")
