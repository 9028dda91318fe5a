"""The index follows content changes after commit, and rebuild and update agree."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search import indexing
from search.backends import get_backend
from search.documents import MEMBERS, PUBLIC, SearchRequest
from search.models import SearchDocument, SearchTerm
from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    StoryCategoryFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def results(query, locale="ko", audiences=(PUBLIC,)):
    return get_backend().search(SearchRequest(query=query, locale=locale, audiences=audiences))


def titles(query, locale="ko", audiences=(PUBLIC,)):
    return [hit.title for hit in results(query, locale, audiences).hits]


def urls(query, locale="ko"):
    return [hit.url for hit in results(query, locale).hits]


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what would happen after the transaction commits (the immediate task backend)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def knowledge_base(home):
    return KnowledgeBasePageFactory(parent=home)


@pytest.fixture
def category(knowledge_base, after_commit):
    return after_commit(
        publish, FAQCategoryPageFactory(parent=knowledge_base, title="주문과 배송", slug="orders")
    )


@pytest.fixture
def faq(category, after_commit):
    page = FAQPageFactory(
        parent=category,
        title="배송은 얼마나 걸리나요?",
        slug="delivery",
        short_answer="보통 이틀 걸립니다.",
    )
    return after_commit(publish, page)


def test_a_published_page_is_found(faq):
    assert titles("배송") == ["배송은 얼마나 걸리나요?"]
    assert urls("배송") == ["/ko/faq/orders/delivery/"]


def test_nothing_is_indexed_before_the_transaction_commits(
    category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(FAQPageFactory(parent=category, title="포장은 어떻게 하나요?", slug="packing"))
    assert titles("포장") == []
    assert len(callbacks) >= 1


def test_a_draft_change_waits_for_publishing(faq, after_commit):
    faq.title = "주문한 차는 언제 오나요?"
    after_commit(faq.save_revision)
    assert titles("배송") == ["배송은 얼마나 걸리나요?"]
    after_commit(faq.get_latest_revision().publish)
    assert titles("배송") == []
    assert titles("언제 오나요") == ["주문한 차는 언제 오나요?"]


def test_an_unpublished_page_disappears(faq, after_commit):
    after_commit(faq.unpublish)
    assert titles("배송") == []


def test_a_deleted_page_disappears(faq, after_commit):
    after_commit(faq.delete)
    assert titles("배송") == []
    assert not SearchDocument.objects.exists()


def test_a_slug_change_updates_the_urls_below(category, faq, after_commit):
    category.slug = "ordering"
    after_commit(publish, category)
    assert urls("배송") == ["/ko/faq/ordering/delivery/"]


def test_a_move_updates_url_and_category(knowledge_base, category, faq, after_commit):
    other = after_commit(
        publish, FAQCategoryPageFactory(parent=knowledge_base, title="배달", slug="shipping")
    )
    after_commit(faq.move, other, pos="last-child")
    hit = results("배송").hits[0]
    assert hit.url == "/ko/faq/shipping/delivery/"
    assert results("배송").facets["category"] == {"배달": 1}


def test_renaming_a_category_page_updates_its_faqs(category, faq, after_commit):
    category.title = "주문 안내"
    after_commit(publish, category)
    assert results("배송").facets["category"] == {"주문 안내": 1}


def test_renaming_a_story_category_updates_its_stories(home, korean, after_commit):
    story_category = StoryCategoryFactory(name="가이드", locale=korean)
    story = StoryPageFactory(title="호지차 우리는 법", category=story_category)
    after_commit(publish, story)
    story_category.name = "차 가이드"
    after_commit(story_category.save)
    assert results("호지차").facets["category"] == {"차 가이드": 1}


def test_a_published_translation_is_found_in_its_language(faq, english_home, english, after_commit):
    translation = after_commit(faq.copy_for_translation, english, copy_parents=True)
    translation.title = "How long does delivery take?"
    after_commit(publish, translation)
    assert titles("delivery", "en") == ["How long does delivery take?"]
    assert urls("delivery", "en") == ["/en/faq/orders/delivery/"]
    assert titles("delivery", "ko") == []


def test_private_pages_are_never_found(faq, after_commit):
    after_commit(
        PageViewRestriction.objects.create,
        page=faq.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    assert titles("배송", audiences=(PUBLIC, MEMBERS)) == []


def test_members_only_pages_are_found_by_members_only(faq, after_commit):
    restriction = after_commit(
        PageViewRestriction.objects.create, page=faq, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles("배송") == []
    assert titles("배송", audiences=(PUBLIC, MEMBERS)) == ["배송은 얼마나 걸리나요?"]
    after_commit(restriction.delete)
    assert titles("배송") == ["배송은 얼마나 걸리나요?"]


def test_the_vocabulary_follows_changes(faq, after_commit):
    assert SearchTerm.objects.filter(locale="ko", term="배송", documents=1).exists()
    after_commit(faq.delete)
    assert not SearchTerm.objects.filter(locale="ko", term="배송").exists()


def snapshot():
    """Everything a visitor could see of the index: results of several queries."""
    queries = ["배송", "포장", "택배", "호지차", "이틀", "질문", "안내"]
    return {
        query: [(hit.key, hit.title, hit.url, hit.snippet) for hit in results(query).hits]
        for query in queries
    } | {"fingerprints": get_backend().fingerprints(locale="ko")}


def edit_a_lot(knowledge_base, category, faq):
    other = publish(
        FAQCategoryPageFactory(parent=knowledge_base, title="포장 안내", slug="packing")
    )
    extra = publish(FAQPageFactory(parent=category, title="택배 상자는 재활용되나요?", slug="box"))
    publish(FAQPageFactory(parent=other, title="포장지는 무엇인가요?", slug="paper"))
    faq.title = "배송 질문"
    publish(faq)
    extra.move(other, pos="last-child")
    category.slug = "ordering"
    publish(category)
    gone = publish(FAQPageFactory(parent=category, title="호지차 배송", slug="gone"))
    gone.delete()
    publish(FAQPageFactory(parent=category, title="초안 질문", slug="draft")).unpublish()


def test_rebuild_and_incremental_update_give_the_same_index(
    knowledge_base, category, faq, after_commit, django_capture_on_commit_callbacks
):
    after_commit(edit_a_lot, knowledge_base, category, faq)
    followed = snapshot()
    indexing.rebuild()
    rebuilt = snapshot()
    assert followed == rebuilt
    assert rebuilt["배송"]


def test_update_catches_up_with_changes_the_index_missed(
    knowledge_base, category, faq, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        edit_a_lot(knowledge_base, category, faq)
    stale = snapshot()
    report = indexing.update()
    updated = snapshot()
    indexing.rebuild()
    assert updated == snapshot()
    assert stale != updated
    assert report.indexed > 0 and report.removed == 0
    assert indexing.update().indexed == 0  # nothing left to do


def test_search_index_command(faq):
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "faq        ko                1         1" in out.getvalue()
    SearchDocument.objects.all().delete()
    with pytest.raises(Exception, match="differs"):
        call_command("search_index", "status", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_index", "rebuild", "--locale", "ko", stdout=out)
    assert "ko: 1 documents" in out.getvalue()
    assert "[" not in out.getvalue()  # no progress bar when the output is not a terminal
    out = io.StringIO()
    call_command("search_index", "update", stdout=out)
    assert "Indexed 0, removed 0" in out.getvalue()


def test_search_index_command_rejects_an_unknown_language():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown language 'xx'"):
        call_command("search_index", "status", "--locale", "xx", stdout=io.StringIO())
