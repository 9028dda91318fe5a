import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from home.factories import HomePageFactory

from .models import (
    Author,
    FAQCategoryPage,
    FAQPage,
    KnowledgeBasePage,
    ProductIndexPage,
    ProductPage,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
    StoryPageAuthor,
    StoryPageRelatedStory,
)


class StoryCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = StoryCategory


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    role = "로스터"

    class Meta:
        model = Author


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "이야기"
    slug = "stories"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = StoryIndexPage
        django_get_or_create = ("slug", "parent")


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    intro = factory.Faker("sentence")
    date = factory.LazyFunction(datetime.date.today)
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>매주 목요일 아침, 우리는 찻잎을 볶습니다.</p>"))]
    )
    parent = factory.SubFactory(StoryIndexPageFactory)

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        """``StoryPageFactory(tags=["hojicha"])`` tags the story."""
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        """``StoryPageFactory(authors=[author, ...])`` credits the authors in that order."""
        if extracted:
            for author in extracted:
                StoryPageAuthor.objects.create(page=self, author=author)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        """``StoryPageFactory(related=[story, ...])``: the editor's choice of related stories."""
        if extracted:
            for story in extracted:
                StoryPageRelatedStory.objects.create(page=self, story=story)


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    title = "제품"
    slug = "products"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = ProductIndexPage
        django_get_or_create = ("slug", "parent")


class ProductPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tea {n}")
    summary = factory.Faker("sentence")
    description = "<p>고소한 호지차입니다.</p>"
    parent = factory.SubFactory(ProductIndexPageFactory)

    class Meta:
        model = ProductPage


class KnowledgeBasePageFactory(wagtail_factories.PageFactory):
    title = "자주 묻는 질문"
    slug = "faq"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = KnowledgeBasePage
        django_get_or_create = ("slug", "parent")


class FAQCategoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"FAQ category {n}")
    parent = factory.SubFactory(KnowledgeBasePageFactory)

    class Meta:
        model = FAQCategoryPage


class FAQPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Question {n}?")
    short_answer = factory.Faker("sentence")
    answer = "<p>물 온도는 70도가 좋습니다.</p>"
    parent = factory.SubFactory(FAQCategoryPageFactory)

    class Meta:
        model = FAQPage
