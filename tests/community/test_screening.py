"""The screening pipeline: each rule, the pipeline's verdicts, and posting rate limits (429)."""

import datetime

import pytest
from django.utils import timezone, translation

from community import screening, services
from community.factories import MemberFactory, PostFactory
from community.models import (
    BlocklistEntry,
    Post,
    PostState,
    Screening,
    TrustLevel,
    TrustSettings,
)

from .conftest import form_data

pytestmark = pytest.mark.django_db


def candidate(text="안녕하세요, 호지차 좋아요.", *, author=None, level=TrustLevel.REGULAR, **kw):
    return screening.Candidate(
        text=text,
        author=author,
        level=level if author is not None else None,
        is_staff=False,
        settings=TrustSettings(),
        **kw,
    )


# Rules, one at a time -------------------------------------------------------------------------


def test_honeypot_rule_rejects_a_filled_trap(member):
    verdict = screening.HoneypotRule().check(candidate(author=member, honeypot="http://spam"))
    assert verdict.action == screening.Action.REJECT
    assert screening.HoneypotRule().check(candidate(author=member)).action == 0


def test_link_limit_applies_to_new_members_and_guests_only(member):
    text = "http://a.example http://b.example [c](https://c.example/x)"
    with translation.override("en"):
        new = screening.LinkLimitRule().check(candidate(text, author=member, level=TrustLevel.NEW))
    assert new.action == screening.Action.REJECT
    assert "at most 2 links" in new.reason and "has 3" in new.reason
    guest = screening.LinkLimitRule().check(candidate(text, guest_email="g@example.com"))
    assert guest.action == screening.Action.REJECT
    regular = screening.LinkLimitRule().check(candidate(text, author=member))
    assert regular.action == screening.Action.PASS
    two = screening.LinkLimitRule().check(
        candidate("http://a.example www.b.example", author=member, level=TrustLevel.NEW)
    )
    assert two.action == screening.Action.PASS


def test_duplicate_rule_within_minutes(member, story):
    post = PostFactory(page=story, user=member, comment="같은 글")
    rule = screening.DuplicateRule()
    assert rule.check(candidate("같은 글", author=member)).action == screening.Action.REJECT
    assert rule.check(candidate("다른 글", author=member)).action == screening.Action.PASS
    other = MemberFactory()
    assert rule.check(candidate("같은 글", author=other)).action == screening.Action.PASS
    Post.objects.filter(pk=post.pk).update(
        submit_date=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert rule.check(candidate("같은 글", author=member)).action == screening.Action.PASS


@pytest.mark.parametrize(
    ("kind", "value", "action", "text", "expected"),
    [
        ("word", "대출", "reject", "급전 대출 문의", screening.Action.REJECT),
        ("word", "대출", "hold", "급전 대출 문의", screening.Action.HOLD),
        ("word", "casino", "flag", "Best CASINO here", screening.Action.FLAG),
        (
            "domain",
            "spam.example",
            "reject",
            "see https://shop.spam.example/x",
            screening.Action.REJECT,
        ),
        ("domain", "spam.example", "hold", "see http://www.spam.example", screening.Action.HOLD),
        ("domain", "spam.example", "hold", "see http://notspam.example", screening.Action.PASS),
        ("word", "대출", "reject", "호지차 맛있어요", screening.Action.PASS),
    ],
)
def test_blocklist_rule(member, kind, value, action, text, expected):
    BlocklistEntry.objects.create(kind=kind, value=value, action=action)
    verdict = screening.BlocklistRule().check(candidate(text, author=member))
    assert verdict.action == expected


def test_pipeline_takes_the_most_severe_verdict_with_all_reasons(member):
    BlocklistEntry.objects.create(kind="word", value="이벤트", action="flag")
    BlocklistEntry.objects.create(kind="word", value="할인", action="hold")
    verdict = screening.screen(candidate("이벤트 할인 소식", author=member))
    assert verdict.action == screening.Action.HOLD
    assert "이벤트" in verdict.reason and "할인" in verdict.reason


def test_a_rule_is_one_class_in_a_list(settings, member):
    settings.COMMUNITY_SCREENING_RULES = ["tests.community.test_screening.NoTeaRule"]
    screening._configured_rules.cache_clear()
    try:
        assert screening.screen(candidate("커피가 좋아요", author=member)).action == 3
        assert screening.screen(candidate("차가 좋아요", author=member)).action == 0
    finally:
        screening._configured_rules.cache_clear()


class NoTeaRule(screening.Rule):
    def check(self, candidate):
        if "커피" in candidate.text:
            return screening.Verdict(screening.Action.REJECT, "차 이야기만 해 주세요.")
        return screening.PASS


# Through the posting service and the view -------------------------------------------------------


def test_every_post_goes_through_screening_held_posts_wait(client, member, story):
    BlocklistEntry.objects.create(kind="word", value="도매", action="hold")
    client.force_login(member)
    response = client.post("/ko/community/posts/", form_data(story, comment="도매 문의 주세요"))
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.state, post.screening) == (PostState.PENDING, Screening.HOLD)
    assert "도매" in post.screening_reason


