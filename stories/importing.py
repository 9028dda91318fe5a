"""Import existing articles (Markdown or plain text) as stories or FAQs.

A file may start with YAML front matter between ``---`` lines: ``title``, ``slug``, ``kind``
(``story`` or ``faq``), ``locale``, ``category``, ``tags``, ``date`` and, for FAQs,
``question``. Without it, the first non-empty line is the title and the rest is the body.
Blank lines separate paragraphs; Markdown headings, lists, links and emphasis become rich text,
sanitised to what the page's rich-text fields allow. Importing the same slug and locale again
updates the page instead of adding another.
"""

from __future__ import annotations

import datetime
import html as html_entities
import re
from dataclasses import dataclass, field
from pathlib import Path

import nh3
import yaml
from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator, slugify
from markdown_it import MarkdownIt
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from .models import (
    FAQCategoryPage,
    FAQPage,
    KnowledgeBasePage,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
)

SUFFIXES = {".md", ".markdown", ".txt"}
KINDS = {"story", "faq"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")

_markdown = MarkdownIt("commonmark", {"html": False}).disable(
    ["image", "html_block", "html_inline"]
)
# Wagtail's rich-text storage format: <b> and <i>, headings at h3 (RICH_TEXT_FEATURES).
_TAG_RENAMES = [
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
    (re.compile(r"<(/?)h[1-6]>"), r"<\1h3>"),
]
RICH_TEXT_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "br"}


class ImportFailed(Exception):
    """A file that cannot be imported; the message says why."""


@dataclass
class Article:
    path: Path
    kind: str
    title: str
    slug: str
    locale: str
    blocks: list[tuple[str, str]]  # ("heading", text) or ("text", markdown)
    category: str = ""
    tags: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    question: str = ""


def find_files(paths: list[str]) -> list[Path]:
    """The files to import: the named files, and the Markdown and text files of the named
    directories (walked, in name order)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            found.append(path)
    return found


def rich_text(markdown: str, *, headings: bool = False) -> str:
    """Markdown as sanitised Wagtail rich text (external links, lists, bold, italic)."""
    html = _markdown.render(markdown)
    for pattern, replacement in _TAG_RENAMES:
        html = pattern.sub(replacement, html)
    tags = RICH_TEXT_TAGS | ({"h3"} if headings else set())
    return nh3.clean(
        html,
        tags=tags,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    ).strip()


def plain_text(markdown: str) -> str:
    html = _markdown.render(markdown)
    return html_entities.unescape(" ".join(nh3.clean(html, tags=set()).split()))


def _blocks(body: str) -> list[tuple[str, str]]:
    """Paragraph-sized chunks of the body: headings on their own, the rest as Markdown."""
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip()):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        lines = chunk.splitlines()
        heading = HEADING.match(lines[0].strip())
        if heading:
            blocks.append(("heading", heading.group(2).strip()))
            rest = "\n".join(lines[1:]).strip()
            if rest:
                blocks.append(("text", rest))
        else:
            blocks.append(("text", chunk))
    return blocks


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ImportFailed(f"bad date {value!r} (expected YYYY-MM-DD)") from None


def parse(path: Path, *, default_locale: str) -> Article:
    """Read one file into an :class:`Article`, or raise :class:`ImportFailed`."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed("not UTF-8 text") from None
    except OSError as error:
        raise ImportFailed(f"cannot read it ({error.strerror})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailed("the file is empty")

    meta: dict = {}
    match = FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark else ""
            raise ImportFailed(f"broken front matter{where}: {error.__class__.__name__}") from None
        except ValueError as error:  # a value YAML reads as a date or time that does not exist
            raise ImportFailed(f"broken front matter: {error}") from None
        if not isinstance(meta, dict):
            raise ImportFailed("broken front matter: it must be a list of `key: value` lines")
        body = text[match.end() :]
    elif text.startswith("---\n"):
        raise ImportFailed("broken front matter: no closing `---` line")
    else:
        body = text

    kind = str(meta.get("kind") or "story").strip().lower()
    if kind not in KINDS:
        raise ImportFailed(f"unknown kind {kind!r} (story or faq)")

    question = str(meta.get("question") or "").strip()
    title = (question if kind == "faq" else "") or str(meta.get("title") or "").strip()
    if not title:
        lines = body.strip().splitlines()
        if not lines:
            raise ImportFailed("the file has no title and no text")
        first = lines[0].strip()
        heading = HEADING.match(first)
        title = heading.group(2).strip() if heading else first
        body = "\n".join(lines[1:])

    blocks = _blocks(body)
    if not any(kind_ == "text" for kind_, _value in blocks):
        raise ImportFailed("the article has a title but no text")

    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tag.strip() for tag in tags.split(",")]
    if not isinstance(tags, list):
        raise ImportFailed("broken front matter: tags must be a list or comma-separated text")

    slug = str(meta.get("slug") or "").strip() or slugify(anyascii(title))[:255]
    if not slug or slug != slugify(slug):
        raise ImportFailed(f"bad slug {slug!r} (lower-case letters, digits and hyphens)")

    return Article(
        path=path,
        kind=kind,
        title=title[:255],
        slug=slug,
        locale=str(meta.get("locale") or default_locale).strip(),
        blocks=blocks,
        category=str(meta.get("category") or "").strip(),
        tags=[str(tag).strip() for tag in tags if str(tag).strip()],
        date=_date(meta.get("date")),
        question=question,
    )


