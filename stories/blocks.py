from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading inside the story.")
        template = "stories/blocks/heading.html"
        preview_value = {"text": "찻잎이 오는 길"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        description = _("Paragraphs with bold, italic, links and lists.")
        template = "stories/blocks/paragraph.html"
        preview_value = "<p>매주 목요일 아침, 우리는 새로 들어온 찻잎을 볶습니다.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
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


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=500)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        description = _("A sentence worth repeating, set large.")
        template = "stories/blocks/quote.html"
        preview_value = {"quote": "좋은 차는 천천히 마셔야 보입니다.", "attribution": "소담 로스터"}


class StoryBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageBlock()
    quote = QuoteBlock()
