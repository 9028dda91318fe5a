"""Stable short links /faq/<id>/ lead to the FAQ in the visitor's language."""

import pytest

from stories.factories import FAQPageFactory
from stories.short_links import faq_short_id, faq_short_link, faq_short_links

pytestmark = pytest.mark.django_db

KO_URL = "/ko/faq/brewing/water-temperature/"
EN_URL = "/en/faq/brewing/water-temperature/"


def test_one_link_for_every_language_version(faq, english_faq):
    assert faq_short_link(faq) == f"/faq/{faq.pk}/"
    assert faq_short_link(english_faq) == f"/faq/{faq.pk}/"
    assert faq_short_id(english_faq) == faq.pk


def test_links_of_many_faqs_in_two_queries(
    faq, english_faq, django_assert_num_queries, english_home
):
    second = FAQPageFactory(parent=faq.get_parent(), title="보관은 어떻게 하나요?")
    english_only = FAQPageFactory(parent=english_faq.get_parent(), title="Only in English")
    with django_assert_num_queries(2):
        links = faq_short_links([english_faq.pk, second.pk, english_only.pk, faq.pk, 987654])
    assert links == {
        english_faq.pk: f"/faq/{faq.pk}/",
        faq.pk: f"/faq/{faq.pk}/",
        second.pk: f"/faq/{second.pk}/",
        english_only.pk: f"/faq/{english_only.pk}/",
    }


def test_the_link_follows_the_language_cookie(client, faq, english_faq, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/faq/{faq.pk}/")
    assert response.status_code == 302
    assert response["Location"] == EN_URL
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    assert client.get(f"/faq/{faq.pk}/")["Location"] == KO_URL


def test_the_link_follows_accept_language(client, faq, english_faq):
    response = client.get(f"/faq/{faq.pk}/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Location"] == EN_URL
    assert "Accept-Language" in response["Vary"]
    response = client.get(f"/faq/{faq.pk}/", headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert response["Location"] == KO_URL


def test_the_id_of_any_language_version_works(client, faq, english_faq):
    response = client.get(f"/faq/{english_faq.pk}/", headers={"accept-language": "ko"})
    assert response["Location"] == KO_URL


def test_an_untranslated_faq_falls_back_to_the_other_language(client, faq, english_home):
    response = client.get(f"/faq/{faq.pk}/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == KO_URL


def test_an_unpublished_translation_falls_back_too(client, faq, english_faq):
    english_faq.unpublish()
    response = client.get(f"/faq/{faq.pk}/", headers={"accept-language": "en"})
    assert response["Location"] == KO_URL


def test_the_link_survives_a_slug_change(client, faq):
    faq.slug = "brewing-temperature"
    faq.save_revision().publish()
    response = client.get(f"/faq/{faq.pk}/")
    assert response["Location"] == "/ko/faq/brewing/brewing-temperature/"


def test_unknown_and_unpublished_faqs_are_not_found(client, faq, english_home):
    for url in ("/faq/999999/", f"/faq/{faq.get_parent().pk}/"):
        assert client.get(url, follow=True).status_code == 404
    faq.unpublish()
    assert client.get(f"/faq/{faq.pk}/", follow=True).status_code == 404


def test_only_get(client, faq):
    assert client.post(f"/faq/{faq.pk}/").status_code == 405
