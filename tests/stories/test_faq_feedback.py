"""“Was this helpful?” on FAQs: one vote per visitor, CSRF, floods, bad input, cached pages."""

import re

import pytest
from django.core import signing
from django.test import Client

from stories.models import FAQFeedback
from stories.views import VISITOR_COOKIE

pytestmark = pytest.mark.django_db

FAQ_URL = "/ko/faq/brewing/water-temperature/"


def vote_url(faq, language="ko"):
    return f"/{language}/faq-feedback/{faq.pk}/"


def test_the_faq_page_shows_the_question_form(client, faq):
    html = client.get(FAQ_URL).content.decode()
    assert f'action="{vote_url(faq)}"' in html
    assert 'name="helpful" value="yes"' in html and 'name="helpful" value="no"' in html
    assert "도움이 되었나요?" in html
    assert "stories/faq-feedback.js" in html


def test_a_first_vote_is_recorded_and_the_visitor_gets_an_id(client, faq):
    response = client.post(vote_url(faq), {"helpful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == FAQ_URL + "#faq-feedback"
    vote = FAQFeedback.objects.get()
    assert (vote.faq_id, vote.helpful, vote.comment) == (faq.pk, True, "")
    assert VISITOR_COOKIE in response.cookies
    page = client.get(FAQ_URL).content.decode()
    assert "도움이 되었다니 기쁩니다" in page  # the message after the redirect


def test_a_repeated_vote_changes_the_earlier_one(client, faq):
    client.post(vote_url(faq), {"helpful": "yes"})
    client.post(vote_url(faq), {"helpful": "no", "comment": "  보관 기간도 알려 주세요.\r\n"})
    vote = FAQFeedback.objects.get()
    assert vote.helpful is False
    assert vote.comment == "보관 기간도 알려 주세요."


def test_a_visitor_without_the_cookie_never_takes_over_another_visitors_vote(faq):
    """Two visitors behind one address (a café, an office): the second, who does not have the
    first one's cookie, votes on their own and is never handed the first one's vote or id."""
    first, second = Client(), Client()  # the same address
    first_cookie = first.post(vote_url(faq), {"helpful": "yes"}).cookies[VISITOR_COOKIE].value
    response = second.post(vote_url(faq), {"helpful": "no", "comment": "더 알려 주세요"})
    assert response.cookies[VISITOR_COOKIE].value != first_cookie
    assert sorted(FAQFeedback.objects.values_list("helpful", "comment")) == [
        (False, "더 알려 주세요"),
        (True, ""),
    ]

    second.post(vote_url(faq), {"helpful": "yes"})  # each changes only their own vote
    first.post(vote_url(faq), {"helpful": "no"})
    assert sorted(FAQFeedback.objects.values_list("helpful", flat=True)) == [False, True]
    assert FAQFeedback.objects.get(helpful=False).comment == ""


def test_visitors_with_their_own_cookie_vote_separately_behind_one_address(faq):
    first, second = Client(), Client()
    first.post(vote_url(faq), {"helpful": "yes"})
    second.cookies[VISITOR_COOKIE] = signing.get_cookie_signer(
        salt=VISITOR_COOKIE + "stories.faq-feedback.visitor"
    ).sign("another-visitor")
    second.post(vote_url(faq), {"helpful": "no"})
    assert sorted(FAQFeedback.objects.values_list("helpful", flat=True)) == [False, True]


def test_a_forged_visitor_cookie_is_ignored(client, faq):
    client.cookies[VISITOR_COOKIE] = "someone-else:forged"
    response = client.post(vote_url(faq), {"helpful": "yes"})
    assert FAQFeedback.objects.get().visitor_id not in {"someone-else", "someone-else:forged"}
    assert response.cookies[VISITOR_COOKIE].value != "someone-else:forged"  # a fresh signed id


def test_a_comment_goes_only_with_a_no(client, faq):
    client.post(vote_url(faq), {"helpful": "yes", "comment": "좋아요"})
    assert FAQFeedback.objects.get().comment == ""


def test_a_comment_is_kept_as_plain_text(client, faq):
    client.post(
        vote_url(faq),
        {"helpful": "no", "comment": "<script>alert(1)</script>\u202e\x07 더 알려 주세요"},
    )
    assert FAQFeedback.objects.get().comment == "<script>alert(1)</script> 더 알려 주세요"


@pytest.mark.parametrize("data", [{}, {"helpful": "maybe"}, {"helpful": ""}])
def test_a_missing_or_unknown_answer_is_refused_with_400(client, faq, data):
    response = client.post(vote_url(faq), data)
    assert response.status_code == 400
    assert "“예” 또는 “아니요”를 골라 주세요." in response.content.decode()
    assert not FAQFeedback.objects.exists()


def test_an_overlong_comment_is_refused_and_kept_in_the_form(client, faq):
    text = "가" * 501
    response = client.post("/en" + vote_url(faq)[3:], {"helpful": "no", "comment": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your comment is too long: at most 500 characters (it has 501)." in html
    assert text in html
    assert not FAQFeedback.objects.exists()


def test_json_clients_get_json(client, faq):
    response = client.post(vote_url(faq), {"helpful": "no"}, headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["helpful"] is False
    bad = client.post(vote_url(faq), {"helpful": "?"}, headers={"accept": "application/json"})
    assert bad.status_code == 400 and "error" in bad.json()


def test_get_is_not_allowed(client, faq):
    assert client.get(vote_url(faq)).status_code == 405


def test_unknown_or_unpublished_faqs_get_404(client, faq):
    assert client.post("/ko/faq-feedback/999999/", {"helpful": "yes"}).status_code == 404
    faq.unpublish()
    assert client.post(vote_url(faq), {"helpful": "yes"}).status_code == 404


def test_a_vote_without_the_csrf_token_is_refused(faq):
    client = Client(enforce_csrf_checks=True)
    client.get(FAQ_URL)
    assert client.post(vote_url(faq), {"helpful": "yes"}).status_code == 403
    assert not FAQFeedback.objects.exists()


def test_a_flood_from_one_address_gets_429_with_retry_after(client, faq, settings):
    settings.DANGOL_FAQ_VOTE_RATE = "3/h"
    responses = [client.post(vote_url(faq), {"helpful": "yes"}) for _ in range(4)]
    assert [r.status_code for r in responses[:3]] == [302, 302, 302]
    assert responses[3].status_code == 429
    assert 0 < int(responses[3]["Retry-After"]) <= 3600
    assert "너무 자주" in responses[3].content.decode()
    json = client.post(vote_url(faq), {"helpful": "yes"}, headers={"accept": "application/json"})
    assert json.status_code == 429 and json["Retry-After"] and json.json()["error"]


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_second_visitor_votes_from_the_cached_page(faq, settings):
    settings.DANGOL_PAGE_CACHE_SECONDS = 300
    first = Client(enforce_csrf_checks=True)
    first_page = first.get(FAQ_URL)
    assert first_page["X-Page-Cache"] == "miss"
    assert (
        first.post(
            vote_url(faq), {"helpful": "yes", "csrfmiddlewaretoken": _csrf_token(first_page.text)}
        ).status_code
        == 302
    )

    second = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.7")
    cached = second.get(FAQ_URL)
    assert cached["X-Page-Cache"] == "hit"  # the vote did not empty the cache
    response = second.post(
        vote_url(faq), {"helpful": "no", "csrfmiddlewaretoken": _csrf_token(cached.text)}
    )
    assert response.status_code == 302
    assert sorted(FAQFeedback.objects.values_list("helpful", flat=True)) == [False, True]


def test_in_members_only_reading_mode_visitors_log_in_first(client, faq):
    from wagtail.models import Site

    from community.models import CommunitySettings, ReadingMode

    community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    community.reading = ReadingMode.MEMBERS
    community.save()
    response = client.post(vote_url(faq), {"helpful": "yes"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not FAQFeedback.objects.exists()
