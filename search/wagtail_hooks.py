from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("search/faq-finder/", admin_views.faq_finder, name="search_faq_finder"),
        path("search/analytics/", admin_views.analytics, name="search_analytics"),
    ]


@hooks.register("register_admin_menu_item")
def faq_finder_menu_item():
    return PermissionMenuItem(
        _("FAQ finder"),
        reverse("search_faq_finder"),
        icon_name="help",
        order=250,
        permission="search.use_faq_finder",
    )


@hooks.register("register_reports_menu_item")
def analytics_menu_item():
    return PermissionMenuItem(
        _("Search analytics"),
        reverse("search_analytics"),
        icon_name="search",
        order=900,
        permission="search.view_search_analytics",
    )
