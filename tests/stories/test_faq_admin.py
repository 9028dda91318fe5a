"""The admin side of the knowledge base: feedback listing, helpfulness and review reports, the
dashboard reminder and the "copy link" action."""

import datetime

import pytest
from django.utils import timezone

from core import roles
from home.factories import UserFactory
from stories.factories import FAQPageFactory
from stories.models import FAQFeedback
from stories.selectors import faqs_due_for_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, home):
    client.force_login(UserFactory(username="editor", groups=[roles.EDITORS]))
    return client


def vote(faq, helpful, comment="", visitor="v"):
    return FAQFeedback.objects.create(faq=faq, helpful=helpful, comment=comment, visitor_id=visitor)


def test_editors_read_visitors_feedback_but_cannot_change_it(editor_client, faq):
    vote(faq, False, comment="<b>보관 기간</b>도 알려 주세요", visitor="a")
    vote(faq, True, visitor="b")
    response = editor_client.get("/admin/faq_feedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;b&gt;보관 기간&lt;/b&gt;도 알려 주세요" in html  # shown as text, escaped
    assert faq.title in html
    assert "/admin/faq_feedback/new/" not in html
    feedback = FAQFeedback.objects.get(visitor_id="a")
    assert editor_client.get(f"/admin/faq_feedback/inspect/{feedback.pk}/").status_code == 200
    assert editor_client.get(f"/admin/faq_feedback/edit/{feedback.pk}/").status_code in (302, 403)
    assert editor_client.get("/admin/faq_feedback/new/").status_code in (302, 403)
    assert editor_client.post(f"/admin/faq_feedback/delete/{feedback.pk}/").status_code in (
        302,
        403,
    )
    assert FAQFeedback.objects.filter(pk=feedback.pk).exists()


def test_members_of_other_roles_do_not_see_the_feedback(client, faq):
    client.force_login(UserFactory(groups=[roles.MODERATORS]))
    assert client.get("/admin/faq_feedback/").status_code in (302, 403)


def test_the_helpfulness_report_counts_yes_and_no_per_faq(editor_client, faq):
    other = FAQPageFactory(parent=faq.get_parent(), title="배송은 얼마나 걸리나요?")
    for n in range(3):
        vote(faq, True, visitor=f"yes{n}")
    vote(faq, False, visitor="no")
    response = editor_client.get("/admin/reports/faqs/helpfulness/")
    assert response.status_code == 200
    rows = {faq.pk: (3, 1, 75), other.pk: (0, 0, None)}
    listed = {page.pk: page for page in response.context["object_list"]}
    for pk, (yes, no, percent) in rows.items():
        assert (listed[pk].helpful_yes, listed[pk].helpful_no, listed[pk].helpful_percent) == (
            yes,
            no,
            percent,
        )
    assert "75%" in response.content.decode()


def test_the_review_report_lists_faqs_not_reviewed_for_the_configured_days(
    editor_client, faq, settings
):
    settings.DANGOL_FAQ_REVIEW_DAYS = 30
    today = timezone.localdate()
    old = FAQPageFactory(
        parent=faq.get_parent(),
        title="오래된 답변",
        last_reviewed=today - datetime.timedelta(days=400),
    )
    due = FAQPageFactory(
        parent=faq.get_parent(), title="딱 30일", last_reviewed=today - datetime.timedelta(days=30)
    )
    FAQPageFactory(
        parent=faq.get_parent(), title="최근", last_reviewed=today - datetime.timedelta(days=29)
    )
    assert list(faqs_due_for_review()) == [old, due]
    response = editor_client.get("/admin/reports/faqs/review/")
    assert response.status_code == 200
    assert [page.pk for page in response.context["object_list"]] == [old.pk, due.pk]
    csv = editor_client.get("/admin/reports/faqs/review/?export=csv")
    assert "오래된 답변" in b"".join(csv.streaming_content).decode()


def test_the_dashboard_tells_editors_how_many_faqs_are_due(editor_client, faq, settings):
    settings.DANGOL_FAQ_REVIEW_DAYS = 180
    FAQPageFactory(
        parent=faq.get_parent(),
        last_reviewed=timezone.localdate() - datetime.timedelta(days=365),
    )
    html = editor_client.get("/admin/").content.decode()
    assert "검토할 때가 된 FAQ" in html
    assert "/admin/reports/faqs/review/" in html
    assert "FAQ 1개가 180일 넘게 검토되지 않았습니다." in html


def test_the_reports_need_page_editing_rights(client, faq):
    client.force_login(UserFactory(groups=[roles.SUPPORT]))
    assert client.get("/admin/reports/faqs/review/").status_code in (302, 403)
    assert client.get("/admin/reports/faqs/helpfulness/").status_code in (302, 403)


def test_faqs_have_a_copy_link_action(editor_client, faq):
    link = f"http://localhost/faq/{faq.pk}/"
    listing = editor_client.get(f"/admin/pages/{faq.get_parent().pk}/").content.decode()
    assert f'data-dangol-copy-link="{link}"' in listing
    assert "stories/admin-copy-link.js" in listing
    edit = editor_client.get(f"/admin/pages/{faq.pk}/edit/").content.decode()
    assert f'data-dangol-copy-link="{link}"' in edit
    other = editor_client.get(f"/admin/pages/{faq.get_parent().pk}/edit/").content.decode()
    assert "data-dangol-copy-link=" not in other


def test_editors_get_the_product_and_faq_forms_with_their_related_items(editor_client, faq):
    from stories.factories import ProductIndexPageFactory, ProductPageFactory

    product = ProductPageFactory(parent=ProductIndexPageFactory(parent=faq.get_root()))
    html = editor_client.get(f"/admin/pages/{product.pk}/edit/").content.decode()
    for panel in ("gallery_images", "related_stories", "related_faqs"):
        assert f'id="id_{panel}-TOTAL_FORMS"' in html
    html = editor_client.get(f"/admin/pages/{faq.pk}/edit/").content.decode()
    for panel in ("related_products", "related_faqs"):
        assert f'id="id_{panel}-TOTAL_FORMS"' in html
    add = editor_client.get(f"/admin/pages/add/stories/productpage/{product.get_parent().pk}/")
    assert add.status_code == 200


def test_a_preview_shows_related_items_not_saved_yet(rf, faq):
    """The editor's preview renders the page from its form, before anything is saved."""
    from stories.factories import ProductIndexPageFactory, ProductPageFactory
    from stories.models import ProductRelatedFAQ
    from stories.selectors import product_page_context

    product = ProductPageFactory(parent=ProductIndexPageFactory(parent=faq.get_root()))
    product.related_faqs = [ProductRelatedFAQ(faq=faq)]
    assert product_page_context(product=product)["related_faqs"] == [faq]
