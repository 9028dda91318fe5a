"""What members and staff do with posts: edit, delete, helpful, follow, resolve; and emails."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_comments.models import CommentFlag

from community import moderation_services, services
from community.factories import MemberFactory, PostFactory
from community.models import HELPFUL_FLAG, Follow, MemberProfile, Post, PostKind, PostState

from .conftest import form_data

pytestmark = pytest.mark.django_db


def established(user):
    """A member past their first week, with approved posts: no longer new."""
    user.date_joined = timezone.now() - datetime.timedelta(days=60)
    user.save(update_fields=["date_joined"])
    return user


# Edit -----------------------------------------------------------------------------------------


def test_an_established_member_edits_their_post_and_it_is_marked(client, member, story):
    established(member)
    post = PostFactory(page=story, user=member, comment="처음 쓴 글")
    for _ in range(3):
        PostFactory(page=story, user=member)
    client.force_login(member)
    response = client.post(f"/ko/community/posts/{post.pk}/edit/", {"comment": "고친 글"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.comment, post.state) == ("고친 글", PostState.APPROVED)
    assert post.edited_at is not None
    assert "(수정됨)" in client.get(f"/ko/community/pages/{story.pk}/").content.decode()


def test_a_new_members_edit_goes_back_to_moderation(client, new_member, story):
    post = PostFactory(page=story, user=new_member, comment="처음 쓴 글")
    client.force_login(new_member)
    response = client.post(f"/en/community/posts/{post.pk}/edit/", {"comment": "edited text"})
    post.refresh_from_db()
    assert post.state == PostState.PENDING
    follow = client.get(response["Location"], follow=True)
    assert "Your edit is saved and will appear once a moderator approves it." in (
        follow.content.decode()
    )
    # Visitors no longer see it; the author sees it as awaiting approval.
    client.logout()
    assert "edited text" not in client.get(f"/ko/community/pages/{story.pk}/").content.decode()


def test_a_review_is_editable_with_its_rating(client, member, product):
    review = PostFactory(page=product, user=member, kind=PostKind.REVIEW, rating=3)
    client.force_login(member)
    response = client.post(
        f"/ko/community/posts/{review.pk}/edit/",
        {"comment": "다시 마셔 보니 좋아요", "rating": "5"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.rating == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"comment": "", "rating": "4"}, "글 내용을 입력해 주세요."),
        ({"comment": "좋아요", "rating": ""}, "후기에는 별점(1~5개)이 필요해요."),
        ({"comment": "좋아요", "rating": "9"}, "별점은 1~5개 중에서 골라 주세요."),
    ],
)
def test_a_bad_edit_keeps_the_text_and_changes_nothing(client, member, product, data, message):
    review = PostFactory(
        page=product, user=member, kind=PostKind.REVIEW, rating=3, comment="원래 글"
    )
    client.force_login(member)
    response = client.post(f"/ko/community/posts/{review.pk}/edit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    if data["comment"]:
        assert data["comment"] in response.content.decode()
    review.refresh_from_db()
    assert (review.comment, review.rating, review.edited_at) == ("원래 글", 3, None)


def test_nobody_edits_or_deletes_someone_elses_post(client, member, other_member, story):
    post = PostFactory(page=story, user=other_member)
    client.force_login(member)
    assert client.get(f"/ko/community/posts/{post.pk}/edit/").status_code == 404
    assert client.post(f"/ko/community/posts/{post.pk}/edit/", {"comment": "x"}).status_code == 404
    assert client.post(f"/ko/community/posts/{post.pk}/delete/").status_code == 404
    client.logout()
    response = client.post(f"/ko/community/posts/{post.pk}/delete/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Post.objects.get(pk=post.pk).deleted_at is None


# Delete ---------------------------------------------------------------------------------------


def test_delete_asks_first_and_needs_a_post(client, member, story):
    post = PostFactory(page=story, user=member)
    client.force_login(member)
    page = client.get(f"/ko/community/posts/{post.pk}/delete/")
    assert page.status_code == 200 and "글을 삭제할까요?" in page.content.decode()
    assert Post.objects.get(pk=post.pk).deleted_at is None
    client.post(f"/ko/community/posts/{post.pk}/delete/")
    post.refresh_from_db()
    assert post.deleted_at is not None and post.comment == ""


def test_deleting_an_answer_unresolves_the_question(member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    answer = PostFactory(page=faq, user=support, parent=question, is_official=True)
    answer.linked_faqs.add(faq)
    services.question_resolve(question=question, answer=answer, user=member)
    services.post_delete(post=answer, user=support)
    question.refresh_from_db()
    assert question.resolved_by is None
    assert answer.linked_faqs.count() == 0


# Helpful --------------------------------------------------------------------------------------


def test_helpful_is_one_per_member_and_can_be_taken_back(client, member, other_member, story):
    post = PostFactory(page=story, user=other_member)
    client.force_login(member)
    url = f"/ko/community/posts/{post.pk}/helpful/"
    thread = f"/ko/community/pages/{story.pk}/"
    assert 'name="action" value="mark"' in client.get(thread).content.decode()
    client.post(url, {"action": "mark"})
    assert CommentFlag.objects.filter(comment=post, flag=HELPFUL_FLAG).count() == 1
    html = client.get(thread).content.decode()
    assert 'name="action" value="unmark"' in html  # the button takes the mark back, no script
    assert 'aria-pressed="true">도움이 돼요 <span class="chip__count">1</span>' in html
    client.post(url, {"action": "unmark"})
    assert CommentFlag.objects.filter(comment=post, flag=HELPFUL_FLAG).count() == 0


@pytest.mark.parametrize(("action", "marked"), [("mark", 1), ("unmark", 0)])
def test_helpful_sent_twice_stays_as_asked(client, member, other_member, story, action, marked):
    """A double click or a retried request must not cancel itself."""
    post = PostFactory(page=story, user=other_member)
    client.force_login(member)
    url = f"/ko/community/posts/{post.pk}/helpful/"
    if action == "unmark":
        client.post(url, {"action": "mark"})
    for _ in range(2):
        response = client.post(url, {"action": action})
        assert response.status_code == 302
        assert CommentFlag.objects.filter(comment=post, flag=HELPFUL_FLAG).count() == marked


@pytest.mark.parametrize("data", [{}, {"action": "toggle"}])
def test_helpful_without_a_known_action_changes_nothing(client, member, other_member, story, data):
    post = PostFactory(page=story, user=other_member)
    client.force_login(member)
    response = client.post(f"/en/community/posts/{post.pk}/helpful/", data, follow=True)
    assert "Choose whether to mark the post as helpful or not." in response.content.decode()
    assert CommentFlag.objects.count() == 0


def test_helpful_needs_a_post_request_and_a_login(client, member, other_member, story):
    post = PostFactory(page=story, user=other_member)
    url = f"/ko/community/posts/{post.pk}/helpful/"
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(url).status_code == 405
    assert CommentFlag.objects.count() == 0


def test_nobody_marks_their_own_post_helpful(client, member, story):
    post = PostFactory(page=story, user=member)
    client.force_login(member)
    response = client.post(
        f"/en/community/posts/{post.pk}/helpful/", {"action": "mark"}, follow=True
    )
    assert "You cannot mark your own post as helpful." in response.content.decode()
    assert CommentFlag.objects.count() == 0


def test_helpful_is_refused_on_pending_posts(member, other_member, story):
    from django.core.exceptions import ValidationError

    post = PostFactory(page=story, user=other_member, state=PostState.PENDING)
    with pytest.raises(ValidationError):
        services.helpful_mark(post=post, user=member)


# Follow and notifications ------------------------------------------------------------------


def test_the_author_follows_their_thread_and_hears_about_staff_answers(
    client, member, support, faq, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(
        "/ko/community/posts/",
        form_data(faq, kind="question", comment="물 온도가 궁금해요", followup="on"),
    )
    question = Post.objects.get()
    assert Follow.objects.filter(user=member, post=question).exists()

    client.force_login(support)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ko/community/posts/",
            form_data(faq, kind="reply", reply_to=question.pk, comment="90도가 좋아요"),
        )
    assert len(mail.outbox) == 1  # the staff-answer email, not also a follower email
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "남기신 글에 답했어요" in message.subject
    assert "90도가 좋아요" in message.body
    assert f"/ko/community/pages/{faq.pk}/#post-" in message.body


def test_followers_get_an_email_in_their_language_with_a_signed_unsubscribe(
    client, member, other_member, support, faq, open_phase, django_capture_on_commit_callbacks
):
    question = PostFactory(page=faq, user=other_member, kind=PostKind.QUESTION)
    MemberProfile.objects.filter(user=member).update(language="en")
    services.thread_follow(post=question, user=member)
    services.thread_follow(post=question, user=other_member)
    MemberProfile.objects.filter(user=other_member).update(notify_staff_answers=False)

    client.force_login(MemberFactory(display_name="세 번째 단골"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ko/community/posts/",
            form_data(faq, kind="reply", reply_to=question.pk, comment="저는 85도로 우려요"),
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
    english = next(m for m in mail.outbox if m.to == [member.email])
    assert english.subject.startswith("New reply:")
    assert "세 번째 단골 replied" in english.body
    unsubscribe = re.search(r"/en/community/unsubscribe/[^/\s]+/", english.body).group(0)
    assert english.extra_headers["List-Unsubscribe"].endswith(unsubscribe + ">")

    client.logout()
    assert client.get(unsubscribe).status_code == 200  # a page with a button, nothing changed
    assert Follow.objects.filter(user=member).exists()
    response = client.post(unsubscribe)
    assert response.status_code == 200
    assert "You will get no more emails about this thread." in response.content.decode()
    assert not Follow.objects.filter(user=member).exists()
    assert client.post(unsubscribe).status_code == 200  # a second click is harmless


def test_a_tampered_unsubscribe_link_is_refused(client, member, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    follow = services.thread_follow(post=question, user=member)
    from community.tokens import unsubscribe_token

    token = unsubscribe_token(follow)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/en/community/unsubscribe/{tampered}/")
    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.content.decode()
    assert client.get(f"/en/community/unsubscribe/{tampered}/").status_code == 400
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_no_email_for_a_pending_reply_until_it_is_approved(
    member, support, faq, community_settings, django_capture_on_commit_callbacks
):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    services.thread_follow(post=question, user=member)
    reply = PostFactory(page=faq, user=support, parent=question, is_official=True, state="pending")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation_services.post_approve(post=reply, moderator=support)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_notification_preferences_are_respected(
    member, support, faq, community_settings, django_capture_on_commit_callbacks
):
    MemberProfile.objects.filter(user=member).update(
        notify_staff_answers=False, notify_followed_threads=False
    )
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    services.thread_follow(post=question, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            page=faq,
            text="답변입니다",
            kind=PostKind.REPLY,
            parent=question,
            author=support,
            community_settings=community_settings,
        )
    assert mail.outbox == []


def test_follow_and_unfollow_buttons(client, member, other_member, story):
    post = PostFactory(page=story, user=other_member)
    client.force_login(member)
    client.post(f"/ko/community/posts/{post.pk}/follow/")
    assert Follow.objects.filter(user=member, post=post).exists()
    html = client.get(f"/ko/community/pages/{story.pk}/").content.decode()
    assert "팔로우 중" in html
    client.post(f"/ko/community/posts/{post.pk}/follow/", {"action": "unfollow"})
    assert not Follow.objects.filter(user=member, post=post).exists()


# Resolve --------------------------------------------------------------------------------------


def test_the_asker_marks_their_question_resolved_by_an_answer(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION, comment="해결할 질문")
    answer = PostFactory(page=faq, user=support, parent=question, is_official=True)
    client.force_login(member)
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert "이 답변으로 해결됐어요" in html
    client.post(f"/ko/community/posts/{question.pk}/resolve/", {"answer": answer.pk})
    question.refresh_from_db()
    assert question.resolved_by == answer and question.resolved_at is not None
    html = client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    assert "질문을 해결한 답변" in html
    assert '<span class="badge badge--resolved">해결됨</span>' in html


def test_staff_can_resolve_and_reopen(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    answer = PostFactory(page=faq, user=support, parent=question, is_official=True)
    client.force_login(support)
    client.post(f"/ko/community/posts/{question.pk}/resolve/", {"answer": answer.pk})
    assert Post.objects.get(pk=question.pk).resolved_by == answer
    client.post(f"/ko/community/posts/{question.pk}/resolve/", {"action": "unresolve"})
    assert Post.objects.get(pk=question.pk).resolved_by is None


@pytest.mark.parametrize("answer_value", ["", "abc", "999999", "question"])
def test_resolving_with_a_wrong_answer_is_refused(client, member, support, faq, answer_value):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    other_question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    client.force_login(member)
    value = str(other_question.pk) if answer_value == "question" else answer_value
    response = client.post(
        f"/en/community/posts/{question.pk}/resolve/", {"answer": value}, follow=True
    )
    assert "Choose an answer from this question&#x27;s thread." in response.content.decode()
    assert Post.objects.get(pk=question.pk).resolved_by is None


def test_other_members_cannot_resolve_someone_elses_question(
    client, member, other_member, support, faq
):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION)
    answer = PostFactory(page=faq, user=support, parent=question, is_official=True)
    client.force_login(other_member)
    response = client.post(
        f"/ko/community/posts/{question.pk}/resolve/", {"answer": answer.pk}, follow=True
    )
    assert "질문한 분이나 소담 직원만 할 수 있어요." in response.content.decode()
    assert Post.objects.get(pk=question.pk).resolved_by is None


def test_a_reply_form_page_for_staff(client, member, support, faq):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION, comment="답을 기다려요")
    client.force_login(support)
    response = client.get(f"/ko/community/posts/{question.pk}/reply/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "답을 기다려요" in html
    assert f'name="reply_to" value="{question.pk}"' in html
    assert "data-faq-search-url" in html  # staff get the FAQ picker


def test_members_get_no_reply_link_in_brand_led_phase(client, member, other_member, faq):
    question = PostFactory(page=faq, user=other_member, kind=PostKind.QUESTION)
    client.force_login(member)
    assert (
        f"/community/posts/{question.pk}/reply/"
        not in client.get(f"/ko/community/pages/{faq.pk}/").content.decode()
    )
    response = client.get(f"/ko/community/posts/{question.pk}/reply/")
    assert response.status_code == 302
