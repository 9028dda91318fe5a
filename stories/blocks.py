"""The blocks an editor builds a story body from.

Every block has a template under ``stories/templates/stories/blocks/``, a preview value and a
preview template, so the block picker in the admin shows what each block looks like.

Blocks that choose pages (product card, FAQ reference, testimonial, call to action) keep the
page chosen in the original language; wagtail-localize copies that choice into translations.
They load every chosen page's translations with the rest of the stream (one query per block
type, not per block) and show the one in the reader's language, falling back to the chosen page.
"""

import copy
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from core.converters import parse_id

from .choosers import approved_post_chooser_viewset

PREVIEW_TEMPLATE = "stories/blocks/preview.html"


def _in_order(values, objects: dict) -> list:
    """``objects`` (by pk) in the order of ``values``, ``None`` where missing, each a distinct
    instance as Wagtail's chooser blocks return them."""
    seen, result = set(), []
    for pk in values:
        obj = objects.get(pk)
        if obj is not None and pk in seen:
            obj = copy.copy(obj)
        result.append(obj)
        seen.add(pk)
    return result


def localized(page):
    """The translation of ``page`` in the active language when one was loaded, else ``page``."""
    if page is None:
        return None
    translations = getattr(page, "translations_by_language", None)
    if translations is None:
        return page
    return translations.get(get_language(), page)


class LocalizedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser whose pages come with their translations (see the module docstring)."""

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def _queryset(self):
        return (
            self.target_model.objects.select_related("locale", *self.select_related)
            .prefetch_related(*self.prefetch_related)
            .defer_streamfields()
        )

    def bulk_to_python(self, values):
        values = list(values)
        pks = {pk for pk in values if pk is not None}
        keys = self.target_model.objects.filter(pk__in=pks).values("translation_key")
        by_key: dict = {}
        objects = {}
        for page in self._queryset().filter(translation_key__in=keys):
            by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
            if page.pk in pks:
                objects[page.pk] = page
        for page in objects.values():
            page.translations_by_language = by_key[page.translation_key]
        return _in_order(values, objects)


class ProductChooserBlock(LocalizedPageChooserBlock):
    select_related = ("image",)
    prefetch_related = ("image__renditions",)

    def __init__(self, **kwargs):
        super().__init__(page_type="stories.ProductPage", **kwargs)


class FAQChooserBlock(LocalizedPageChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(page_type="stories.FAQPage", **kwargs)


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads the images of every image block with their renditions at once."""

    def bulk_to_python(self, values):
        values = list(values)
        images = (
            get_image_model()
            .objects.prefetch_related("renditions")
            .in_bulk([pk for pk in values if pk is not None])
        )
        return _in_order(values, images)


def _first_live(model_path: str):
    from django.apps import apps

    model = apps.get_model(model_path)
    return model.objects.live().public().filter(locale__language_code=get_language()).first()


class LinkedPageBlockMixin:
    """Renders the chosen page (field `linked_page_field`) in the visitor's language, or nothing
    once that page is unpublished."""

    linked_page_field: str

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = localized(value.get(self.linked_page_field))
        context[self.linked_page_field] = page if page is not None and page.live else None
        return context


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading inside the story.")
        template = "stories/blocks/heading.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"text": "찻잎이 오는 길"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        description = _("Paragraphs with bold, italic, links and lists.")
        template = "stories/blocks/paragraph.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = "<p>매주 목요일 아침, 우리는 새로 들어온 찻잎을 볶습니다.</p>"


class ImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("A picture with alternative text and an optional caption.")
        template = "stories/blocks/image.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"alt_text": "볶은 찻잎", "caption": "목요일 아침의 로스팅실"}

    def get_preview_value(self):
        value = super().get_preview_value()
        value["image"] = get_image_model().objects.order_by("pk").first()
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=500)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        description = _("A sentence worth repeating, set large.")
        template = "stories/blocks/quote.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"quote": "좋은 차는 천천히 마셔야 보입니다.", "attribution": "소담 로스터"}


class TestimonialBlock(LinkedPageBlockMixin, blocks.StructBlock):
    linked_page_field = "product"
    quote = blocks.TextBlock(label=_("what the customer said"), max_length=600)
    name = blocks.CharBlock(label=_("customer's name"), max_length=80)
    product = ProductChooserBlock(
        label=_("product"), required=False, help_text=_("The product the customer talks about.")
    )

    class Meta:
        icon = "user"
        label = _("Customer testimonial")
        description = _("A customer's words, with their name and optionally the product.")
        template = "stories/blocks/testimonial.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "quote": "아침마다 호지차 한 잔으로 하루를 시작해요. 고소한 향이 집 안에 퍼지면 기분이 좋아집니다.",
            "name": "망원동 김 선생님",
        }


class ProductCardBlock(LinkedPageBlockMixin, blocks.StructBlock):
    linked_page_field = "product"
    product = ProductChooserBlock(label=_("product"))

    class Meta:
        icon = "tag"
        label = _("Product card")
        description = _("A product's picture, summary and a link to its page.")
        template = "stories/blocks/product_card.html"
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        return self.to_python({"product": getattr(_first_live("stories.ProductPage"), "pk", None)})


