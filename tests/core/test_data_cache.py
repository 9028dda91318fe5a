"""What every page reads is cached for the content generation (``core.page_cache.cached``):
routing by URL path, the privacy restrictions, the site settings, the header's pages. Any
content change starts a new generation, so the next request shows it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from community.factories import MemberFactory
from community.selectors import community_settings
from core import page_cache
from core.models import BrandSettings
from stories.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, title="이야기", slug="stories")


@pytest.fixture
def story(index):
    return StoryPageFactory(parent=index, title="목요일은 로스팅 데이", slug="roasting")


# Routing -----------------------------------------------------------------------------------


def test_a_deep_url_finds_its_page_and_the_real_page_class(client, story):
    response = client.get("/ko/stories/roasting/")
    assert response.status_code == 200
    assert type(response.context["page"]).__name__ == "StoryPage"
    assert response.context["page"].pk == story.pk
    assert client.get("/ko/stories/").context["page"].pk == story.get_parent().pk


def test_unknown_urls_are_404_and_stay_404(client, story):
    assert client.get("/ko/stories/nowhere/").status_code == 404
    assert client.get("/ko/stories/roasting/deeper/").status_code == 404
    assert client.get("/ko/nowhere/roasting/").status_code == 404


def test_an_unpublished_page_is_404_at_once(client, story):
    assert client.get("/ko/stories/roasting/").status_code == 200
    story.unpublish()
    assert client.get("/ko/stories/roasting/").status_code == 404


def test_a_moved_slug_routes_to_the_new_address_at_once(client, story):
    assert client.get("/ko/stories/roasting/").status_code == 200
    story.slug = "thursday"
    story.save_revision().publish()
    assert client.get("/ko/stories/thursday/").status_code == 200
    assert client.get("/ko/stories/roasting/").status_code != 200


def test_the_story_index_feeds_still_route(client, story):
    assert client.get("/ko/stories/feed/rss/").status_code == 200
    assert client.get("/ko/stories/feed/atom/").status_code == 200


def test_the_redirects_app_still_answers_unknown_paths(client, story):
    Redirect.objects.create(old_path="/ko/old-roasting", redirect_page=story)
    response = client.get("/ko/old-roasting/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/ko/stories/roasting/")


# Privacy -----------------------------------------------------------------------------------


def test_a_new_password_restriction_asks_for_the_password_on_the_next_request(client, story):
    assert client.get("/ko/stories/roasting/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=story.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="차"
    )
    response = client.get("/ko/stories/roasting/")
    assert response.status_code == 200
    assert "password" in response.content.decode()
    assert f"/{restriction.pk}/{story.pk}/" in response.content.decode()  # the form's address
    assert "목요일은 로스팅 데이" not in response.content.decode()


def test_a_group_restriction_asks_for_login_and_follows_group_changes(client, story):
    group = Group.objects.create(name="단골 모임")
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    response = client.get("/ko/stories/roasting/")
    assert response.status_code == 302
    assert "login" in response["Location"]

    member = MemberFactory()
    client.force_login(member)
    assert client.get("/ko/stories/roasting/").status_code == 302  # not in the group
    member.groups.add(group)
    assert client.get("/ko/stories/roasting/").status_code == 200

    # Taking the group off the restriction (a many-to-many change) is a privacy change too.
    other = Group.objects.create(name="다른 모임")
    restriction.groups.set([other])
    assert client.get("/ko/stories/roasting/").status_code == 302


def test_removing_a_restriction_opens_the_page_at_once(client, index):
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/ko/stories/").status_code == 302  # Wagtail's redirect to the login
    restriction.delete()
    assert client.get("/ko/stories/").status_code == 200


def test_a_privacy_change_also_empties_the_page_cache(client, index, settings):
    settings.DANGOL_PAGE_CACHE_SECONDS = 60
    client.get("/ko/stories/")
    assert client.get("/ko/stories/")["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/ko/stories/").status_code == 302


def test_the_admin_still_reads_restrictions_from_the_database(story):
    restriction = PageViewRestriction.objects.create(
        page=story.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    restrictions = story.get_view_restrictions()
    assert list(restrictions) == [restriction]
    assert list(restrictions.order_by("-page__depth")) == [restriction]
    assert restrictions.exists()


# Settings and the header -------------------------------------------------------------------


def test_a_changed_setting_shows_on_the_next_request(client, home):
    brand = BrandSettings.objects.get()
    brand.contact_email = "first@dangol.example"
    brand.save()
    assert "first@dangol.example" in client.get("/ko/").content.decode()
    brand.contact_email = "second@dangol.example"
    brand.save()
    content = client.get("/ko/").content.decode()
    assert "second@dangol.example" in content
    assert "first@dangol.example" not in content


def test_community_settings_are_read_once_per_generation(home, django_assert_num_queries):
    community_settings()
    with django_assert_num_queries(0):
        community_settings()
    page_cache.invalidate()
    with django_assert_num_queries(2):  # the default site and its settings
        community_settings()


def test_a_renamed_menu_page_shows_on_the_next_request(client, index):
    index.show_in_menus = True
    index.save_revision().publish()
    assert "이야기" in client.get("/ko/").content.decode()
    index.title = "브랜드 이야기"
    index.save_revision().publish()
    assert "브랜드 이야기" in client.get("/ko/").content.decode()


def test_a_preview_shows_the_drafts_own_tags_not_the_cached_ones(client, story, rf):
    from django.contrib.auth.models import AnonymousUser
    from taggit.models import Tag

    Tag.objects.create(name="새잎", slug="saeip")
    client.get("/ko/stories/roasting/")  # the live story's extras are cached
    story.tags.add("새잎")  # an edit not saved yet, as in the editor's preview

    request = rf.get("/ko/stories/roasting/")
    request.user = AnonymousUser()
    assert "새잎" not in [tag.name for tag in story.get_context(request)["tags"]]
    request.is_preview = True
    assert "새잎" in [tag.name for tag in story.get_context(request)["tags"]]
