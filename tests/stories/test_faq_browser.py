"""“Was this helpful?” in a real browser: without a reload when JavaScript runs (under the
site's Content-Security-Policy), and as a plain form post when it does not."""

import pytest

from stories.factories import FAQCategoryPageFactory, FAQPageFactory, KnowledgeBasePageFactory
from stories.models import FAQFeedback

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def faq_url(home):
    category = FAQCategoryPageFactory(
        parent=KnowledgeBasePageFactory(parent=home), slug="brewing", title="우리기"
    )
    FAQPageFactory(parent=category, slug="water", title="물 온도는?", short_answer="90도입니다.")
    return "/ko/faq/brewing/water/"


def test_voting_with_javascript_needs_no_reload(live_server, page, faq_url):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(f"{live_server.url}{faq_url}")
    page.get_by_label("무엇이 부족했나요? (선택)").fill("보리차 온도도 알려 주세요.")
    page.get_by_role("button", name="아니요").click()
    status = page.locator("[data-faq-feedback-status]")
    status.get_by_text("보내 주신 의견으로").wait_for()
    assert page.url == f"{live_server.url}{faq_url}"  # no navigation
    vote = FAQFeedback.objects.get()
    assert (vote.helpful, vote.comment) == (False, "보리차 온도도 알려 주세요.")

    page.get_by_role("button", name="예").click()
    status.get_by_text("도움이 되었다니 기쁩니다").wait_for()
    assert page.get_by_role("button", name="예").get_attribute("aria-pressed") == "true"
    assert FAQFeedback.objects.count() == 1
    assert FAQFeedback.objects.get().helpful is True
    assert problems == []


def test_voting_without_javascript_posts_the_form(live_server, browser, faq_url):
    context = browser.new_context(locale="ko-KR", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{live_server.url}{faq_url}")
    tab.get_by_role("button", name="예").click()
    tab.wait_for_load_state()
    assert tab.url == f"{live_server.url}{faq_url}#faq-feedback"
    assert tab.get_by_text("고맙습니다! 도움이 되었다니 기쁩니다.").is_visible()
    assert FAQFeedback.objects.get().helpful is True
    context.close()
