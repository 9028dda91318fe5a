"""Admin choosers the story blocks use."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.admin_url_finder import quote
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from core.converters import parse_id


def post_label(post) -> str:
    """How a post is named in the chooser: its author and the start of its text."""
    from community.markup import plain_excerpt

    return f"{post.author_display_name}: {plain_excerpt(post.comment, 60)}"


class PostColumnsMixin:
    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=pgettext_lazy("post chooser column", "Post"),
                accessor=post_label,
                get_url=lambda post: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(quote(post.pk),))
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("page", label=_("Page"), accessor="page"),
            DateColumn("submit_date", label=_("Posted")),
        ]


class ChoosePostView(PostColumnsMixin, chooser_views.ChooseView):
    pass


class ChoosePostResultsView(PostColumnsMixin, chooser_views.ChooseResultsView):
    pass


class ChosenPostView(chooser_views.ChosenView):
    def get_object(self, pk):
        # A post's id is its parent comment's, which the database's overflow guard for integer
        # lookups does not cover: only ids by the site's rule are looked up.
        return self.model_class.objects.get(pk=parse_id(pk))

    def get_display_title(self, instance):
        return post_label(instance)


class ChosenPostsView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return self.model_class.objects.filter(pk__in=[parse_id(pk) for pk in pks])

    def get_display_title(self, instance):
        return post_label(instance)


class ApprovedPostChooserViewSet(ChooserViewSet):
    """Lets an editor pick a community post for a customer spotlight: approved posts only."""

    model = "community.Post"
    icon = "user"
    choose_one_text = _("Choose a community post")
    choose_another_text = _("Choose another post")
    page_title = _("Choose an approved community post")
    per_page = 20
    choose_view_class = ChoosePostView
    choose_results_view_class = ChoosePostResultsView
    chosen_view_class = ChosenPostView
    chosen_multiple_view_class = ChosenPostsView

    def get_object_list(self):
        from community.models import Post

        return (
            Post.objects.approved()
            .filter(deleted_at__isnull=True)
            .select_related("user__community_profile", "page")
            .order_by("-submit_date")
        )


approved_post_chooser_viewset = ApprovedPostChooserViewSet("approved_post_chooser")
