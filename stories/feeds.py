"""Atom and RSS feeds of a story index (one per language, since each language has its index).

Every address in a feed is absolute and taken from the Wagtail site that serves the index,
not from ``django.contrib.sites``.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .selectors import feed_stories


class StoryRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return f"{index.title} · {index.get_parent().title}"

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        route = "feed_atom" if self.feed_type is Atom1Feed else "feed_rss"
        return index.get_full_url(self.request) + index.reverse_subpage(route)

    def description(self, index):
        return index.intro or index.title

    subtitle = description

    def items(self, index):
        return feed_stories(index=index)

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return story.get_full_url(self.request)

    def item_guid(self, story):
        return story.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, story):
        return timezone.make_aware(datetime.datetime.combine(story.date, datetime.time(9)))

    def item_updateddate(self, story):
        return story.last_published_at

    def item_categories(self, story):
        return [story.category.name] if story.category else []


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed
