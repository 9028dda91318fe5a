"""Posting reviews, tips, questions and replies, and every bad input, in both languages."""

import time

import pytest
from django.urls import reverse
from django.utils import translation

from community.factories import PostFactory
from community.models import Post, PostKind, PostState
from stories.factories import ProductPageFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def post_url(language: str = "ko") -> str:
    with translation.override(language):
        return reverse("community:post_create")


def test_member_reviews_a_product(client, member, product):
    client.force_login(member)
    response = client.post(
        post_url(),
        form_data(product, kind="review", rating=5, comment="아주 **고소**해요. 저녁에도 좋아요."),
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ko/community/pages/{product.pk}/#post-{post.pk}"
    assert (post.kind, post.rating, post.state, post.user) == ("review", 5, "approved", member)
    assert post.page_id == product.pk and post.level == 0

    page = client.get(response["Location"]).content.decode()
    assert "<strong>고소</strong>" in page
    assert "고맙습니다! 글이 올라갔어요." in page
    assert "5.0" in page  # the review summary


@pytest.mark.parametrize("kind", ["tip", "question"])
def test_member_posts_tips_and_questions_on_a_story(client, member, story, kind):
    client.force_login(member)
    response = client.post(post_url(), form_data(story, kind=kind, comment="잔을 먼저 데워요."))
    assert response.status_code == 302
    assert Post.objects.get().kind == kind


def test_staff_reply_is_an_official_answer(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    client.force_login(support)
    response = client.post(
        post_url(), form_data(faq, kind="reply", reply_to=question.pk, comment="90도 물을 쓰세요.")
    )
    assert response.status_code == 302
    answer = Post.objects.get(kind=PostKind.REPLY)
    assert answer.is_official
    assert (answer.parent_id, answer.thread_id, answer.level) == (question.pk, question.pk, 1)
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert "공식 답변" in html


# Bad input: a clear message in the visitor's language, the typed text kept, nothing saved. ----

BAD_INPUTS = [
    # (fields, Korean message, English message)
    (
        {"kind": "tip", "comment": ""},
        "글 내용을 입력해 주세요.",
        "Please write something before posting.",
    ),
    (
        {"kind": "tip", "comment": "   "},
        "글 내용을 입력해 주세요.",
        "Please write something before posting.",
    ),
    (
        {"kind": "tip", "comment": "가" * 3001},
        "글이 너무 깁니다. 3000자까지 쓸 수 있어요(지금 3001자).",
        "Your post is too long: at most 3000 characters (it has 3001).",
    ),
    (
        {"kind": "review", "comment": "맛있어요"},
        "후기에는 별점(1~5개)이 필요해요.",
        "A review needs a rating from 1 to 5 stars.",
    ),
    (
        {"kind": "review", "rating": "6", "comment": "맛있어요"},
        "별점은 1~5개 중에서 골라 주세요.",
        "Choose a rating from 1 to 5 stars.",
    ),
    (
        {"kind": "review", "rating": "0", "comment": "맛있어요"},
        "별점은 1~5개 중에서 골라 주세요.",
        "Choose a rating from 1 to 5 stars.",
    ),
    (
        {"kind": "review", "rating": "다섯", "comment": "맛있어요"},
        "별점은 1~5개 중에서 골라 주세요.",
        "Choose a rating from 1 to 5 stars.",
    ),
    (
        {"kind": "announcement", "comment": "맛있어요"},
        "여기에는 이런 종류의 글을 쓸 수 없어요.",
        "This kind of post is not possible here.",
    ),
]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(("fields", "ko_message", "en_message"), BAD_INPUTS)
def test_bad_input_is_refused_with_the_text_kept(
    client, member, product, language, fields, ko_message, en_message
):
    client.force_login(member)
    response = client.post(post_url(language), form_data(product, **fields))
    html = response.content.decode()
    assert response.status_code == 400
    assert (ko_message if language == "ko" else en_message) in html
    if fields["comment"].strip():
        assert fields["comment"][:100] in html
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ko", "후기는 제품 페이지에만 쓸 수 있어요."),
        ("en", "Reviews are only possible on products."),
    ],
)
def test_a_review_on_a_story_is_refused(client, member, story, language, message):
    client.force_login(member)
    data = form_data(story, kind="review", rating=4, comment="이야기가 좋아요")
    response = client.post(post_url(language), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "이야기가 좋아요" in html
    assert Post.objects.count() == 0
    # The form on a story offers no review at all, so the kind is refused as not possible here.
    assert message in html or ("여기에는" in html if language == "ko" else "not possible" in html)


def test_the_service_refuses_a_review_on_a_story_by_name(member, story, community_settings):
    from django.core.exceptions import ValidationError

    from community import services

    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.post_create(
            page=story,
            text="좋아요",
            kind="review",
            rating=5,
            author=member,
            community_settings=community_settings,
        )
    assert error.value.message_dict["kind"] == ["Reviews are only possible on products."]


@pytest.mark.parametrize(
    ("language", "message"),
    [("ko", "양식을 확인할 수 없거나"), ("en", "This form could not be verified")],
)
def test_a_tampered_form_is_refused_and_can_be_posted_again(
    client, member, product, language, message
):
    client.force_login(member)
    other = ProductPageFactory(title="첫물 녹차")
    data = form_data(product, kind="tip", comment="냉침도 맛있어요")
    data["object_pk"] = str(other.pk)  # points the signed form at another page
    response = client.post(post_url(language), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "냉침도 맛있어요" in html
    assert Post.objects.count() == 0

    # The refused form carries fresh security fields: posting it again as it is works.
    form = response.context["form"]
    resubmitted = {name: form[name].value() for name in form.fields if form[name].value()}
    resubmitted.update({"comment": "냉침도 맛있어요", "kind": "tip", "reply_to": "0"})
    again = client.post(post_url(language), resubmitted)
    assert again.status_code == 302
    assert Post.objects.get().page_id == other.pk


def test_an_expired_form_is_refused(client, member, product, monkeypatch):
    client.force_login(member)
    data = form_data(product, kind="tip", comment="오래 열어 둔 양식")
    monkeypatch.setattr(time, "time", lambda: float(data["timestamp"]) + 3 * 3600)
    response = client.post(post_url(), data)
    assert response.status_code == 400
    assert "오래 열어 둔 양식" in response.content.decode()
    assert Post.objects.count() == 0


def test_a_post_without_its_page_gets_a_clear_400(client, member):
    client.force_login(member)
    response = client.post(post_url("en"), {"comment": "hello", "object_pk": "nope"})
    assert response.status_code == 400
    assert "This form does not belong to any page" in response.content.decode()


def test_a_filled_honeypot_is_refused(client, member, product):
    client.force_login(member)
    response = client.post(
        post_url(), form_data(product, kind="tip", comment="스팸", honeypot="http://spam")
    )
    assert response.status_code == 400
    assert Post.objects.count() == 0


def test_one_review_per_member_per_product(client, member, product):
    PostFactory(page=product, user=member, kind=PostKind.REVIEW, rating=4)
    client.force_login(member)
    response = client.post(
        post_url("en"), form_data(product, kind="review", rating=5, comment="again")
    )
    assert response.status_code == 400
    assert "You have already reviewed this product" in response.content.decode()
    assert Post.objects.count() == 1
    # The thread offers the member to edit their review instead.
    html = client.get(f"/ko/community/pages/{product.pk}/").content.decode()
    assert "후기 수정하기" in html


def test_a_deleted_review_can_be_written_again(client, member, product):
    from community import services

    review = PostFactory(page=product, user=member, kind=PostKind.REVIEW, rating=2)
    services.post_delete(post=review, user=member)
    client.force_login(member)
    response = client.post(
        post_url(), form_data(product, kind="review", rating=5, comment="다시 마셔 보니 좋아요")
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ko", "답글을 더 깊이 달 수 없어요."),
        ("en", "Replies cannot go deeper here: please answer the post above instead."),
    ],
)
def test_a_reply_deeper_than_allowed_is_refused(
    client, member, other_member, faq, open_phase, settings, language, message
):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 1
    question = PostFactory(page=faq, user=other_member, kind=PostKind.QUESTION)
    reply = PostFactory(page=faq, user=other_member, parent=question)
    assert reply.level == 1
    client.force_login(member)
    data = form_data(faq, kind="reply", reply_to=reply.pk, comment="더 깊은 답글")
    response = client.post(post_url(language), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "더 깊은 답글" in html
    assert Post.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ko", "지금은 소담 직원만 답글을 달 수 있어요."),
        ("en", "For now only our staff reply in threads."),
    ],
)
def test_brand_led_phase_refuses_a_members_reply(
    client, member, other_member, faq, community_settings, language, message
):
    assert community_settings.phase == "brand_led"  # the default
    question = PostFactory(page=faq, user=other_member, kind=PostKind.QUESTION)
    client.force_login(member)
    data = form_data(faq, kind="reply", reply_to=question.pk, comment="저도 궁금해요")
    response = client.post(post_url(language), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "저도 궁금해요" in html
    assert Post.objects.count() == 1


def test_open_conversation_lets_members_reply(client, member, other_member, faq, open_phase):
    question = PostFactory(page=faq, user=other_member, kind=PostKind.QUESTION)
    client.force_login(member)
    data = form_data(faq, kind="reply", reply_to=question.pk, comment="저는 85도가 좋았어요")
    response = client.post(post_url(), data)
    assert response.status_code == 302
    reply = Post.objects.get(kind="reply")
    assert not reply.is_official
    assert reply.parent_id == question.pk


def test_switching_phase_keeps_existing_threads(client, member, other_member, faq, open_phase):
    question = PostFactory(page=faq, user=other_member, kind=PostKind.QUESTION)
    PostFactory(page=faq, user=member, parent=question, comment="회원끼리 나눈 답글")
    open_phase.phase = "brand_led"
    open_phase.save()
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert "회원끼리 나눈 답글" in html


def test_a_reply_to_a_pending_post_is_refused(client, support, member, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION, state=PostState.PENDING)
    client.force_login(support)
    response = client.post(
        post_url("en"), form_data(faq, kind="reply", reply_to=question.pk, comment="answer")
    )
    assert response.status_code == 400
    assert "This post can no longer be answered." in response.content.decode()


def test_visitors_must_log_in_to_post(client, product):
    response = client.post(post_url("en"), form_data(product, kind="tip", comment="hi there"))
    assert response.status_code == 403
    assert "Please log in to post." in response.content.decode()
    assert Post.objects.count() == 0


def test_members_cannot_link_faqs(client, member, faq):
    client.force_login(member)
    client.post(
        post_url(), form_data(faq, kind="question", comment="질문", faq_links=f"/faq/{faq.pk}/")
    )
    assert Post.objects.get().linked_faqs.count() == 0


def test_an_unknown_faq_link_is_refused_and_nothing_is_saved(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    client.force_login(support)
    data = form_data(
        faq, kind="reply", reply_to=question.pk, comment="답변입니다", faq_links="/faq/999999/"
    )
    response = client.post(post_url("en"), data)
    assert response.status_code == 400
    assert "No FAQ has the number 999999." in response.content.decode()
    assert Post.objects.count() == 1


def test_a_pasted_text_without_faq_link_is_refused(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    client.force_login(support)
    data = form_data(
        faq, kind="reply", reply_to=question.pk, comment="답변입니다", faq_links="배송 안내 참고"
    )
    response = client.post(post_url(), data)
    assert response.status_code == 400
    assert "FAQ 짧은 링크를 붙여 넣거나" in response.content.decode()