class FAQReferenceBlock(LinkedPageBlockMixin, blocks.StructBlock):
    linked_page_field = "faq"
    faq = FAQChooserBlock(label=_("question"))

    class Meta:
        icon = "help"
        label = _("FAQ reference")
        description = _("A question from the FAQ with its short answer and a link.")
        template = "stories/blocks/faq_reference.html"
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        return self.to_python({"faq": getattr(_first_live("stories.FAQPage"), "pk", None)})


VIDEO_PROVIDERS = {
    "youtube.com": "YouTube",
    "www.youtube.com": "YouTube",
    "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "player.vimeo.com": "Vimeo",
    "tv.naver.com": "Naver TV",
    "tv.kakao.com": "Kakao TV",
}


class VideoBlock(blocks.StructBlock):
    """A video shown as a link card, not an embedded player.

    Nothing is fetched when the story is rendered or saved (no oEmbed request, no third-party
    player or cookies on our pages): the card shows the title, an optional description and a
    "watch on <provider>" link that opens the video on its own site. The provider's name comes
    from the address alone.
    """

    url = blocks.URLBlock(
        label=_("video address"), help_text=_("The address of the video on its site.")
    )
    title = blocks.CharBlock(label=_("title"), max_length=120)
    description = blocks.TextBlock(label=_("description"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        description = _("A link card to a video on YouTube, Vimeo or another site.")
        template = "stories/blocks/video.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "목요일 로스팅 3분 요약",
            "description": "찻잎이 호지차가 되기까지의 과정을 담았습니다.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        host = (urlsplit(value.get("url") or "").hostname or "").lower()
        context["provider"] = VIDEO_PROVIDERS.get(host) or host.removeprefix("www.")
        return context


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("text"), max_length=300)
    button_label = blocks.CharBlock(label=_("button label"), max_length=40)
    page = LocalizedPageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(
        label=_("or an address"), required=False, help_text=_("Used when no page is chosen.")
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        description = _("A short invitation with a button to a page or an address.")
        template = "stories/blocks/call_to_action.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "text": "단골이 되어 후기와 팁을 나눠 주세요.",
            "button_label": "커뮤니티 둘러보기",
            "url": "https://sodam-tea.example/ko/community/",
        }

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            if has_page:
                message = _("Choose a page or enter an address, not both.")
            else:
                message = _("Choose a page or enter an address for the button.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = localized(value.get("page"))
        if page is not None:
            context["href"] = page.url if page.live else ""
        else:
            context["href"] = value.get("url") or ""
        return context


PostChooserBlockBase = approved_post_chooser_viewset.get_block_class(
    name="PostChooserBlockBase", module_path="stories.blocks"
)


class PostChooserBlock(PostChooserBlockBase):
    """A post's id is its parent comment's, which the database's overflow guard for integer
    lookups does not cover: a sent or stored id that breaks the site's rule chooses nothing."""

    def bulk_to_python(self, values):
        from community.models import Post

        values = list(values)
        posts = Post.objects.select_related("user__community_profile").in_bulk(
            [pk for pk in values if pk is not None and parse_id(str(pk)) is not None]
        )
        return _in_order(values, posts)

    def value_from_form(self, value):
        if isinstance(value, str | int) and parse_id(str(value)) is None:
            return None
        return super().value_from_form(value)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not _is_shown(value):
            raise ValidationError(_("Only approved community posts can be shown in a story."))
        return value


def _is_shown(post) -> bool:
    from community.models import PostState

    return post.state == PostState.APPROVED and post.deleted_at is None


class CustomerSpotlightBlock(blocks.StructBlock):
    """An approved community post, chosen by the editor. A post that is no longer approved
    (hidden, removed or deleted by its author) disappears from the story."""

    post = PostChooserBlock(label=_("community post"))
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)

    class Meta:
        icon = "group"
        label = _("Customer spotlight")
        description = _("A member's approved post from the community, with a link to it.")
        template = "stories/blocks/customer_spotlight.html"
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        from community.models import Post

        post = Post.objects.approved().filter(deleted_at__isnull=True, level=0).first()
        return self.to_python({"post": getattr(post, "pk", None), "heading": "이달의 단골 후기"})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        post = value.get("post")
        context["post"] = post if post is not None and _is_shown(post) else None
        return context


class StoryBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageBlock()
    quote = QuoteBlock()
    testimonial = TestimonialBlock()
    product = ProductCardBlock()
    faq = FAQReferenceBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    customer_spotlight = CustomerSpotlightBlock()


__all__ = [
    "CallToActionBlock",
    "CustomerSpotlightBlock",
    "FAQReferenceBlock",
    "HeadingBlock",
    "ImageBlock",
    "ParagraphBlock",
    "ProductCardBlock",
    "QuoteBlock",
    "StoryBodyBlock",
    "TestimonialBlock",
    "VideoBlock",
    "localized",
]
