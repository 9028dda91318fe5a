"""The demo that `make run` serves: complete, bilingual, and safe to load twice."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from home.demo.accounts import DEMO_ACCOUNTS
from stories.models import FAQCategoryPage, FAQPage, ProductPage, StoryCategory, StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_site):
    pass


@pytest.mark.parametrize("language", ["ko", "en"])
def test_demo_has_the_promised_content_in_each_language(language):
    def count(model):
        return model.objects.live().filter(locale__language_code=language).count()

    assert count(StoryPage) >= 8
    assert count(ProductPage) == 4
    assert count(FAQPage) == 15
    assert count(FAQCategoryPage) == 3
    assert StoryCategory.objects.filter(locale__language_code=language).count() == 4


def test_english_pages_are_wagtail_localize_translations():
    from wagtail_localize.models import Translation

    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    assert english_pages.count() > 25
    for page in english_pages:
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale
        ).exists(), page


def test_every_demo_page_answers_200_in_its_language(client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert len(pages) > 50
    for page in pages:
        url = page.get_url()
        language = page.locale.language_code
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode(), url


def test_english_story_shows_english_text(client):
    response = client.get("/en/stories/thursday-roasting-day/")
    html = response.content.decode()
    assert "Thursday is roasting day" in html
    assert "Behind the scenes" in html  # the category, translated
    assert "Tea leaves turning brown inside the roaster drum" in html  # image alt text
    assert "목요일" not in html


def test_section_index_urls_are_predictable(client):
    for language in ("ko", "en"):
        for section in ("stories", "products", "faq"):
            assert client.get(f"/{language}/{section}/").status_code == 200


def test_load_demo_twice_changes_nothing():
    before = (Page.objects.count(), Revision.objects.count(), StoryCategory.objects.count())
    call_command("load_demo", seed=7, stdout=io.StringIO())
    after = (Page.objects.count(), Revision.objects.count(), StoryCategory.objects.count())
    assert before == after


def test_demo_creates_one_account_per_role(django_user_model):
    for account in DEMO_ACCOUNTS:
        user = django_user_model.objects.get(username=account.username)
        if account.group:
            assert list(user.groups.values_list("name", flat=True)) == [account.group]
        else:
            assert user.is_superuser


def test_tree_is_consistent():
    assert Page.find_problems() == ([], [], [], [], [])
