"""An id sent in a form that no row can have, however long, is refused with the form's own
message in the visitor's language, never a 500 (the rule of ``core.converters``)."""

import pytest

from community.factories import PostFactory
from community.models import Post, PostKind

from ..community.conftest import form_data

pytestmark = pytest.mark.django_db

TOO_LONG = "9" * 25  # more than any database integer holds


@pytest.fixture
def question(world):
    return PostFactory(page=world.faq, user=world.member, kind=PostKind.QUESTION)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ko", "답글을 달려던 글이 더 이상 없어요."),
        ("en", "The post you are replying to does not exist any more."),
    ],
)
def test_a_reply_to_an_overlong_id_is_refused(client, world, language, message):
    client.force_login(world.support)
    before = Post.objects.count()
    data = form_data(world.faq, kind="reply", reply_to=TOO_LONG, comment="90도 물을 쓰세요.")
    response = client.post(f"/{language}/community/posts/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "90도 물을 쓰세요." in html  # the text is kept
    assert Post.objects.count() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ko", "이 질문의 글타래에 있는 답변을 골라 주세요."),
        ("en", "Choose an answer from this question&#x27;s thread."),
    ],
)
def test_resolving_by_an_overlong_answer_id_is_refused(client, world, question, language, message):
    client.force_login(world.member)
    response = client.post(
        f"/{language}/community/posts/{question.pk}/resolve/", {"answer": TOO_LONG}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Post.objects.get(pk=question.pk).resolved_by is None


def test_an_overlong_faq_link_is_refused_as_unknown(client, world, question):
    client.force_login(world.support)
    data = form_data(
        world.faq,
        kind="reply",
        reply_to=question.pk,
        comment="답변입니다",
        faq_links=f"/faq/{TOO_LONG}/",
    )
    response = client.post("/en/community/posts/", data)
    assert response.status_code == 400
    assert f"No FAQ has the number {TOO_LONG}." in response.content.decode()
