"""Permission policies for the admin views of ``home``'s own models."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy


class SuperusersMayLook(BasePermissionPolicy):
    """Superusers may view; nobody may add, change or delete through the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if "view" in actions else users.none()
