"""An id in a URL that no row can have, however long, is a 404 for everyone, never a 500."""

import pytest
from django.urls import reverse

from home.factories import UserFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "9" * 25  # more than any database integer holds
LONGEST = "9" * 18  # the longest id the URLs accept

ID_URLS = [
    ("get", "/faq/{id}/"),
    ("post", "/ko/faq-feedback/{id}/"),
    ("get", "/ko/community/pages/{id}/"),
    ("get", "/ko/community/members/{id}/"),
    ("get", "/ko/community/posts/{id}/reply/"),
    ("get", "/ko/community/posts/{id}/edit/"),
    ("get", "/ko/community/posts/{id}/delete/"),
    ("get", "/ko/community/posts/{id}/flag/"),
    ("post", "/ko/community/posts/{id}/helpful/"),
    ("post", "/ko/community/posts/{id}/follow/"),
    ("post", "/ko/community/posts/{id}/resolve/"),
    ("get", "/admin/community/moderation/members/{id}/"),
    ("get", "/admin/community_posts/inspect/{id}/"),
    ("get", "/admin/community_posts/edit/{id}/"),
    ("post", "/admin/community_posts/edit/{id}/"),
    ("get", "/admin/community_posts/delete/{id}/"),
    ("get", "/admin/community_posts/history/{id}/"),
    ("get", "/admin/community_posts/history-results/{id}/"),
    ("get", "/admin/community_posts/usage/{id}/"),
    ("get", "/admin/faq_feedback/inspect/{id}/"),
    ("get", "/admin/outgoing_email/inspect/{id}/"),
    ("get", "/admin/snippets/community/blocklistentry/edit/{id}/"),
    ("get", "/admin/approved_post_chooser/chosen/{id}/"),
]


@pytest.mark.parametrize(("method", "url"), ID_URLS)
@pytest.mark.parametrize("digits", [TOO_LONG, LONGEST])
def test_unknown_ids_are_not_found(client, home, method, url, digits):
    client.force_login(UserFactory(is_superuser=True))
    response = getattr(client, method)(url.format(id=digits), follow=True)
    assert response.status_code == 404


def test_the_post_chooser_skips_ids_no_row_can_have(client, home):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(f"/admin/approved_post_chooser/chosen-multiple/?id={TOO_LONG}&id=x")
    assert response.status_code == 200
    assert response.json()["result"] == []


def test_the_converter_keeps_ids_as_numbers():
    assert reverse("community:profile", args=[12]) == "/ko/community/members/12/"
