"""Every state-changing request needs the CSRF token, and no state changes on GET.

Adding a URL: one line in FORGED_POSTS (and in GET_CHANGES_NOTHING or POST_ONLY)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from community.models import Follow, GuestSubmission, Post

pytestmark = pytest.mark.django_db

# (name, who is logged in, URL from the world, form data from the world)
FORGED_POSTS = [
    ("community post", "member", lambda w: "/ko/community/posts/", lambda w: {
        "object_pk": w.story.pk, "kind": "tip", "comment": "위조된 글", "reply_to": "0"}),
    ("post edit", "member", lambda w: f"/ko/community/posts/{w.question.pk}/edit/",
        lambda w: {"comment": "위조된 수정"}),
    ("post delete", "member", lambda w: f"/ko/community/posts/{w.question.pk}/delete/", None),
    ("helpful", "member", lambda w: f"/ko/community/posts/{w.answer.pk}/helpful/",
        lambda w: {"action": "mark"}),
    ("follow", "other", lambda w: f"/ko/community/posts/{w.question.pk}/follow/", None),
    ("resolve", "member", lambda w: f"/ko/community/posts/{w.question.pk}/resolve/",
        lambda w: {"answer": w.answer.pk}),
    ("unsubscribe", None, lambda w: f"/ko/community/unsubscribe/{w.unsubscribe_token}/", None),
    ("guest confirm", None, lambda w: f"/ko/community/confirm/{w.guest_token}/", None),
    ("profile edit", "member", lambda w: "/ko/community/profile/",
        lambda w: {"display_name": "위조"}),
    ("account delete", "member", lambda w: "/ko/community/profile/delete/",
        lambda w: {"confirm": "on"}),
    ("search click", None, lambda w: "/ko/search/click/",
        lambda w: {"token": "not-a-token"}),
    ("login", None, lambda w: "/ko/accounts/login/",
        lambda w: {"login": w.member.email, "password": "correct horse battery staple"}),
    ("signup", None, lambda w: "/ko/accounts/signup/", lambda w: {
        "email": "x@example.com", "display_name": "x", "password1": "pw-123456789",
        "password2": "pw-123456789"}),
    ("logout", "member", lambda w: "/ko/accounts/logout/", None),
    ("password reset", None, lambda w: "/ko/accounts/password/reset/",
        lambda w: {"email": w.member.email}),
    ("password change", "member", lambda w: "/ko/accounts/password/change/", lambda w: {
        "oldpassword": "correct horse battery staple", "password1": "new-pw-123456789",
        "password2": "new-pw-123456789"}),
    ("email addresses", "member", lambda w: "/ko/accounts/email/",
        lambda w: {"email": "third@dangol.example", "action_add": ""}),
    ("admin login", None, lambda w: reverse("wagtailadmin_login"),
        lambda w: {"username": "root", "password": "correct horse battery staple"}),
    ("admin logout", "superuser", lambda w: reverse("wagtailadmin_logout"), None),
    ("admin page edit", "superuser",
        lambda w: reverse("wagtailadmin_pages:edit", args=[w.story.pk]),
        lambda w: {"title": "위조", "slug": "forged", "action-publish": "1"}),
    ("admin page delete", "superuser",
        lambda w: reverse("wagtailadmin_pages:delete", args=[w.story.pk]), None),
    ("admin page unpublish", "superuser",
        lambda w: reverse("wagtailadmin_pages:unpublish", args=[w.story.pk]), None),
    ("admin user delete", "superuser",
        lambda w: reverse("wagtailusers_users:delete", args=[w.other.pk]), None),
    ("admin settings", "superuser", lambda w: reverse(
        "wagtailsettings:edit",
        args=["core", "brandsettings", Site.objects.get(is_default_site=True).pk]),
        lambda w: {"contact_email": "forged@example.com"}),
    ("admin post state", "moderator",
        lambda w: reverse("community_posts:edit", args=[w.tip.pk]),
        lambda w: {"state": "removed"}),
    ("admin member approve", "moderator",
        lambda w: reverse("community_admin:member_approve", args=[w.awaiting.community_profile.pk]),
        None),
    ("admin post to draft", "editor",
        lambda w: reverse("community_admin:draft", args=[w.tip.pk]),
        lambda w: {"target": "faq"}),
]  # fmt: skip


def snapshot(w) -> dict:
    """Everything the forged requests would change."""
    w.story.refresh_from_db()
    return {
        "posts": sorted(Post.objects.values_list("pk", "comment", "state", "deleted_at")),
        "follows": Follow.objects.count(),
        "guest confirmed": GuestSubmission.objects.filter(confirmed_at__isnull=False).count(),
        "story": (w.story.title, w.story.live),
        "users": sorted(
            w.member.__class__.objects.values_list("pk", "is_active", "password", "email")
        ),
        "profiles": sorted(
            w.member.__class__.objects.values_list(
                "community_profile__display_name", "community_profile__awaiting_approval"
            )
        ),
        "questions resolved": Post.objects.filter(resolved_by__isnull=False).count(),
    }


def logged_in_client(w, who) -> Client:
    client = Client(enforce_csrf_checks=True)
    if who:
        client.force_login(getattr(w, who))
    return client


@pytest.mark.parametrize(
    ("who", "url", "data"),
    [pytest.param(who, url, data, id=name) for name, who, url, data in FORGED_POSTS],
)
def test_a_forged_post_without_the_csrf_token_is_refused(world, who, url, data):
    client = logged_in_client(world, who)
    before = snapshot(world)
    response = client.post(url(world), data(world) if data else {})
    assert response.status_code == 403
    assert snapshot(world) == before
    if who:  # the session survived: a forged logout did not log anyone out
        assert "_auth_user_id" in client.session


def test_a_post_with_the_token_from_another_session_is_refused(world):
    """A token the attacker got from their own visit does not work in the victim's session."""
    attacker = Client(enforce_csrf_checks=True)
    attacker.get("/ko/accounts/login/")
    token = attacker.cookies["csrftoken"].value
    victim = logged_in_client(world, "member")
    response = victim.post(
        "/ko/community/profile/", {"display_name": "위조", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 403


def test_the_same_post_with_the_token_goes_through(world):
    """The refusals above are the CSRF check, not something else about the requests."""
    client = logged_in_client(world, "member")
    client.get("/ko/community/profile/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/ko/community/profile/",
        {"display_name": "지우2", "csrfmiddlewaretoken": token, "language": "ko"},
    )
    assert response.status_code == 302
    world.member.community_profile.refresh_from_db()
    assert world.member.community_profile.display_name == "지우2"


# State changes are POSTs: these answer GET with 405 ...
POST_ONLY = [
    ("community post", "member", lambda w: "/ko/community/posts/"),
    ("helpful", "member", lambda w: f"/ko/community/posts/{w.answer.pk}/helpful/"),
    ("follow", "other", lambda w: f"/ko/community/posts/{w.question.pk}/follow/"),
    ("resolve", "member", lambda w: f"/ko/community/posts/{w.question.pk}/resolve/?answer=1"),
    ("search click", None, lambda w: "/ko/search/click/?token=not-a-token"),
    ("admin member approve", "moderator", lambda w: reverse(
        "community_admin:member_approve", args=[w.awaiting.community_profile.pk])),
    ("admin logout", "superuser", lambda w: reverse("wagtailadmin_logout")),
]  # fmt: skip

# ... and these show a confirmation form on GET, changing nothing until it is posted.
GET_CHANGES_NOTHING = [
    ("post edit", "member", lambda w: f"/ko/community/posts/{w.question.pk}/edit/"),
    ("post delete", "member", lambda w: f"/ko/community/posts/{w.question.pk}/delete/"),
    ("unsubscribe", None, lambda w: f"/ko/community/unsubscribe/{w.unsubscribe_token}/"),
    ("guest confirm", None, lambda w: f"/ko/community/confirm/{w.guest_token}/"),
    ("profile edit", "member", lambda w: "/ko/community/profile/"),
    ("account delete", "member", lambda w: "/ko/community/profile/delete/"),
    ("logout", "member", lambda w: "/ko/accounts/logout/"),
    ("admin page delete", "superuser",
        lambda w: reverse("wagtailadmin_pages:delete", args=[w.story.pk])),
    ("admin page unpublish", "superuser",
        lambda w: reverse("wagtailadmin_pages:unpublish", args=[w.story.pk])),
    ("admin user delete", "superuser",
        lambda w: reverse("wagtailusers_users:delete", args=[w.other.pk])),
]  # fmt: skip


@pytest.mark.parametrize(
    ("who", "url"), [pytest.param(who, url, id=name) for name, who, url in POST_ONLY]
)
def test_post_only_actions_refuse_get(world, who, url):
    client = logged_in_client(world, who)
    before = snapshot(world)
    assert client.get(url(world)).status_code == 405
    assert snapshot(world) == before


@pytest.mark.parametrize(
    ("who", "url"), [pytest.param(who, url, id=name) for name, who, url in GET_CHANGES_NOTHING]
)
def test_get_shows_a_form_and_changes_nothing(world, who, url):
    client = logged_in_client(world, who)
    before = snapshot(world)
    response = client.get(url(world))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode().lower()
    assert snapshot(world) == before
    if who:
        assert "_auth_user_id" in client.session


def test_confirming_an_email_address_needs_a_post(world):
    from allauth.account.models import EmailConfirmationHMAC

    key = EmailConfirmationHMAC(world.unverified).key
    client = logged_in_client(world, "member")
    response = client.get(f"/ko/accounts/confirm-email/{key}/")
    assert response.status_code == 200
    world.unverified.refresh_from_db()
    assert not world.unverified.verified
    assert client.post(f"/ko/accounts/confirm-email/{key}/").status_code == 403
    world.unverified.refresh_from_db()
    assert not world.unverified.verified
