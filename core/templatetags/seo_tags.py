"""``{% seo_head %}``: meta description, canonical URL, hreflang alternates, OpenGraph and
Twitter cards and JSON-LD for the page being shown (see ``core.seo``)."""

from django import template
from wagtail.models import Page

from core.templatetags.dangol_tags import language_alternates

from .. import seo

register = template.Library()


@register.inclusion_tag("core/includes/seo_head.html", takes_context=True)
def seo_head(context, description=""):
    """``description`` describes a view that is not a Wagtail page (pages describe themselves);
    a template gives it by overriding the ``seo`` block of ``base.html``."""
    request = context["request"]
    page = context.get("page")
    alternates = language_alternates(context)
    if isinstance(page, Page):
        data = seo.for_page(request, page, alternates, context)
    else:
        data = seo.for_view(request, alternates, description=description)
    return {"seo": data}
