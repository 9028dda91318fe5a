"""``{% picture %}`` exactly as Wagtail's, except that it never offers two sources of the same
width: an original smaller than the largest size asked for yields several renditions of equal
width, and a ``srcset`` with duplicate width descriptors is invalid HTML. Every candidate keeps
its width descriptor, which ``sizes`` requires even when only one is left.

Load it after ``wagtailimages_tags`` (or instead of it) to use it.
"""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

register = template.Library()


class DistinctWidthPicture(Picture):
    @classmethod
    def get_width_srcset(cls, renditions_list):
        widths: dict[int, str] = {}
        for rendition in renditions_list:
            widths.setdefault(rendition.width, rendition.url)
        return ", ".join(f"{url} {width}w" for width, url in widths.items())


class DistinctWidthPictureNode(PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = DistinctWidthPicture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return DistinctWidthPicture(renditions, attrs).__html__()


@register.tag
def picture(parser, token):
    node = parse_image_tag(parser, token)
    return DistinctWidthPictureNode(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )
