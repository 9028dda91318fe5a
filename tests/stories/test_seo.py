"""What search engines and link previews read: meta description, canonical URL, hreflang,
OpenGraph and Twitter cards, JSON-LD for every page type, and the sitemap of both languages."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail_factories import ImageFactory

from community.factories import PostFactory
from community.models import PostKind, PostState
from core.seo import json_ld_script
from stories.factories import (
    FAQCategoryPageFactory,
    KnowledgeBasePageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    found = []
    for block in blocks:
        data = json.loads(block)
        found.extend(data if isinstance(data, list) else [data])
    return found


def of_type(html: str, kind: str) -> dict:
    matches = [data for data in json_ld(html) if data["@type"] == kind]
    assert len(matches) == 1, f"{kind}: {[d['@type'] for d in json_ld(html)]}"
    return matches[0]


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_json_ld_cannot_break_out_of_its_script_element():
    script = json_ld_script({"name": "</script><script>alert(1)</script> & <!--"})
    assert "</script><script>" not in script
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script> & <!--"


def test_a_story_is_an_article_with_breadcrumbs_and_sharing_cards(client, home):
    image = ImageFactory(title="로스터")
    StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home),
        slug="roasting-day",
        title="목요일은 로스팅 데이",
        intro="매주 목요일 아침, 찻잎을 볶습니다.",
        hero_image=image,
    )
    html = client.get("/ko/stories/roasting-day/").content.decode()
    assert meta(html, "name", "description") == "매주 목요일 아침, 찻잎을 볶습니다."
    assert '<link rel="canonical" href="http://localhost/ko/stories/roasting-day/">' in html
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "목요일은 로스팅 데이"
    assert meta(html, "property", "og:locale") == "ko_KR"
    og_image = meta(html, "property", "og:image")
    assert og_image.startswith("http://localhost/media/images/") and og_image.endswith(".jpg")
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    article = of_type(html, "Article")
    assert article["headline"] == "목요일은 로스팅 데이"
    assert article["image"] == [og_image]
    assert article["mainEntityOfPage"] == "http://localhost/ko/stories/roasting-day/"
    assert article["publisher"]["@type"] == "Organization"
    crumbs = of_type(html, "BreadcrumbList")["itemListElement"]
    assert [crumb["item"] for crumb in crumbs] == [
        "http://localhost/ko/",
        "http://localhost/ko/stories/",
        "http://localhost/ko/stories/roasting-day/",
    ]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]


def test_the_search_description_wins_and_the_social_image_comes_first(client, home):
    social, main = ImageFactory(title="공유"), ImageFactory(title="제품")
    product = ProductPageFactory(
        parent=ProductIndexPageFactory(parent=home),
        slug="hojicha",
        image=main,
        social_image=social,
        search_description="검색 결과에 보일 설명",
    )
    html = client.get(product.url).content.decode()
    assert meta(html, "name", "description") == "검색 결과에 보일 설명"
    assert social.get_rendition("fill-1200x630|format-jpeg").url in meta(
        html, "property", "og:image"
    )


def test_a_product_without_approved_reviews_has_no_rating(client, home):
    product = ProductPageFactory(parent=ProductIndexPageFactory(parent=home), slug="hojicha")
    PostFactory(page=product, kind=PostKind.REVIEW, rating=5, state=PostState.PENDING)
    PostFactory(page=product, kind=PostKind.TIP)
    html = client.get(product.url).content.decode()
    data = of_type(html, "Product")
    assert data["name"] == product.title
    assert "aggregateRating" not in data
    assert meta(html, "property", "og:type") == "product"


def test_a_product_with_approved_reviews_has_their_aggregate_rating(client, home):
    product = ProductPageFactory(parent=ProductIndexPageFactory(parent=home), slug="hojicha")
    for rating in (5, 4, 4):
        PostFactory(page=product, kind=PostKind.REVIEW, rating=rating)
    PostFactory(page=product, kind=PostKind.REVIEW, rating=1, state=PostState.PENDING)
    html = client.get(product.url).content.decode()
    rating = of_type(html, "Product")["aggregateRating"]
    assert rating == {
        "@type": "AggregateRating",
        "ratingValue": 4.3,
        "reviewCount": 3,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert "4.3" in html  # the review summary on the page agrees


def test_a_faq_is_a_faq_page(client, faq):
    html = client.get(faq.url).content.decode()
    data = of_type(html, "FAQPage")
    question = data["mainEntity"][0]
    assert question["name"] == "호지차는 몇 도에서 우리나요?"
    assert question["acceptedAnswer"]["text"].startswith("90도 물로 1분 우립니다.")
    assert "70도" in question["acceptedAnswer"]["text"]  # the full answer, as plain text
    assert "<p>" not in question["acceptedAnswer"]["text"]
    assert meta(html, "name", "description") == "90도 물로 1분 우립니다."
    assert len(of_type(html, "BreadcrumbList")["itemListElement"]) == 4


def test_the_home_page_is_the_website_and_the_organization(client, home):
    html = client.get("/ko/").content.decode()
    assert of_type(html, "WebSite")["url"] == "http://localhost/ko/"
    assert of_type(html, "Organization")["name"] == home.title
    assert not [d for d in json_ld(html) if d["@type"] == "BreadcrumbList"]


@pytest.mark.parametrize(
    "factory", [StoryIndexPageFactory, ProductIndexPageFactory, KnowledgeBasePageFactory]
)
def test_index_pages_have_breadcrumbs_and_a_canonical_url(client, home, factory):
    page = factory(parent=home)
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{page.url}">' in html
    assert len(of_type(html, "BreadcrumbList")["itemListElement"]) == 2


def test_a_faq_category_has_breadcrumbs(client, faq):
    category = faq.get_parent()
    html = client.get(category.url).content.decode()
    assert len(of_type(html, "BreadcrumbList")["itemListElement"]) == 3


def test_translated_pages_name_each_other_and_x_default(client, faq, english_faq):
    html = client.get("/en/faq/brewing/water-temperature/").content.decode()
    assert (
        '<link rel="alternate" hreflang="ko" href="http://localhost/ko/faq/brewing/water-temperature/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://localhost/en/faq/brewing/water-temperature/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" '
        'href="http://localhost/ko/faq/brewing/water-temperature/">' in html
    )
    assert meta(html, "property", "og:locale") == "en_US"
    assert meta(html, "property", "og:locale:alternate") == "ko_KR"
    assert of_type(html, "FAQPage")["inLanguage"] == "en"


def test_an_untranslated_page_has_no_alternates(client, faq, english_home):
    html = client.get(faq.url).content.decode()
    assert 'hreflang="en"' not in html.split("</head>")[0]
    assert "x-default" not in html


def test_the_sitemap_lists_both_languages_with_alternates(client, faq, english_faq):
    FAQCategoryPageFactory(parent=faq.get_parent().get_parent(), slug="korean-only")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, not untrusted data
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    ko, en = (
        "http://localhost/ko/faq/brewing/water-temperature/",
        "http://localhost/en/faq/brewing/water-temperature/",
    )
    assert {"http://localhost/ko/", "http://localhost/en/", ko, en} <= set(entries)
    assert entries[en] == {"en": en, "ko": ko, "x-default": ko}
    assert entries[ko] == entries[en]
    assert entries["http://localhost/ko/faq/korean-only/"] == {}


def test_the_sitemap_leaves_out_drafts_and_private_pages(client, faq):
    faq.unpublish()
    assert b"water-temperature" not in client.get("/sitemap.xml").content


def test_robots_txt_names_the_sitemap(client, home):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text
