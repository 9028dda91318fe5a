"""The site's roles, each a Wagtail group with the least permissions it needs, and the
publishing workflow between two of them (editors submit, approvers publish).

This is the one place where roles are declared; ``sync_roles`` makes the groups in the database
match these declarations exactly and assigns the publishing workflow to the whole page tree (it
runs after every ``migrate``). Permissions are named
``"app_label.codename"``; a name that does not exist is a configuration error and fails loudly.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
APPROVERS = "Approvers"
MODERATORS = "Moderators"
SUPPORT = "Support"
MEMBERS = "Members"


@dataclass(frozen=True)
class Role:
    name: str
    # Model permissions, "app_label.codename".
    permissions: tuple[str, ...] = ()
    # Page permission codenames (wagtailcore), granted on the root of the page tree.
    page_permissions: tuple[str, ...] = ()
    # Image and document permissions, "app_label.codename", granted on the root collection.
    collection_permissions: tuple[str, ...] = field(default=())


EDITOR_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "stories.add_storycategory",
    "stories.change_storycategory",
    "stories.delete_storycategory",
    "stories.add_author",
    "stories.change_author",
    "stories.delete_author",
    "stories.view_faqfeedback",
    "search.view_search_analytics",
    "community.view_post",
    "community.answer_officially",
)
EDITOR_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

ROLES: tuple[Role, ...] = (
    # Editors write and submit pages to the publishing workflow; approvers publish them.
    Role(
        name=EDITORS,
        permissions=EDITOR_PERMISSIONS,
        page_permissions=("add_page", "change_page", "lock_page", "unlock_page"),
        collection_permissions=EDITOR_COLLECTION_PERMISSIONS,
    ),
    Role(
        name=APPROVERS,
        permissions=EDITOR_PERMISSIONS,
        page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        collection_permissions=EDITOR_COLLECTION_PERMISSIONS,
    ),
    Role(
        name=MODERATORS,
        permissions=(
            "wagtailadmin.access_admin",
            "community.view_post",
            "community.change_post",
            "community.answer_officially",
            "community.approve_member",
            "community.moderate_post",
            "community.add_blocklistentry",
            "community.change_blocklistentry",
            "community.delete_blocklistentry",
            "community.view_blocklistentry",
            "community.change_trustsettings",
        ),
    ),
    Role(
        name=SUPPORT,
        permissions=(
            "wagtailadmin.access_admin",
            "search.use_faq_finder",
            "community.view_post",
            "community.answer_officially",
        ),
    ),
    Role(name=MEMBERS),
)


def _permission(dotted_name: str) -> Permission:
    app_label, _, codename = dotted_name.partition(".")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise ImproperlyConfigured(f"Role permission {dotted_name!r} does not exist.") from None


@transaction.atomic
def sync_roles() -> None:
    """Create the role groups and give each exactly the permissions declared in ``ROLES``."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(name) for name in role.permissions])

        page_permissions = [_permission(f"wagtailcore.{name}") for name in role.page_permissions]
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root_page, permission__in=page_permissions
        ).delete()
        if root_page is not None:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )

        collection_permissions = [_permission(name) for name in role.collection_permissions]
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=collection_permissions
        ).delete()
        if root_collection is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


PUBLISHING_WORKFLOW = "Editor submits, approver publishes"
APPROVAL_TASK = "Approver publishes"


@transaction.atomic
def sync_publishing_workflow() -> Workflow | None:
    """The workflow every page goes through before it is published: an editor submits it, a
    member of the Approvers group approves and publishes it (or asks for changes). It is
    assigned to the root of the page tree, so it covers every language's home page and all
    pages below. Scheduled publishing (a "go-live" date) works through it: the approved
    revision goes live at that date."""
    root_page = Page.get_first_root_node()
    if root_page is None:
        return None
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.active = True
    task.save()
    task.groups.set([Group.objects.get(name=APPROVERS)])

    workflow, _created = Workflow.objects.get_or_create(name=PUBLISHING_WORKFLOW)
    workflow.active = True
    workflow.save()
    steps = WorkflowTask.objects.filter(workflow=workflow)
    if list(steps.order_by("sort_order").values_list("task_id", flat=True)) != [task.pk]:
        steps.delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return workflow
