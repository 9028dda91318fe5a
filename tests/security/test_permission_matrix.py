"""Who may open which admin area and do which community action: anonymous, Member, Support,
Moderator, Editor and superuser, each checked against what ``core/roles.py`` declares.

Adding an admin view or a community action is one line in ADMIN_AREAS or ACTIONS: the
expectation comes from the permissions it needs, never from a list of roles."""

import pytest
from django.test import Client
from django.urls import reverse
from django_comments.models import CommentFlag
from wagtail.models import Site

from community.factories import PostFactory
from community.models import HELPFUL_FLAG, Follow, Post, PostKind
from core import roles
from tests.community.conftest import form_data

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "support", "moderator", "editor", "superuser"]
ROLE_OF = {
    "member": roles.MEMBERS,
    "support": roles.SUPPORT,
    "moderator": roles.MODERATORS,
    "editor": roles.EDITORS,
}


def declared_permissions(persona: str) -> set[str]:
    """What core/roles.py gives the persona's role ("app_label.codename")."""
    if persona not in ROLE_OF:
        return set()
    role = next(role for role in roles.ROLES if role.name == ROLE_OF[persona])
    return {
        *role.permissions,
        *role.collection_permissions,
        *(f"wagtailcore.{codename}" for codename in role.page_permissions),
    }


def any_of(*permissions: str):
    return lambda granted: bool(granted & set(permissions))


ACCESS_ONLY = any_of("wagtailadmin.access_admin")
SUPERUSER_ONLY = any_of()


def site_pk(w) -> int:
    return Site.objects.get(is_default_site=True).pk


