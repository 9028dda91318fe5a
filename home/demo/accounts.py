"""One demo account per role, all with the same password (printed by ``make run``)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core import roles

DEMO_PASSWORD = "dangol-demo-2026"  # noqa: S105 - a published demo password, never used in production


@dataclass(frozen=True)
class DemoAccount:
    username: str
    email: str
    first_name: str
    last_name: str
    group: str | None
    is_superuser: bool = False
    description: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("admin", "admin@dangol.example", "관리자", "", None, True, "superuser"),
    DemoAccount(
        "editor", "editor@dangol.example", "수민", "이", roles.EDITORS, description="Editors"
    ),
    DemoAccount(
        "approver",
        "approver@dangol.example",
        "도윤",
        "최",
        roles.APPROVERS,
        description="Approvers",
    ),
    DemoAccount(
        "moderator",
        "moderator@dangol.example",
        "하늘",
        "정",
        roles.MODERATORS,
        description="Moderators",
    ),
    DemoAccount(
        "support", "support@dangol.example", "지우", "한", roles.SUPPORT, description="Support"
    ),
    DemoAccount(
        "member", "member@dangol.example", "정호", "김", roles.MEMBERS, description="Members"
    ),
)


def ensure_demo_accounts() -> dict:
    """The demo accounts by username, creating any that are missing."""
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(
                username=account.username,
                email=account.email,
                first_name=account.first_name,
                last_name=account.last_name,
                is_superuser=account.is_superuser,
                is_staff=account.is_superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            if account.group:
                user.groups.add(Group.objects.get(name=account.group))
        users[account.username] = user
    return users
