"""Turning an approved tip or question-and-answer into a draft FAQ or story for editors."""

import re

from django.db import transaction
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import RichText

from . import markup
from .models import Post, PostKind, PostState

TARGETS = ("faq", "story")


def _answer_for(question: Post) -> Post | None:
    """The answer that resolved the question, else its first approved official answer."""
    if question.resolved_by_id and question.resolved_by.state == PostState.APPROVED:
        return question.resolved_by
    return (
        Post.objects.approved()
        .filter(thread_id=question.thread_id, level__gt=0, deleted_at__isnull=True)
        .order_by("-is_official", "submit_date")
        .first()
    )


def parent_for(*, post: Post, target: str, user) -> Page | None:
    """Where the draft would go, when ``user`` may create it there; None otherwise."""
    from stories.models import FAQCategoryPage, FAQPage, StoryIndexPage

    if post.state != PostState.APPROVED or post.is_deleted or post.level != 0:
        return None
    if post.kind not in (PostKind.TIP, PostKind.QUESTION):
        return None
    if post.kind == PostKind.QUESTION and _answer_for(post) is None:
        return None
    locale_id = post.page.locale_id
    if target == "faq":
        if post.page.specific_class is FAQPage:
            parent = post.page.get_parent().specific
        else:
            parent = FAQCategoryPage.objects.filter(locale_id=locale_id).order_by("path").first()
    elif target == "story":
        parent = StoryIndexPage.objects.filter(locale_id=locale_id).first()
    else:
        return None
    if parent is None or not parent.permissions_for_user(user).can_add_subpage():
        return None
    return parent


def _rich_text(text: str) -> str:
    """A member's Markdown as Wagtail rich text (bold/italic tags, plain links)."""
    html = str(markup.render(text))
    html = re.sub(r"<(/?)strong>", r"<\1b>", html)
    html = re.sub(r"<(/?)em>", r"<\1i>", html)
    html = re.sub(r"</?code>", "", html)
    return html.replace(' rel="nofollow ugc noopener"', "")


def _title(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), text)
    return markup.plain_excerpt(first_line, 120)


@transaction.atomic
def draft_from_post(*, post: Post, target: str, parent: Page, editor) -> Page:
    """A draft page built from the post (and, for a question, its answer), crediting the member
    on the page; the editor then reviews and publishes it."""
    from stories.models import FAQPage, StoryPage

    member = post.author_display_name or _("a member")
    answer = _answer_for(post) if post.kind == PostKind.QUESTION else None
    with translation.override(post.page.locale.language_code):
        if post.kind == PostKind.QUESTION:
            credit = _("This page began with a question from %(name)s in our community.")
        else:
            credit = _("This page began with a tip from %(name)s in our community.")
        credit_html = f"<p><i>{escape(credit % {'name': member})}</i></p>"

    if target == "faq":
        body_source = answer.comment if answer else post.comment
        page = FAQPage(
            title=_title(post.comment),
            short_answer=markup.plain_excerpt(body_source, 300),
            answer=_rich_text(body_source) + credit_html,
            live=False,
            owner=editor,
            locale_id=parent.locale_id,
        )
    else:
        body = _rich_text(post.comment)
        if answer is not None:
            body += _rich_text(answer.comment)
        page = StoryPage(
            title=_title(post.comment),
            intro=markup.plain_excerpt(post.comment, 300),
            body=[("paragraph", RichText(body + credit_html))],
            live=False,
            owner=editor,
            locale_id=parent.locale_id,
        )
    if not page.slug:
        from anyascii import anyascii
        from django.utils.text import slugify

        page.slug = slugify(anyascii(page.title))[:80] or f"community-{post.pk}"
    base_slug, counter = page.slug, 2
    while not Page._slug_is_available(page.slug, parent):
        page.slug = f"{base_slug}-{counter}"
        counter += 1
    parent.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    return page
