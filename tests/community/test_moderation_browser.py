"""In a real browser: a New member posts and waits for approval, a Moderator approves it in the
admin and it appears; a second member flags it off-topic, the Moderator warns the author, and
the author sees the warning at their next visit."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from community.factories import MemberFactory
from home.demo.accounts import DEMO_PASSWORD
from stories.models import StoryPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "목요일 로스팅 날에 맞춰 가면 갓 볶은 호지차를 맛볼 수 있어요."


def log_in(browser, live_server, email: str, password: str = DEMO_PASSWORD):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{live_server.url}/ko/accounts/login/")
    tab.get_by_label("이메일").fill(email)
    tab.get_by_label("비밀번호").fill(password)
    tab.get_by_role("button", name="로그인").click()
    tab.wait_for_load_state()
    return context, tab


def test_new_post_approved_flagged_and_author_warned(live_server, browser, artifacts_dir):
    call_command("load_demo", seed=7, stdout=io.StringIO())
    story = StoryPage.objects.get(slug="thursday-roasting-day", locale__language_code="ko")
    author = MemberFactory(
        username="sohee",
        email="sohee@dangol.example",
        password=DEMO_PASSWORD,
        display_name="소희",
        level="new",
    )
    EmailAddress.objects.create(user=author, email=author.email, verified=True, primary=True)
    thread = f"{live_server.url}/ko/community/pages/{story.pk}/"

    # A New member posts: the post waits for approval.
    author_context, member = log_in(browser, live_server, "sohee@dangol.example")
    member.goto(thread)
    member.get_by_role("radio", name="팁").check()
    member.get_by_label("글 내용").fill(TEXT)
    member.get_by_role("button", name="글 올리기").click()
    member.wait_for_load_state()
    assert member.get_by_text("고맙습니다! 관리자가 승인하면 글이 보여요.").is_visible()
    mine = member.locator("article.post").filter(has_text=TEXT)
    assert mine.get_by_text("승인 대기 중").is_visible()

    visitor_context = browser.new_context(locale="ko-KR")
    visitor = visitor_context.new_page()
    visitor.goto(thread)
    assert visitor.get_by_text(TEXT).count() == 0

    # The Moderator approves it from the queue in the admin.
    moderator_context, moderator = log_in(browser, live_server, "moderator@dangol.example")
    moderator.goto(f"{live_server.url}/admin/community/moderation/")
    row = moderator.locator("tr").filter(has_text=TEXT)
    row.get_by_role("button", name="승인").click()
    moderator.wait_for_load_state()
    assert moderator.locator("tr").filter(has_text=TEXT).count() == 0
    visitor.reload()
    assert visitor.get_by_text(TEXT).is_visible()

    # A second member flags it as off-topic.
    flagger_context, flagger = log_in(browser, live_server, "seoyeon@dangol.example")
    flagger.goto(thread)
    post = flagger.locator("article.post").filter(has_text=TEXT)
    post.locator("summary", has_text="신고").click()
    post.get_by_label("주제와 무관").check()
    post.get_by_role("button", name="모더레이터에게 보내기").click()
    flagger.wait_for_load_state()
    assert flagger.get_by_text("고맙습니다. 모더레이터가 이 글을 살펴볼게요.").is_visible()

    # The Moderator sees the flag and warns the author with a rule from the guidelines.
    moderator.goto(f"{live_server.url}/admin/community/moderation/?tab=flagged")
    row = moderator.locator("tr").filter(has_text=TEXT)
    assert row.get_by_text("주제와 무관").is_visible()
    row.get_by_role("link", name="소희").click()
    moderator.wait_for_load_state()
    moderator.locator("#warn-reason").select_option("off-topic")
    moderator.locator("#warn-note").fill("로스팅 이야기는 좋지만 가게 홍보는 빼 주세요.")
    moderator.get_by_role("button", name="경고", exact=True).click()
    moderator.wait_for_load_state()
    assert moderator.get_by_text("소희 님에게 경고했어요.").is_visible()
    moderator.screenshot(path=str(artifacts_dir / "moderation-member.png"), full_page=True)

    # The author sees the warning at their next visit, and dismisses it.
    member.goto(f"{live_server.url}/ko/")
    warning = member.locator(".member-notice--warning")
    assert warning.get_by_text("모더레이터가 경고했어요.").is_visible()
    assert warning.get_by_text("주제에서 벗어나지 않기", exact=False).is_visible()
    member.screenshot(path=str(artifacts_dir / "moderation-warning.png"), full_page=True)
    warning.get_by_role("button", name="닫기").click()
    member.wait_for_load_state()
    assert member.locator(".member-notice--warning").count() == 0
    for context in (author_context, visitor_context, moderator_context, flagger_context):
        context.close()