def test_a_flagging_entry_publishes_but_marks_the_post(client, member, story):
    BlocklistEntry.objects.create(kind="domain", value="shop.example", action="flag")
    client.force_login(member)
    client.post("/ko/community/posts/", form_data(story, comment="제 가게 https://shop.example"))
    post = Post.objects.get()
    assert (post.state, post.screening) == (PostState.APPROVED, Screening.FLAG)


def test_a_rejected_post_keeps_the_text_and_saves_nothing(client, member, story):
    BlocklistEntry.objects.create(kind="domain", value="spam.example", action="reject")
    client.force_login(member)
    response = client.post(
        "/en/community/posts/", form_data(story, comment="buy at https://spam.example now")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Links to spam.example are not allowed here." in html
    assert "buy at https://spam.example now" in html
    assert Post.objects.count() == 0


def test_honeypot_through_the_view(client, member, product):
    client.force_login(member)
    response = client.post(
        "/ko/community/posts/", form_data(product, comment="스팸 글", honeypot="x")
    )
    assert response.status_code == 400
    assert Post.objects.count() == 0


def test_replies_and_edits_are_screened_too(client, member, story, support, open_phase):
    BlocklistEntry.objects.create(kind="word", value="금지어", action="reject")
    parent = PostFactory(page=story)
    client.force_login(member)
    reply = client.post(
        "/ko/community/posts/",
        form_data(story, kind="reply", reply_to=parent.pk, comment="금지어 답글"),
    )
    assert reply.status_code == 400
    own = PostFactory(page=story, user=member, comment="처음 글")
    edit = client.post(f"/ko/community/posts/{own.pk}/edit/", {"comment": "고친 금지어"})
    assert edit.status_code == 400
    own.refresh_from_db()
    assert own.comment == "처음 글"


def test_guest_posts_are_screened_before_the_confirmation_email(client, story, community_settings):
    community_settings.participation = "guests"
    community_settings.save()
    BlocklistEntry.objects.create(kind="word", value="대출", action="reject")
    data = form_data(story, comment="대출 상담", name="손님", email="g@example.com")
    response = client.post("/ko/community/posts/", data)
    assert response.status_code == 400
    assert "대출 상담" in response.content.decode()


# Rate limits ------------------------------------------------------------------------------------


def test_a_new_member_posting_too_fast_gets_429_with_the_text_kept(client, new_member, story):
    client.force_login(new_member)
    first = client.post("/ko/community/posts/", form_data(story, comment="첫 번째 글입니다"))
    assert first.status_code == 302
    second = client.post("/ko/community/posts/", form_data(story, comment="두 번째 글이에요"))
    assert second.status_code == 429
    assert 1 <= int(second["Retry-After"]) <= 30
    html = second.content.decode()
    assert "두 번째 글이에요" in html  # the typed text stays in the form
    assert "너무 자주 시도하셨습니다." in html and "후에 다시 해 주세요." in html
    assert Post.objects.count() == 1


def test_a_regular_may_post_again_sooner_than_a_new_member(client, member, story):
    settings_ = TrustSettings()
    assert settings_.rates_for(TrustLevel.NEW) == ["1/30s", "10/d"]
    assert settings_.rates_for(TrustLevel.REGULAR) == ["1/10s", "60/d"]
    client.force_login(member)
    client.post("/ko/community/posts/", form_data(story, comment="첫 번째 글입니다"))
    second = client.post("/ko/community/posts/", form_data(story, comment="두 번째 글이에요"))
    assert second.status_code == 429
    assert int(second["Retry-After"]) <= 10


def test_a_new_member_gets_ten_posts_a_day(member, story, community_settings, monkeypatch):
    from core import ratelimit

    new = MemberFactory(level="new")
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    for n in range(10):
        services.post_create(
            page=story,
            text=f"하루 열 번까지 {n}",
            kind="tip",
            author=new,
            community_settings=community_settings,
        )
        now[0] += 31
    with pytest.raises(ratelimit.RateLimited) as limited:
        services.post_create(
            page=story,
            text="열한 번째",
            kind="tip",
            author=new,
            community_settings=community_settings,
        )
    assert limited.value.retry_after > 3600


def test_the_ip_address_is_limited_across_accounts(client, story):
    TrustSettings.objects.create(site_id=story.get_site().pk, rate_ip="2/m", rate_regular="100/m")
    for n in range(2):
        client.force_login(MemberFactory())
        assert (
            client.post(
                "/ko/community/posts/", form_data(story, comment=f"글 {n} 입니다")
            ).status_code
            == 302
        )
    client.force_login(MemberFactory())
    response = client.post("/ko/community/posts/", form_data(story, comment="세 번째 계정"))
    assert response.status_code == 429


def test_rates_in_settings_are_validated():
    from django.core.exceptions import ValidationError

    from community.models.trust import validate_rates

    validate_rates("1/30s, 10/d")
    with pytest.raises(ValidationError):
        validate_rates("often")


def test_editing_too_fast_gets_429_with_the_edit_kept(client, new_member, story):
    post = PostFactory(page=story, user=new_member, state=PostState.PENDING, comment="처음 글")
    client.force_login(new_member)
    edit = f"/ko/community/posts/{post.pk}/edit/"
    assert client.post(edit, {"comment": "첫 번째 수정"}).status_code == 302
    response = client.post(edit, {"comment": "두 번째 수정"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "두 번째 수정" in response.content.decode()
    post.refresh_from_db()
    assert post.comment == "첫 번째 수정"
