"""What editors can do: page type rules, the publishing workflow, scheduled publishing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from core import roles
from home.factories import UserFactory
from home.models import HomePage
from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    KnowledgeBasePageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    StoryPageFactory,
)
from stories.models import (
    FAQCategoryPage,
    FAQPage,
    KnowledgeBasePage,
    ProductIndexPage,
    ProductPage,
    StoryIndexPage,
    StoryPage,
)

pytestmark = pytest.mark.django_db

ALL_TYPES = [
    HomePage,
    StoryIndexPage,
    StoryPage,
    ProductIndexPage,
    ProductPage,
    KnowledgeBasePage,
    FAQCategoryPage,
    FAQPage,
]

# Where each page type belongs, and nowhere else.
PARENTS = {
    HomePage: {Page},
    StoryIndexPage: {HomePage},
    StoryPage: {StoryIndexPage},
    ProductIndexPage: {HomePage},
    ProductPage: {ProductIndexPage},
    KnowledgeBasePage: {HomePage},
    FAQCategoryPage: {KnowledgeBasePage},
    FAQPage: {FAQCategoryPage},
}


@pytest.mark.parametrize("page_type", ALL_TYPES, ids=lambda model: model.__name__)
def test_each_page_type_can_only_be_created_where_it_belongs(page_type):
    allowed = set(page_type.allowed_parent_page_models())
    assert allowed == PARENTS[page_type]
    for parent_type in [Page, *ALL_TYPES]:
        fits = page_type in parent_type.allowed_subpage_models()
        assert fits == (parent_type in PARENTS[page_type]), parent_type


@pytest.fixture
def tree(index):
    product_index = ProductIndexPageFactory(parent=index.get_parent())
    knowledge_base = KnowledgeBasePageFactory(parent=index.get_parent())
    category = FAQCategoryPageFactory(parent=knowledge_base)
    return {
        "home": index.get_parent().specific,
        "story_index": index,
        "story": StoryPageFactory(parent=index),
        "product_index": product_index,
        "product": ProductPageFactory(parent=product_index),
        "knowledge_base": knowledge_base,
        "faq_category": category,
        "faq": FAQPageFactory(parent=category),
    }


CREATABLE = {
    # The sections exist already: one of each per home page.
    "home": set(),
    "story_index": {StoryPage},
    "story": set(),
    "product_index": {ProductPage},
    "product": set(),
    "knowledge_base": {FAQCategoryPage},
    "faq_category": {FAQPage},
    "faq": set(),
}


@pytest.mark.parametrize("parent_name", list(CREATABLE))
def test_what_can_be_created_under_each_page(tree, parent_name):
    parent = tree[parent_name]
    creatable = {page_type for page_type in ALL_TYPES if page_type.can_create_at(parent)}
    assert creatable == CREATABLE[parent_name]


def test_a_home_page_without_sections_can_get_one_of_each(home):
    assert StoryIndexPage.can_create_at(home)
    assert ProductIndexPage.can_create_at(home)
    assert KnowledgeBasePage.can_create_at(home)
    assert not StoryPage.can_create_at(home)
    assert not FAQPage.can_create_at(home)


# The publishing workflow --------------------------------------------------------------------


def test_every_page_goes_through_the_publishing_workflow(tree):
    for page in tree.values():
        workflow = page.get_workflow()
        assert workflow is not None and workflow.name == roles.PUBLISHING_WORKFLOW
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == [roles.APPROVERS]


def test_editor_submits_and_an_approver_publishes(client, index):
    editor = UserFactory(groups=[roles.EDITORS])
    approver = UserFactory(groups=[roles.APPROVERS])
    story = StoryPageFactory(parent=index, title="초안", live=False)

    client.force_login(editor)
    html = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    revision = story.save_revision(user=editor)
    workflow_state = story.get_workflow().start(story, editor)
    assert workflow_state.status == "in_progress"
    assert not StoryPage.objects.get(pk=story.pk).live

    client.force_login(approver)
    html = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert 'name="action-publish"' in html
    task_state = workflow_state.current_task_state.specific
    assert task_state.task.specific.user_can_access_editor(story, approver)
    task_state.task.specific.on_action(task_state, approver, "approve")
    story.refresh_from_db()
    assert story.live
    assert story.live_revision_id == revision.pk


def test_sync_is_idempotent():
    roles.sync_publishing_workflow()
    roles.sync_publishing_workflow()
    from wagtail.models import Workflow, WorkflowPage

    assert Workflow.objects.filter(name=roles.PUBLISHING_WORKFLOW).count() == 1
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow.name == (
        roles.PUBLISHING_WORKFLOW
    )


# Scheduled publishing -----------------------------------------------------------------------


def test_story_with_a_future_go_live_is_not_public_until_then(client, index):
    story = StoryPageFactory(parent=index, title="내일의 이야기", slug="tomorrow", live=False)
    story.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = story.save_revision()
    revision.publish()
    story.refresh_from_db()
    assert not story.live
    assert client.get("/ko/stories/tomorrow/").status_code == 404
    assert "내일의 이야기" not in client.get(index.url).content.decode()

    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    # The next day: the go-live time has passed.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert client.get("/ko/stories/tomorrow/").status_code == 200
    assert "내일의 이야기" in client.get(index.url).content.decode()


def test_previews_of_the_story_types(client, index):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    story = StoryPageFactory(parent=index, title="미리 보기")
    for page in (index, story):
        page.title = f"{page.title} (고친 초안)"
        revision = page.save_revision()
        response = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
        assert response.status_code == 200
        assert f"{page.title}" in response.content.decode()  # the draft, not the live page
