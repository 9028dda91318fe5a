from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choosers import approved_post_chooser_viewset
from .models import Author, StoryCategory, StoryPage
from .selectors import Restrictions


class StoryCategoryViewSet(SnippetViewSet):
    model = StoryCategory
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "locale"]
    search_fields = ["name"]


register_snippet(StoryCategoryViewSet)
register_snippet(AuthorViewSet)


@hooks.register("register_admin_viewset")
def register_approved_post_chooser():
    return approved_post_chooser_viewset


@hooks.register("before_serve_page", order=-10)
def members_only_story_teaser(page, request, serve_args, serve_kwargs):
    """A story restricted to logged-in users shows visitors its title, its introduction and
    an invitation to log in or join, instead of Wagtail's redirect to the login form. The
    body is never rendered for them. Members pass on to the story (and to Wagtail's own check,
    which lets them in)."""
    if not isinstance(page, StoryPage) or request.user.is_authenticated:
        return None
    restrictions = Restrictions.for_request(request)
    if not restrictions.is_members_only(page) or restrictions.is_hidden(page):
        return None  # public, or a password or group restriction: Wagtail decides
    from community.selectors import community_settings

    if community_settings(request).members_only_reading:
        return None  # the whole site asks for a login first
    next_query = urlencode({"next": page.url})
    return TemplateResponse(
        request,
        "stories/story_members_only.html",
        {
            "page": page,
            "self": page,
            "login_url": f"{reverse('account_login')}?{next_query}",
            "signup_url": f"{reverse('account_signup')}?{next_query}",
        },
    )
