"""Approved community posts are searchable, with the page they belong to; others are not."""

import pytest
from wagtail.models import PageViewRestriction

from community import moderation_services, services
from community.factories import PostFactory
from community.models import PostKind, PostState
from home.factories import UserFactory
from search import indexing
from search.backends import get_backend
from search.documents import MEMBERS, PUBLIC, SearchRequest
from search.models import SearchDocument
from stories.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


def search(query, audiences=(PUBLIC,), locale="ko"):
    return get_backend().search(SearchRequest(query=query, locale=locale, audiences=audiences))


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def product(home, after_commit):
    page = ProductPageFactory(title="망원 호지차", slug="hojicha")
    after_commit(page.save_revision().publish)
    page.refresh_from_db()
    return page


@pytest.fixture
def review(product, after_commit):
    return after_commit(
        PostFactory,
        page=product,
        kind=PostKind.REVIEW,
        rating=5,
        comment="구수한 향이 오래 남아요. **강력 추천**합니다.",
    )


def test_an_approved_post_is_found_with_its_page(review, product):
    results = search("구수한")
    assert [hit.doc_type for hit in results.hits] == ["post"]
    hit = results.hits[0]
    assert hit.parent_title == "망원 호지차"
    assert hit.parent_url == product.get_url()
    assert hit.url.endswith(f"#post-{review.pk}")
    assert hit.title == f"{review.author_display_name}님의 글"
    assert "**" not in hit.snippet  # Markdown is indexed as plain text
    assert results.facets["product"] == {"망원 호지차": 1}


def test_a_pending_post_is_not_found_until_approved(product, after_commit):
    moderator = UserFactory(is_superuser=True)
    post = after_commit(
        PostFactory, page=product, state=PostState.PENDING, comment="우려낸 색이 맑네요"
    )
    assert search("우려낸").hits == []
    after_commit(moderation_services.post_approve, post=post, moderator=moderator)
    assert [hit.key for hit in search("우려낸").hits] == [f"post:{post.pk}"]


@pytest.mark.parametrize("action", ["hide", "spam"])
def test_a_post_taken_down_leaves_the_index(review, after_commit, action):
    moderator = UserFactory(is_superuser=True)
    take_down = moderation_services.POST_ACTIONS[action]
    after_commit(take_down, post=review, moderator=moderator)
    assert search("구수한").hits == []


def test_a_post_deleted_by_its_author_leaves_the_index(review, after_commit):
    after_commit(services.post_delete, post=review, user=review.user)
    assert search("구수한").hits == []


def test_unpublishing_the_page_takes_its_posts_along(review, product, after_commit):
    after_commit(product.unpublish)
    assert search("구수한").hits == []


def test_posts_under_a_members_only_page_are_for_members(review, product, after_commit):
    after_commit(
        PageViewRestriction.objects.create,
        page=product,
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert search("구수한").hits == []
    assert len(search("구수한", audiences=(PUBLIC, MEMBERS)).hits) == 1


def test_rebuild_indexes_posts(review):
    SearchDocument.objects.all().delete()
    assert search("구수한").hits == []
    indexing.rebuild()
    assert [hit.key for hit in search("구수한").hits] == [f"post:{review.pk}"]


def test_the_api_filters_on_posts(client, review):
    response = client.get("/api/search/", {"q": "구수한", "locale": "ko", "type": "post"})
    assert response.status_code == 200
    data = response.json()
    assert [result["type"] for result in data["results"]] == ["post"]
    assert data["facets"]["type"] == {"post": 1}


def test_banning_a_spammer_takes_their_posts_out_and_unbanning_brings_them_back(
    review, after_commit
):
    from community import moderation_services
    from community.moderation_services import BanReason

    moderator = UserFactory(is_superuser=True)
    after_commit(
        moderation_services.member_ban,
        member=review.user,
        moderator=moderator,
        reason=BanReason.SPAMMER,
    )
    assert search("구수한").hits == []
    after_commit(moderation_services.member_unban, member=review.user, moderator=moderator)
    assert [hit.key for hit in search("구수한").hits] == [f"post:{review.pk}"]
