import pytest
from django.core.cache import cache

from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    ProductPageFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # rate limits and cached pages live in the cache
    yield
    cache.clear()


@pytest.fixture
def faq(home):
    category = FAQCategoryPageFactory(
        parent=KnowledgeBasePageFactory(parent=home), title="우리기와 보관", slug="brewing"
    )
    return FAQPageFactory(
        parent=category,
        title="호지차는 몇 도에서 우리나요?",
        slug="water-temperature",
        short_answer="90도 물로 1분 우립니다.",
    )


@pytest.fixture
def english_faq(faq, english_home):
    """The FAQ translated to English (with its parents), as wagtail-localize would."""
    from wagtail.models import Locale

    from stories.models import FAQPage

    english = Locale.objects.get(language_code="en")
    for ancestor in faq.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.has_translation(english):
            ancestor.copy_for_translation(english).save_revision().publish()
    translation = faq.copy_for_translation(english)
    translation.title = "What temperature for hojicha?"
    translation.short_answer = "Water at 90°C for one minute."
    translation.save_revision().publish()
    return FAQPage.objects.get(pk=translation.pk)


@pytest.fixture
def product(home):
    return ProductPageFactory(title="망원 호지차", slug="mangwon-hojicha")
