import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FAQFeedback

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_BLANK_LINES = re.compile(r"\n{3,}")

HELPFUL_CHOICES = [("yes", _("Yes")), ("no", _("No"))]
HELPFUL_ERROR = _("Choose “Yes” or “No”.")


def plain_text(text: str) -> str:
    """A visitor's comment as plain text: no control or direction-changing characters, Unix
    line ends, at most one blank line in a row. It is stored as text and always escaped when
    shown, so markup in it stays visible as typed and never runs."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARACTERS.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


class FAQFeedbackForm(forms.Form):
    """ "Was this helpful?": yes or no, and for a no, optionally what was missing."""

    helpful = forms.TypedChoiceField(
        label=_("Was this helpful?"),
        choices=HELPFUL_CHOICES,
        coerce=lambda value: value == "yes",
        error_messages={"required": HELPFUL_ERROR, "invalid_choice": HELPFUL_ERROR},
    )
    comment = forms.CharField(
        label=_("What was missing? (optional)"),
        help_text=_(
            "Sent with a “No”. At most %(max)d characters; please leave out personal details."
        )
        % {"max": FAQFeedback.COMMENT_MAX_LENGTH},
        required=False,
        max_length=FAQFeedback.COMMENT_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Your comment is too long: at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )

    def clean_comment(self) -> str:
        return plain_text(self.cleaned_data.get("comment", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("helpful") is True:
            cleaned["comment"] = ""  # a comment only goes with a "No"
        return cleaned
