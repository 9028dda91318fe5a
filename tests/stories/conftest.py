import pytest
from django.core.cache import cache
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from community.factories import MemberFactory, PostFactory
from stories.factories import (
    AuthorFactory,
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    ProductPageFactory,
    StoryCategoryFactory,
    StoryIndexPageFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # rate limits and cached pages live in the cache
    yield
    cache.clear()


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def english_index(index, english_home):
    translation = index.copy_for_translation(english_home.locale)
    translation.title = "Stories"
    translation.save_revision().publish()
    return translation.specific


@pytest.fixture
def image(db):
    return Image.objects.create(title="찻잎", file=get_test_image_file(size=(1200, 800)))


@pytest.fixture
def category(home, korean):
    return StoryCategoryFactory(name="비하인드", slug="behind-the-scenes", locale=korean)


@pytest.fixture
def author(home, korean, image):
    return AuthorFactory(name="박소담", role="로스터", photo=image, locale=korean)


@pytest.fixture
def product(home, image):
    return ProductPageFactory(
        title="망원 호지차", slug="mangwon-hojicha", summary="고소한 호지차", image=image
    )


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
def member(db):
    return MemberFactory(username="jiwoo", display_name="지우")


@pytest.fixture
def approved_post(product, member):
    return PostFactory(page=product, user=member, comment="매일 아침 **호지차**로 시작해요.")


def every_block(*, image, product, faq, post) -> list[tuple[str, dict | str]]:
    """A body with one block of every type (raw StreamField data)."""
    return [
        {"type": "heading", "value": {"text": "찻잎이 오는 길"}},
        {"type": "paragraph", "value": "<p>목요일마다 <b>찻잎</b>을 볶습니다.</p>"},
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "볶은 찻잎 한 줌", "caption": "로스팅실"},
        },
        {"type": "quote", "value": {"quote": "천천히 마셔야 보입니다.", "attribution": "소담"}},
        {
            "type": "testimonial",
            "value": {"quote": "아침마다 마셔요.", "name": "김 선생님", "product": product.pk},
        },
        {"type": "product", "value": {"product": product.pk}},
        {"type": "faq", "value": {"faq": faq.pk}},
        {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=abc",
                "title": "로스팅 3분 요약",
                "description": "",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "text": "단골이 되어 주세요.",
                "button_label": "커뮤니티",
                "page": product.pk,
                "url": "",
            },
        },
        {"type": "customer_spotlight", "value": {"post": post.pk, "heading": "이달의 후기"}},
    ]
