"""Threads under pages: order, pagination, visibility, FAQ cards, review summary, query counts."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from django_comments.models import CommentFlag

from community import selectors, services
from community.factories import MemberFactory, PostFactory
from community.models import HELPFUL_FLAG, Post, PostKind, PostState
from core import roles
from home.factories import UserFactory
from stories.factories import FAQPageFactory, ProductPageFactory

pytestmark = pytest.mark.django_db


def thread_url(page, language="ko"):
    return f"/{language}/community/pages/{page.pk}/"


def post_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article class="post[^"]*" id="post-(\d+)"', html)]


def helpful(post, count):
    for _ in range(count):
        CommentFlag.objects.create(
            comment=post, user=MemberFactory(), flag=HELPFUL_FLAG, flag_date=timezone.now()
        )


def test_newest_first_by_default_and_most_helpful_on_request(client, product):
    now = timezone.now()
    old = PostFactory(page=product, submit_date=now - datetime.timedelta(days=3))
    new = PostFactory(page=product, submit_date=now)
    middle = PostFactory(page=product, submit_date=now - datetime.timedelta(days=1))
    helpful(old, 3)
    helpful(middle, 1)
    assert post_ids(client.get(thread_url(product)).content.decode()) == [new.pk, middle.pk, old.pk]
    html = client.get(thread_url(product) + "?order=helpful").content.decode()
    assert post_ids(html) == [old.pk, middle.pk, new.pk]
    assert '도움이 돼요 <span class="chip__count">3</span>' in html


def test_an_unknown_order_falls_back_to_newest(client, product):
    PostFactory(page=product)
    assert client.get(thread_url(product) + "?order=<script>").status_code == 200


def test_threads_are_paginated_with_their_replies(client, product, community_settings):
    community_settings.threads_per_page = 3
    community_settings.save()
    now = timezone.now()
    posts = [
        PostFactory(page=product, submit_date=now - datetime.timedelta(hours=n)) for n in range(7)
    ]
    reply = PostFactory(page=product, parent=posts[4], is_official=True, comment="직원 답변")
    first = client.get(thread_url(product)).content.decode()
    assert post_ids(first) == [p.pk for p in posts[:3]]
    assert "3쪽 중 1쪽" in first
    second = client.get(thread_url(product) + "?posts=2").content.decode()
    assert post_ids(second) == [posts[3].pk, posts[4].pk, reply.pk, posts[5].pk]
    assert client.get(thread_url(product) + "?posts=99").status_code == 200
    assert client.get(thread_url(product) + "?posts=abc").status_code == 200


def test_pending_posts_show_only_to_their_author(client, product, member):
    pending = PostFactory(page=product, user=member, state=PostState.PENDING, comment="기다리는 글")
    hidden = PostFactory(page=product, state=PostState.HIDDEN, comment="숨긴 글")
    assert "기다리는 글" not in client.get(thread_url(product)).content.decode()
    client.force_login(member)
    html = client.get(thread_url(product)).content.decode()
    assert "기다리는 글" in html and "승인 대기 중" in html
    assert "숨긴 글" not in html
    assert pending.pk in post_ids(html) and hidden.pk not in post_ids(html)


def test_a_deleted_post_with_replies_shows_as_deleted_by_the_author(client, faq, member, support):
    question = PostFactory(page=faq, user=member, kind=PostKind.QUESTION, comment="지울 질문")
    PostFactory(page=faq, user=support, parent=question, is_official=True, comment="남는 답변")
    lonely = PostFactory(page=faq, user=member, kind=PostKind.TIP, comment="답글 없는 팁")
    services.post_delete(post=question, user=member)
    services.post_delete(post=lonely, user=member)
    html = client.get(thread_url(faq)).content.decode()
    assert "작성자가 삭제한 글입니다." in html
    assert "지울 질문" not in html
    assert "남는 답변" in html
    assert lonely.pk not in post_ids(html)


def test_faq_cards_render_in_the_readers_language(client, home, english, member, support):
    from home.demo.translation import translate

    faq = FAQPageFactory(title="물 온도는 몇 도가 좋나요?", short_answer="녹차는 70도입니다.")
    english_faq = translate(
        faq,
        {"title": "What water temperature?", "short_answer": "70 °C for green tea."},
        locale=english,
    )
    # The question is asked on the English FAQ; staff link the Korean FAQ by its short link.
    question = PostFactory(page=english_faq, user=member, kind=PostKind.QUESTION)
    answer = PostFactory(page=english_faq, user=support, parent=question, is_official=True)
    answer.linked_faqs.add(faq)
    html = client.get(thread_url(english_faq, "en")).content.decode()
    assert 'class="faq-card"' in html
    assert "What water temperature?" in html
    assert "70 °C for green tea." in html
    assert "물 온도는" not in html.split('class="faq-cards"')[1]


def test_review_summary_counts_approved_reviews_only(product):
    for rating in (5, 5, 4, 2):
        PostFactory(page=product, kind=PostKind.REVIEW, rating=rating)
    PostFactory(page=product, kind=PostKind.REVIEW, rating=1, state=PostState.PENDING)
    PostFactory(page=product, kind=PostKind.TIP)
    summary = selectors.review_summary(page=product)
    assert summary.count == 4
    assert summary.average == 4.0
    assert summary.distribution == [(5, 2, 50), (4, 1, 25), (3, 0, 0), (2, 1, 25), (1, 0, 0)]


def test_review_summary_without_reviews(client, product):
    assert selectors.review_summary(page=product).count == 0
    assert "아직 후기가 없어요." in client.get(thread_url(product)).content.decode()


def test_faq_lists_the_questions_it_resolved(client, faq, member, support):
    other_faq = FAQPageFactory(title="다른 FAQ")
    for n in range(7):
        question = PostFactory(
            page=other_faq, user=member, kind=PostKind.QUESTION, comment=f"질문 {n}"
        )
        answer = PostFactory(page=other_faq, user=support, parent=question, is_official=True)
        answer.linked_faqs.add(faq)
        services.question_resolve(question=question, answer=answer, user=member)
    unresolved = PostFactory(page=other_faq, user=member, kind=PostKind.QUESTION, comment="미해결")
    PostFactory(page=other_faq, user=support, parent=unresolved).linked_faqs.add(faq)

    resolved = selectors.faq_resolved_questions(faq=faq)
    assert resolved.count == 7
    assert len(resolved.latest) == 5
    html = client.get(thread_url(faq)).content.decode()
    assert "이 FAQ로 해결된 커뮤니티 질문 7개" in html
    assert "미해결" not in html


def test_pages_without_a_thread_have_no_discussion(client, home):
    assert client.get(f"/ko/community/pages/{home.pk}/").status_code == 404
    assert client.get("/ko/community/pages/999999/").status_code == 404


def test_a_discussion_in_the_other_language_redirects(client, product):
    # Not translated: the thread stays in the page's own language.
    response = client.get(thread_url(product, "en"))
    assert response.status_code == 302
    assert response["Location"] == thread_url(product, "ko")


@pytest.mark.parametrize("reviews", [20, 40])
def test_a_product_thread_with_many_reviews_takes_few_queries(
    client, django_assert_max_num_queries, product, support, reviews
):
    for n in range(reviews):
        review = PostFactory(page=product, kind=PostKind.REVIEW, rating=1 + n % 5)
        reply = PostFactory(page=product, user=support, parent=review, is_official=True)
        if n % 3 == 0:
            reply.linked_faqs.add(FAQPageFactory())
        helpful(review, 1)
    viewer = MemberFactory()
    client.force_login(viewer)
    client.get(thread_url(product))  # warm the per-process caches (content types, site)
    # The thread's own queries, plus the member's notices and the guidelines link of the form.
    with django_assert_max_num_queries(12):
        response = client.get(thread_url(product))
    assert response.status_code == 200
    assert len(post_ids(response.content.decode())) == 20  # 10 reviews and their replies


@pytest.mark.parametrize("questions", [5, 15])
def test_a_faq_thread_takes_few_queries(
    client, django_assert_max_num_queries, faq, support, questions
):
    for _ in range(questions):
        question = PostFactory(page=faq, kind=PostKind.QUESTION)
        answer = PostFactory(page=faq, user=support, parent=question, is_official=True)
        answer.linked_faqs.add(faq)
        services.question_resolve(question=question, answer=answer, user=question.user)
    client.force_login(MemberFactory())
    client.get(thread_url(faq))
    # The thread's own queries, plus the member's notices and the guidelines link of the form.
    with django_assert_max_num_queries(13):
        response = client.get(thread_url(faq))
    assert response.status_code == 200


def test_faq_search_finds_korean_words_with_particles(
    client, home, support, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for title in (
            "배송은 얼마나 걸리나요?",
            "해외 배송도 하나요?",
            "물 온도는 몇 도가 좋나요?",
        ):
            FAQPageFactory(title=title).save_revision().publish()
    client.force_login(support)
    titles = [
        hit["title"] for hit in client.get("/ko/community/faq-search/?q=배송").json()["results"]
    ]
    assert sorted(titles) == ["배송은 얼마나 걸리나요?", "해외 배송도 하나요?"]
    assert client.get("/ko/community/faq-search/?q=++").json()["results"] == []


def test_faq_search_endpoint_is_for_staff(client, home, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        faq = FAQPageFactory(title="배송은 얼마나 걸리나요?")
        faq.save_revision().publish()
    url = "/ko/community/faq-search/?q=배송"
    assert client.get(url).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(groups=[roles.SUPPORT]))
    data = json.loads(client.get(url).content)
    assert data == {
        "results": [{"id": faq.pk, "title": faq.title, "short_link": f"/faq/{faq.pk}/"}]
    }
    assert client.get("/ko/community/faq-search/?q=" + "가" * 101).status_code == 400


def test_posts_on_unpublished_pages_are_not_shown(client, product):
    PostFactory(page=product)
    product.unpublish()
    assert client.get(thread_url(product)).status_code == 404
    assert Post.objects.count() == 1


def test_a_second_product_has_its_own_thread(client, product):
    other = ProductPageFactory(title="달빛 홍차")
    PostFactory(page=product, comment="호지차 후기")
    assert "호지차 후기" not in client.get(thread_url(other)).content.decode()


def test_a_members_only_page_shows_its_thread_to_members(client, story, member):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=story, restriction_type="login")
    PostFactory(page=story, comment="회원만 보는 이야기의 팁")
    response = client.get(thread_url(story))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(member)
    assert "회원만 보는 이야기의 팁" in client.get(thread_url(story)).content.decode()


def test_a_password_protected_page_has_no_thread(client, story, member, community_settings):
    from django.core.exceptions import ValidationError
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    client.force_login(member)
    assert client.get(thread_url(story)).status_code == 404
    with pytest.raises(ValidationError):
        services.post_create(
            page=story, text="팁", kind="tip", author=member, community_settings=community_settings
        )


def test_the_community_home_lists_latest_posts_and_products(client, product, story, english):
    from home.demo.translation import translate

    PostFactory(page=product, kind=PostKind.REVIEW, rating=4, comment="고소한 호지차 후기")
    PostFactory(page=story, kind=PostKind.QUESTION, comment="로스팅 시간이 궁금해요")
    PostFactory(page=story, kind=PostKind.TIP, comment="숨긴 팁", state=PostState.HIDDEN)
    english_product = translate(product, {"title": "Mangwon Hojicha"}, locale=english)
    PostFactory(page=english_product, kind=PostKind.TIP, comment="An English tip")
    html = client.get("/ko/community/").content.decode()
    assert "고소한 호지차 후기" in html and "로스팅 시간이 궁금해요" in html
    assert "숨긴 팁" not in html and "An English tip" not in html
    assert f'href="/ko/community/pages/{product.pk}/">망원 호지차</a>' in html
    assert "후기 1개" in html
    english_html = client.get("/en/community/").content.decode()
    assert "An English tip" in english_html and "고소한" not in english_html


def test_switching_language_leads_to_the_translated_pages_thread(client, product, english):
    from home.demo.translation import translate

    english_product = translate(product, {"title": "Mangwon Hojicha"}, locale=english)
    response = client.get(f"/en/community/pages/{product.pk}/")
    assert response["Location"] == f"/en/community/pages/{english_product.pk}/"
    response = client.get(f"/ko/community/pages/{english_product.pk}/")
    assert response["Location"] == f"/ko/community/pages/{product.pk}/"


def test_the_header_links_to_the_community(client, home):
    assert 'href="/ko/community/">커뮤니티</a>' in client.get(home.url).content.decode()


def test_the_community_home_links_to_the_guidelines(client, home):
    from community.factories import GuidelinesPageFactory

    assert 'href="/ko/guidelines/"' not in client.get("/ko/community/").content.decode()
    guidelines = GuidelinesPageFactory(parent=home, slug="guidelines")
    html = client.get("/ko/community/").content.decode()
    assert guidelines.url == "/ko/guidelines/"
    assert f'<a href="{guidelines.url}">커뮤니티 가이드라인</a>을 읽어 주세요' in html
