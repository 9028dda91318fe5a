"""Support staff find FAQs in both languages; editors see what visitors search for."""

import datetime

import pytest
from django.utils import timezone

from core import roles
from home.factories import UserFactory
from search import analytics
from search.models import SearchQuery
from stories.factories import FAQCategoryPageFactory, FAQPageFactory, KnowledgeBasePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq(home, english_home, english, django_capture_on_commit_callbacks):
    category = FAQCategoryPageFactory(parent=KnowledgeBasePageFactory(parent=home), slug="orders")
    with django_capture_on_commit_callbacks(execute=True):
        category.save_revision().publish()
        page = FAQPageFactory(parent=category, title="배송은 얼마나 걸리나요?", slug="delivery")
        page.save_revision().publish()
        translation = page.copy_for_translation(english, copy_parents=True)
        translation.title = "How long does delivery take?"
        translation.save_revision().publish()
    return page


@pytest.fixture
def support(client):
    client.force_login(UserFactory(groups=[roles.SUPPORT]))
    return client


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(groups=[roles.EDITORS]))
    return client


def test_support_finds_faqs_in_both_languages(support, faq):
    response = support.get("/admin/search/faq-finder/", {"q": "배송"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>배송</mark>은 얼마나 걸리나요?" in html
    # One short link for both languages: it leads each reader to their own language.
    assert f'value="http://testserver/faq/{faq.pk}/"' in html
    english = support.get("/admin/search/faq-finder/", {"q": "delivery"}).content.decode()
    assert f'value="http://testserver/faq/{faq.pk}/"' in english


def test_the_finder_answers_partial_results_for_search_as_you_type(support, faq):
    response = support.get("/admin/search/faq-finder/", {"q": "배", "results_only": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "data-copy=" in html


def test_the_finder_rejects_a_too_long_query_and_keeps_it(support, faq):
    response = support.get("/admin/search/faq-finder/", {"q": "배" * 201})
    assert response.status_code == 400
    assert 'value="' + "배" * 201 + '"' in response.content.decode()


def test_the_finder_is_for_support_only(client, faq):
    client.force_login(UserFactory(groups=[roles.MODERATORS]))
    response = client.get("/admin/search/faq-finder/", {"q": "배송"})
    assert response.status_code in {302, 403}  # Wagtail sends it back to the dashboard
    assert "배송은" not in response.content.decode()
    assert "/admin/search/faq-finder/" not in client.get("/admin/").content.decode()


def test_support_sees_the_finder_in_the_menu(support):
    assert "/admin/search/faq-finder/" in support.get("/admin/").content.decode()


def test_editors_see_top_zero_result_and_click_through(editor):
    events = [analytics.record_search(query="배송", locale="ko", results=2) for _ in range(3)]
    analytics.record_click(event=events[0], url="/ko/faq/orders/delivery/", position=1)
    analytics.record_search(query="말차 라테", locale="ko", results=0)
    old = analytics.record_search(query="오래된 검색", locale="ko", results=0)
    analytics.flush()
    SearchQuery.objects.filter(event=old).update(
        searched_at=timezone.now() - datetime.timedelta(days=10)
    )
    html = editor.get("/admin/search/analytics/").content.decode()
    assert "배송" in html
    assert "말차 라테" in html
    assert "33%" in html  # one of three searches for 배송 led to a click
    assert "오래된 검색" not in html
    assert "오래된 검색" in editor.get("/admin/search/analytics/", {"days": 30}).content.decode()
    assert editor.get("/admin/search/analytics/", {"days": "x"}).status_code == 400


def test_the_report_shows_searches_still_waiting_in_this_process(editor):
    analytics.record_search(query="호지차", locale="ko", results=4)
    assert "호지차" in editor.get("/admin/search/analytics/").content.decode()


def test_analytics_are_for_editors_only(support):
    response = support.get("/admin/search/analytics/")
    assert response.status_code in {302, 403}
    assert "Top queries" not in response.content.decode()
