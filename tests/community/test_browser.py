"""A new member joins, asks under a FAQ, Support answers with a FAQ card, the member marks it
resolved and the FAQ lists the question: in a real browser."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from stories.models import FAQPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "tea leaves at dawn 2026"


def latest_mail(mail_dir: Path) -> str:
    files = sorted(mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime)
    assert files, "no email was written"
    return files[-1].read_text()


def test_member_question_answered_with_a_faq_and_resolved(
    live_server, browser, settings, tmp_path, artifacts_dir
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    call_command("load_demo", seed=7, stdout=io.StringIO())
    question_faq = FAQPage.objects.get(slug="shop-pickup", locale__language_code="ko")
    answer_faq = FAQPage.objects.get(slug="delivery-time", locale__language_code="ko")

    member_context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    member = member_context.new_page()

    # Sign up, then confirm the address from the email.
    member.goto(f"{live_server.url}/ko/accounts/signup/")
    member.get_by_label("이메일").fill("sora@dangol.example")
    member.get_by_label("표시 이름").fill("소라")
    member.get_by_label("비밀번호", exact=True).fill(PASSWORD)
    member.get_by_label("비밀번호 (확인)").fill(PASSWORD)
    member.get_by_role("button", name="회원가입").click()
    member.wait_for_load_state()
    confirm_url = re.search(r"http://\S+/ko/accounts/confirm-email/\S+/", latest_mail(tmp_path))
    member.goto(confirm_url.group(0))
    member.get_by_role("button", name="확인").click()
    member.wait_for_load_state()
    seen = member.content()
    if member.get_by_role("link", name="로그인").count():
        member.goto(f"{live_server.url}/ko/accounts/login/")
        member.get_by_label("이메일").fill("sora@dangol.example")
        member.get_by_label("비밀번호").fill(PASSWORD)
        member.get_by_role("button", name="로그인").click()
        member.wait_for_load_state()
        seen += member.content()
    assert member.get_by_role("link", name="소라").is_visible()
    assert "소담의 단골이 되어 주셔서 고맙습니다!" in seen  # the welcome message, once

    # Ask a question under a FAQ.
    member.goto(f"{live_server.url}/ko/community/pages/{question_faq.pk}/")
    member.get_by_role("radio", name="질문").check()
    member.get_by_label("글 내용").fill("토요일에도 매장에서 받을 수 있나요?")
    member.get_by_role("button", name="글 올리기").click()
    member.wait_for_load_state()
    # A new member's question waits for a moderator, who approves it.
    assert member.get_by_text("고맙습니다! 관리자가 승인하면 글이 보여요.").is_visible()
    from community import moderation_services
    from community.models import Post

    waiting = Post.objects.get(comment="토요일에도 매장에서 받을 수 있나요?")
    moderation_services.post_approve(
        post=waiting, moderator=get_user_model().objects.get(username="moderator")
    )
    member.reload()
    question = member.locator("article.post--question").filter(
        has_text="토요일에도 매장에서 받을 수 있나요?"
    )
    assert question.is_visible()

    # Support answers, choosing a FAQ by searching its title.
    support_context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    support = support_context.new_page()
    support.goto(f"{live_server.url}/ko/accounts/login/")
    support.get_by_label("이메일").fill("support@dangol.example")
    support.get_by_label("비밀번호").fill("dangol-demo-2026")
    support.get_by_role("button", name="로그인").click()
    support.wait_for_load_state()
    support.goto(f"{live_server.url}/ko/community/pages/{question_faq.pk}/")
    support.locator("article.post--question").filter(
        has_text="토요일에도 매장에서 받을 수 있나요?"
    ).get_by_role("link", name="답글").first.click()
    support.get_by_label("글 내용").fill("네, 토요일은 오후 6시까지 받으실 수 있어요.")
    support.get_by_label("FAQ 제목 검색").fill("배송")
    support.get_by_role("button", name=answer_faq.title).click()
    assert f"/faq/{answer_faq.pk}/" in support.get_by_label("FAQ 연결").input_value()
    support.get_by_role("button", name="답글 올리기").click()
    support.wait_for_load_state()
    answer = support.locator("article.post--official")
    assert answer.get_by_text("공식 답변").is_visible()
    assert answer.locator(".faq-card").get_by_text(answer_faq.title).is_visible()
    support.screenshot(path=str(artifacts_dir / "community-official-answer.png"), full_page=True)

    # The member was told by email, and marks the question resolved.
    assert "남기신 글에 소담 직원이 답했어요" in latest_mail(tmp_path)
    member.reload()
    member.get_by_role("button", name="이 답변으로 해결됐어요").click()
    member.wait_for_load_state()
    assert member.get_by_text("해결됨으로 표시했어요. 고맙습니다!").is_visible()
    resolved_question = member.locator("article.post--question").filter(
        has_text="토요일에도 매장에서 받을 수 있나요?"
    )
    assert resolved_question.get_by_text("해결됨", exact=True).is_visible()
    assert resolved_question.get_by_text("질문을 해결한 답변").is_visible()

    # The linked FAQ's own page lists the question it resolved.
    member.goto(f"{live_server.url}{answer_faq.url}")
    resolved = member.locator(".faq-resolved")
    assert resolved.get_by_role("link", name="토요일에도 매장에서 받을 수 있나요?").is_visible()
    member.screenshot(path=str(artifacts_dir / "community-faq-resolved.png"), full_page=True)
    member_context.close()
    support_context.close()


def test_a_member_post_with_script_stays_inert_in_the_browser(live_server, page):
    from community.factories import PostFactory

    call_command("load_demo", seed=7, stdout=io.StringIO())
    faq = FAQPage.objects.get(slug="shop-pickup", locale__language_code="ko")
    PostFactory(
        page=faq,
        comment=(
            '<script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2"> '
            "[link](javascript:window.pwned=3)"
        ),
    )
    page.goto(f"{live_server.url}/ko/community/pages/{faq.pk}/")
    page.get_by_text("[link](javascript:window.pwned=3)").click()
    assert page.evaluate("window.pwned") is None
    assert page.locator("article.post script, article.post img").count() == 0
