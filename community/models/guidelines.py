"""The community guidelines: an editable, translatable page whose rules have short codes that
moderators give as the reason for a warning or a rejection."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import TranslatableField

from core.models import BasePage

CODE_VALIDATOR = RegexValidator(
    r"^[a-z0-9-]{2,40}$", _("Use 2 to 40 lowercase letters, digits or dashes.")
)


class GuidelineRuleBlock(blocks.StructBlock):
    code = blocks.CharBlock(
        label=_("code"),
        max_length=40,
        validators=[CODE_VALIDATOR],
        help_text=_("Short, unique and the same in every language, e.g. off-topic."),
    )
    title = blocks.CharBlock(label=_("rule"), max_length=120)
    text = blocks.TextBlock(label=_("explanation"), max_length=1000)

    class Meta:
        icon = "list-ul"
        label = _("Rule")
        template = "community/blocks/guideline_rule.html"
        description = _("One rule of the guidelines, quoted in warnings and rejections.")
        preview_value = {
            "code": "off-topic",
            "title": "Stay on topic",
            "text": "Talk about our teas, stories and shop.",
        }


class GuidelinesPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    rules = StreamField([("rule", GuidelineRuleBlock())], verbose_name=_("rules"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("rules")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("rules"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("community guidelines")

    def rule_list(self) -> list[dict]:
        return [
            {
                "code": block.value["code"],
                "title": block.value["title"],
                "text": block.value["text"],
            }
            for block in self.rules
            if block.block_type == "rule"
        ]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        codes = [rule["code"] for rule in self.rule_list()]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValidationError(
                {
                    "rules": _("Each rule needs its own code: %(codes)s")
                    % {"codes": ", ".join(duplicates)}
                }
            )
