"""The product index and the FAQ knowledge base are paginated, like the story index."""

import pytest

from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
)

pytestmark = pytest.mark.django_db


def test_the_product_index_lists_twelve_products_a_page(client, home):
    index = ProductIndexPageFactory(parent=home)
    for number in range(14):
        ProductPageFactory(parent=index, title=f"차 {number:02d}", slug=f"tea-{number}")
    first = client.get(index.url)
    assert len(first.context["products"]) == 12
    html = first.content.decode()
    assert ">차 11<" in html and ">차 12<" not in html
    assert '<nav class="pagination" aria-label="페이지">' in html
    assert 'href="?page=2" rel="next">다음</a>' in html
    second = client.get(index.url, {"page": "2"})
    assert [p.title for p in second.context["products"]] == ["차 12", "차 13"]
    assert "2쪽 중 2쪽" in second.content.decode()
    for bad in ["0", "-1", "abc", "999999"]:
        response = client.get(index.url, {"page": bad})
        assert response.status_code == 200, bad
        assert len(response.context["products"]) in (2, 12)


def test_the_knowledge_base_shows_the_first_questions_of_each_category(client, home):
    knowledge_base = KnowledgeBasePageFactory(parent=home)
    brewing = FAQCategoryPageFactory(parent=knowledge_base, title="우리기", slug="brewing")
    delivery = FAQCategoryPageFactory(parent=knowledge_base, title="배송", slug="delivery")
    for number in range(7):
        FAQPageFactory(parent=brewing, title=f"우리기 질문 {number}", slug=f"b{number}")
    FAQPageFactory(parent=delivery, title="배송 질문", slug="d0")
    html = client.get(knowledge_base.url).content.decode()
    assert "우리기 질문 4" in html and "우리기 질문 5" not in html
    assert f'<a href="{brewing.url}">우리기의 질문 7개 모두 보기</a>' in html
    assert "배송 질문" in html and "배송의 질문" not in html


def test_a_faq_category_is_paginated(client, home):
    category = FAQCategoryPageFactory(parent=KnowledgeBasePageFactory(parent=home), slug="c")
    for number in range(23):
        FAQPageFactory(parent=category, title=f"질문 {number:02d}", slug=f"q{number}")
    html = client.get(category.url).content.decode()
    assert "질문 19" in html and "질문 20" not in html
    assert 'href="?page=2" rel="next"' in html
    second = client.get(category.url, {"page": "2"}).content.decode()
    assert "질문 22" in second and "질문 19" not in second
    assert client.get(category.url, {"page": "x"}).status_code == 200
