"""Each role is a Wagtail group with the least permissions it needs."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import GroupPagePermission

from core import roles
from home.factories import UserFactory
from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_every_role_group_exists():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        roles.EDITORS,
        roles.APPROVERS,
        roles.MODERATORS,
        roles.SUPPORT,
        roles.MEMBERS,
    }


def test_only_editors_and_approvers_have_page_permissions():
    groups_with_page_permissions = set(
        GroupPagePermission.objects.values_list("group__name", flat=True)
    )
    assert groups_with_page_permissions == {roles.EDITORS, roles.APPROVERS}


def test_sync_roles_removes_permissions_nobody_declared():
    moderators = Group.objects.get(name=roles.MODERATORS)
    moderators.permissions.add(Permission.objects.get(codename="add_storycategory"))
    roles.sync_roles()
    assert not moderators.permissions.filter(codename="add_storycategory").exists()


def test_an_unknown_permission_fails_loudly(monkeypatch):
    monkeypatch.setattr(
        roles, "ROLES", (roles.Role(name="Broken", permissions=("stories.no_such_thing",)),)
    )
    with pytest.raises(ImproperlyConfigured, match="stories.no_such_thing"):
        roles.sync_roles()


@pytest.fixture
def story(home):
    return StoryPageFactory(title="로스팅 데이")


@pytest.mark.parametrize(
    ("group", "can_edit"),
    [
        (roles.EDITORS, True),
        (roles.APPROVERS, True),
        (roles.MODERATORS, False),
        (roles.SUPPORT, False),
    ],
)
def test_only_editors_can_edit_stories_in_the_admin(client, story, group, can_edit):
    client.force_login(UserFactory(groups=[group]))
    assert client.get("/admin/").status_code == 200
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    if can_edit:
        assert response.status_code == 200
    else:
        assert response.status_code in {302, 403}
        assert not story.permissions_for_user(UserFactory(groups=[group])).can_edit()


def test_members_have_no_admin_access(client):
    client.force_login(UserFactory(groups=[roles.MEMBERS]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editors_submit_and_approvers_publish(story):
    editor = UserFactory(groups=[roles.EDITORS])
    approver = UserFactory(groups=[roles.APPROVERS])
    assert story.permissions_for_user(editor).can_edit()
    assert not story.permissions_for_user(editor).can_publish()
    assert story.permissions_for_user(approver).can_publish()