# (area, URL from the world, which declared permissions open it besides access_admin)
ADMIN_AREAS = [
    ("dashboard", lambda w: reverse("wagtailadmin_home"), ACCESS_ONLY),
    ("page explorer", lambda w: reverse("wagtailadmin_explore", args=[w.home.pk]),
        any_of("wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.publish_page")),
    ("page edit", lambda w: reverse("wagtailadmin_pages:edit", args=[w.story.pk]),
        any_of("wagtailcore.change_page")),
    ("page add", lambda w: reverse(
        "wagtailadmin_pages:add", args=["stories", "storypage", w.story.get_parent().pk]),
        any_of("wagtailcore.add_page")),
    ("snippets", lambda w: reverse("wagtailsnippets:index"), any_of(
        "stories.add_storycategory", "stories.change_storycategory",
        "stories.delete_storycategory")),
    ("story categories", lambda w: reverse("wagtailsnippets_stories_storycategory:list"), any_of(
        "stories.add_storycategory", "stories.change_storycategory",
        "stories.delete_storycategory")),
    ("images", lambda w: reverse("wagtailimages:index"), any_of(
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image")),
    ("image upload", lambda w: reverse("wagtailimages:add"), any_of("wagtailimages.add_image")),
    ("documents", lambda w: reverse("wagtaildocs:index"), any_of(
        "wagtaildocs.add_document", "wagtaildocs.change_document",
        "wagtaildocs.choose_document")),
    ("users", lambda w: reverse("wagtailusers_users:index"),
        any_of("auth.add_user", "auth.change_user", "auth.delete_user")),
    ("groups", lambda w: reverse("wagtailusers_groups:index"),
        any_of("auth.add_group", "auth.change_group", "auth.delete_group")),
    ("brand settings", lambda w: reverse(
        "wagtailsettings:edit", args=["core", "brandsettings", site_pk(w)]),
        any_of("core.change_brandsettings")),
    ("community settings", lambda w: reverse(
        "wagtailsettings:edit", args=["community", "communitysettings", site_pk(w)]),
        any_of("community.change_communitysettings")),
    ("redirects", lambda w: reverse("wagtailredirects:index"), any_of(
        "wagtailredirects.add_redirect", "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect")),
    ("locales", lambda w: reverse("wagtaillocales:index"), any_of(
        "wagtail_localize.add_locale", "wagtailcore.add_locale", "wagtailcore.change_locale",
        "wagtailcore.delete_locale")),
    ("workflows", lambda w: reverse("wagtailadmin_workflows:index"), any_of(
        "wagtailcore.add_workflow", "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow")),
    ("community posts", lambda w: reverse("community_posts:index"), any_of(
        "community.view_post", "community.add_post", "community.change_post",
        "community.delete_post")),
    ("unanswered questions", lambda w: reverse("community_posts:index") + "?unanswered=true",
        any_of("community.view_post", "community.add_post", "community.change_post",
               "community.delete_post")),
    ("post state", lambda w: reverse("community_posts:edit", args=[w.tip.pk]),
        any_of("community.change_post")),
    ("members to approve", lambda w: reverse("community_admin:members"),
        any_of("community.approve_member")),
    ("post to draft", lambda w: reverse("community_admin:draft", args=[w.tip.pk]),
        any_of("wagtailcore.add_page")),
    ("faq finder", lambda w: reverse("search_faq_finder"), any_of("search.use_faq_finder")),
    ("search analytics", lambda w: reverse("search_analytics"),
        any_of("search.view_search_analytics")),
    ("report: site history", lambda w: reverse("wagtailadmin_reports:site_history"),
        ACCESS_ONLY),
    ("report: locked pages", lambda w: reverse("wagtailadmin_reports:locked_pages"),
        any_of("wagtailcore.lock_page", "wagtailcore.unlock_page")),
    ("report: aging pages", lambda w: reverse("wagtailadmin_reports:aging_pages"),
        any_of("wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.publish_page")),
    # wagtail-localize lists translations (titles and languages) to every admin user.
    ("report: translations", lambda w: reverse("wagtail_localize:translations_report"),
        ACCESS_ONLY),
    ("outgoing email", lambda w: reverse("outgoing_email:index"), SUPERUSER_ONLY),
]  # fmt: skip


def expected_admin(persona: str, opens) -> bool:
    if persona == "superuser":
        return True
    granted = declared_permissions(persona)
    return "wagtailadmin.access_admin" in granted and opens(granted)


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


@pytest.fixture
def world(world):
    """The shared world, plus a question by someone who is none of the personas."""
    world.others_question = PostFactory(
        page=world.faq, user=world.other, kind=PostKind.QUESTION, comment="보관은요?"
    )
    world.others_answer = PostFactory(
        page=world.faq, user=world.support, parent=world.others_question, comment="밀봉해요."
    )
    return world


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_areas(world, persona):
    client = client_for(world, persona)
    seen, expected = {}, {}
    for area, url, opens in ADMIN_AREAS:
        response = client.get(url(world))
        assert response.status_code in (200, 302, 403), (area, response.status_code)
        seen[area] = response.status_code == 200
        expected[area] = expected_admin(persona, opens)
    assert seen == expected


# Community actions ---------------------------------------------------------------------------

STAFF = "community.answer_officially"


def post_tip(client, w):
    client.post("/ko/community/posts/", form_data(w.story, kind="tip", comment="새 팁이에요."))
    return Post.objects.filter(comment="새 팁이에요.").exists()


def reply_in_brand_led_phase(client, w):
    data = form_data(w.faq, kind="reply", reply_to=w.question.pk, comment="답글이에요.")
    client.post("/ko/community/posts/", data)
    return Post.objects.filter(comment="답글이에요.").exists()


def mark_helpful(client, w):
    client.post(f"/ko/community/posts/{w.tip.pk}/helpful/", {"action": "mark"})
    return CommentFlag.objects.filter(comment=w.tip, flag=HELPFUL_FLAG).exists()


def follow_thread(client, w):
    client.post(f"/ko/community/posts/{w.tip.pk}/follow/")
    return Follow.objects.filter(post=w.tip).exists()


def resolve_someone_elses_question(client, w):
    question, answer = w.others_question, w.others_answer
    client.post(f"/ko/community/posts/{question.pk}/resolve/", {"answer": answer.pk})
    question.refresh_from_db()
    return question.resolved_by_id == answer.pk


def edit_someone_elses_post(client, w):
    client.post(f"/ko/community/posts/{w.tip.pk}/edit/", {"comment": "남의 글 고치기"})
    return Post.objects.filter(comment="남의 글 고치기").exists()


def delete_someone_elses_post(client, w):
    client.post(f"/ko/community/posts/{w.tip.pk}/delete/")
    w.tip.refresh_from_db()
    return w.tip.is_deleted


def search_faqs_to_link(client, w):
    return client.get("/ko/community/faq-search/", {"q": "호지차"}).status_code == 200


def member_or_staff(persona, granted):
    return persona != "anonymous"


# (action, how it is tried, who may: persona and declared permissions -> bool)
ACTIONS = [
    ("post a tip", post_tip, member_or_staff),
    ("reply while the brand leads", reply_in_brand_led_phase,
        lambda persona, granted: persona == "superuser" or STAFF in granted),
    ("mark a post helpful", mark_helpful, member_or_staff),
    ("follow a thread", follow_thread, member_or_staff),
    ("resolve someone else's question", resolve_someone_elses_question,
        lambda persona, granted: persona == "superuser" or STAFF in granted),
    ("edit someone else's post", edit_someone_elses_post, lambda persona, granted: False),
    ("delete someone else's post", delete_someone_elses_post, lambda persona, granted: False),
    ("search FAQs to link", search_faqs_to_link,
        lambda persona, granted: persona == "superuser" or STAFF in granted),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_community_actions(world, persona):
    client = client_for(world, persona)
    granted = declared_permissions(persona)
    seen = {action: attempt(client, world) for action, attempt, _may in ACTIONS}
    expected = {action: may(persona, granted) for action, _attempt, may in ACTIONS}
    assert seen == expected