def _parent(article: Article, locale: Locale, parent_slug: str | None) -> Page:
    parent_model = StoryIndexPage if article.kind == "story" else FAQCategoryPage
    parent_name = "story index" if article.kind == "story" else "FAQ category"
    pages = parent_model.objects.filter(locale=locale)
    if parent_slug:
        parent = pages.filter(slug=parent_slug).first()
        if parent is None:
            raise ImportFailed(
                f"no {parent_name} with the slug {parent_slug!r} in {locale.language_code}"
            )
        return parent
    if article.kind == "story":
        parent = pages.order_by("path").first()
    else:
        knowledge_base = KnowledgeBasePage.objects.filter(locale=locale).order_by("path").first()
        parent = pages.child_of(knowledge_base).order_by("path").first() if knowledge_base else None
    if parent is None:
        raise ImportFailed(f"no {parent_name} in {locale.language_code} yet")
    return parent


def _after_first_paragraph(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The blocks after the first paragraph, consecutive paragraphs joined into one; all of
    them when nothing but that paragraph would be left."""
    first = next(index for index, (kind, _value) in enumerate(blocks) if kind == "text")
    rest = blocks[:first] + blocks[first + 1 :]
    if not any(kind == "text" for kind, _value in rest):
        rest = blocks
    joined: list[tuple[str, str]] = []
    for kind, value in rest:
        if kind == "text" and joined and joined[-1][0] == "text":
            joined[-1] = ("text", joined[-1][1] + "\n\n" + value)
        else:
            joined.append((kind, value))
    return joined


def _first_paragraph(blocks: list[tuple[str, str]]) -> str:
    return plain_text(next(value for kind, value in blocks if kind == "text"))


def _story_fields(article: Article, locale: Locale) -> tuple[dict, list[str]]:
    warnings = []
    body = []
    for kind, value in _after_first_paragraph(article.blocks):
        if kind == "heading":
            body.append(("heading", {"text": Truncator(value).chars(120)}))
        else:
            body.append(("paragraph", RichText(rich_text(value))))
    intro = Truncator(_first_paragraph(article.blocks)).chars(500)
    fields = {"title": article.title, "intro": intro, "body": body}
    if article.date:
        fields["date"] = article.date
    if article.category:
        category = (
            StoryCategory.objects.filter(locale=locale, slug=article.category).first()
            or StoryCategory.objects.filter(locale=locale, name=article.category).first()
        )
        if category is None:
            warnings.append(f"no story category {article.category!r}: left empty")
        fields["category"] = category
    return fields, warnings


def _faq_fields(article: Article) -> dict:
    parts = [
        f"### {value}" if kind == "heading" else value
        for kind, value in _after_first_paragraph(article.blocks)
    ]
    fields = {
        "title": article.title,
        "short_answer": Truncator(_first_paragraph(article.blocks)).chars(300),
        "answer": rich_text("\n\n".join(parts), headings=True),
    }
    if article.date:
        fields["last_reviewed"] = article.date
    return fields


@dataclass
class Result:
    action: str  # "created" or "updated"
    page: Page
    warnings: list[str]


@transaction.atomic
def import_article(
    article: Article, *, publish: bool, parent_slug: str | None = None, user=None
) -> Result:
    """Create or update the page for ``article`` (a draft unless ``publish``)."""
    locale = Locale.objects.filter(language_code=article.locale).first()
    if locale is None:
        raise ImportFailed(f"unknown locale {article.locale!r}")
    model = StoryPage if article.kind == "story" else FAQPage
    if article.kind == "story":
        fields, warnings = _story_fields(article, locale)
    else:
        fields, warnings = _faq_fields(article), []

    pages = model.objects.filter(locale=locale, slug=article.slug)
    if parent_slug:  # slugs are unique among siblings only: look under the parent named
        pages = pages.child_of(_parent(article, locale, parent_slug))
    page = pages.first()
    action = "updated" if page else "created"
    try:
        if page is None:
            parent = _parent(article, locale, parent_slug)
            page = model(slug=article.slug, locale=locale, live=False, owner=user, **fields)
            parent.add_child(instance=page)
        else:
            page = page.get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(page, name, value)
            page.full_clean()
        if article.kind == "story":
            page.tags.set(article.tags)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    except ValidationError as error:
        messages = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()
        )
        raise ImportFailed(f"the page is not valid ({messages})") from None
    return Result(action=action, page=page, warnings=warnings)
