import pytest

from community.factories import MemberFactory
from community.models import CommunitySettings
from core import roles
from home.factories import UserFactory
from stories.factories import FAQPageFactory, ProductPageFactory, StoryPageFactory


@pytest.fixture
def product(home):
    return ProductPageFactory(title="망원 호지차")


@pytest.fixture
def story(home):
    return StoryPageFactory(title="목요일은 로스팅 데이")


@pytest.fixture
def faq(home):
    return FAQPageFactory(
        title="호지차는 몇 도에서 우리나요?", short_answer="90도 물로 1분 우립니다."
    )


@pytest.fixture
def member(db):
    return MemberFactory(username="jiwoo", display_name="지우")


@pytest.fixture
def new_member(db):
    """A member at the New trust level: their posts wait for approval."""
    return MemberFactory(username="saeun", display_name="새은", level="new")


@pytest.fixture
def other_member(db):
    return MemberFactory(username="minsu", display_name="민수")


@pytest.fixture
def support(db):
    return UserFactory(username="support-staff", groups=[roles.SUPPORT])


@pytest.fixture
def community_settings(home):
    from wagtail.models import Site

    return CommunitySettings.for_site(Site.objects.get(is_default_site=True))


def form_data(page, **fields) -> dict:
    """What the post form sends for ``page``: the security fields plus ``fields``."""
    from community.forms import PostForm

    form = PostForm(page)
    data = {
        name: form.initial[name]
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update({"reply_to": "0", "honeypot": "", "kind": "tip", "comment": ""})
    data.update({key: str(value) for key, value in fields.items()})
    return data


@pytest.fixture
def open_phase(community_settings):
    community_settings.phase = "open"
    community_settings.save()
    return community_settings


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits are counted in the cache, which outlives a test's database rollback."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
