import re

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from . import policies
from .models import FlagReason, MemberProfile, PostKind
from .selectors import community_settings

RATING_CHOICES = [(str(n), str(n)) for n in range(5, 0, -1)]

TEXT_ERRORS = {
    "required": _("Please write something before posting."),
    "max_length": _(
        "Your post is too long: at most %(limit_value)d characters (it has %(show_value)d)."
    ),
    "min_length": _(
        "Your post is too short: at least %(limit_value)d characters (it has %(show_value)d)."
    ),
}
SECURITY_ERROR = _(
    "This form could not be verified, or it was open for too long. Your text is kept below: "
    "please post it again."
)
FAQ_LINK_PATTERN = re.compile(r"/faq/(\d+)(?!\d)|^\s*(\d+)\s*$", re.MULTILINE)


def faq_ids_from_text(text: str) -> list[int]:
    """FAQ ids from pasted short links (``/faq/12/``, ``https://…/faq/12/``) or bare ids."""
    ids: list[int] = []
    for match in FAQ_LINK_PATTERN.finditer(text or ""):
        value = int(match.group(1) or match.group(2))
        if value not in ids:
            ids.append(value)
    return ids


class PostTextField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        minimum, maximum = policies.post_length_limits()
        kwargs.setdefault("label", _("Your post"))
        super().__init__(
            min_length=minimum,
            max_length=maximum,
            error_messages=TEXT_ERRORS,
            help_text=_(
                "Plain text; *emphasis*, **bold**, lists and [links](https://…) work. "
                "At most %(max)d characters."
            )
            % {"max": maximum},
            **kwargs,
        )
        self.widget.attrs.update({"rows": 6, "maxlength": None})
        self.widget.attrs.pop("maxlength", None)


class PostForm(XtdCommentForm):
    """A new post or reply under a page, built on django-comments' security-hashed form.

    The hash covers the page (content type and id) and a timestamp, so a tampered or stale form
    is refused. Members post under their account; guests (when the site allows them) give a
    name and an email address to confirm."""

    kind = forms.ChoiceField(label=_("Kind of post"), widget=forms.RadioSelect)
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=RATING_CHOICES,
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a rating from 1 to 5 stars.")},
    )
    faq_links = forms.CharField(
        label=_("Link FAQs"),
        required=False,
        help_text=_("Search FAQ titles, or paste short links such as /faq/12/, one per line."),
        widget=forms.Textarea(attrs={"rows": 2, "data-faq-picker": ""}),
    )

    def __init__(self, target_object, *args, user=None, parent=None, **kwargs):
        self.user = user
        self.parent = parent
        super().__init__(target_object, *args, **kwargs)
        del self.fields["url"]
        self.fields["comment"] = PostTextField()
        self.fields["followup"].label = _("Email me when someone replies in this thread")
        self.fields["followup"].widget.attrs.pop("class", None)
        self.fields["followup"].widget.attrs.pop("id", None)
        self.fields["honeypot"].label = _("Leave this field empty")
        self.fields["name"].label = _("Your name")
        self.fields["name"].widget.attrs = {"autocomplete": "name"}
        self.fields["email"].label = _("Your email address")
        self.fields["email"].help_text = _(
            "We email you a link to confirm your post. Your address is never shown."
        )
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["comment"].widget.attrs.pop("class", None)

        is_member = user is not None and user.is_authenticated
        if is_member:
            del self.fields["name"]
            del self.fields["email"]
            profile = getattr(user, "community_profile", None)
            self.fields["followup"].initial = bool(profile and profile.follow_own_threads)
        else:
            del self.fields["followup"]
        if policies.is_staff_member(user):
            self.fields["faq_links"].widget.attrs.update(
                {
                    "data-faq-search-url": reverse("community:faq_search"),
                    "data-search-label": _("Search FAQ titles"),
                    "data-results-label": _("FAQs found: {count}"),
                }
            )
        else:
            del self.fields["faq_links"]

        kinds = policies.kinds_for_page(target_object)
        if parent is not None:
            self.fields["kind"].choices = [(PostKind.REPLY, PostKind.REPLY.label)]
            self.fields["kind"].initial = PostKind.REPLY
            self.fields["kind"].widget = forms.HiddenInput()
            self.fields["reply_to"].initial = parent.pk
            del self.fields["rating"]
        else:
            if not is_member:
                kinds = [kind for kind in kinds if kind != PostKind.REVIEW]
            self.fields["kind"].choices = [(kind, PostKind(kind).label) for kind in kinds]
            self.fields["kind"].initial = kinds[0] if kinds else None
            if PostKind.REVIEW not in kinds:
                del self.fields["rating"]
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "This kind of post is not possible here."
        )
        self.order_fields(
            ["kind", "rating", "name", "email", "comment", "faq_links", "followup", "honeypot"]
        )

    def security_errors(self):
        return {
            name: errors
            for name, errors in self.errors.items()
            if name in ("timestamp", "security_hash", "content_type", "object_pk")
        }

    def refresh_security_data(self) -> None:
        """Fresh hidden security fields, so a refused form can be posted again as it is."""
        data = self.data.copy()
        data.update(self.generate_security_data())
        self.data = data

    def clean_honeypot(self):
        # Screened by ``screening.HoneypotRule`` with the rest of the post.
        return self.cleaned_data.get("honeypot", "")

    def clean_faq_links(self) -> list[int]:
        text = self.cleaned_data.get("faq_links", "")
        ids = faq_ids_from_text(text)
        if text.strip() and not ids:
            raise forms.ValidationError(
                _("Paste FAQ short links such as /faq/12/, or choose FAQs from the search.")
            )
        return ids

    def clean(self):
        cleaned = super().clean()
        if self.security_errors():
            raise forms.ValidationError(SECURITY_ERROR, code="security")
        if cleaned.get("kind") == PostKind.REVIEW and not cleaned.get("rating"):
            self.add_error("rating", _("A review needs a rating from 1 to 5 stars."))
        return cleaned


class EditPostForm(forms.Form):
    comment = PostTextField()
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("A review needs a rating from 1 to 5 stars."),
            "invalid_choice": _("Choose a rating from 1 to 5 stars."),
        },
    )

    def __init__(self, *args, post, **kwargs):
        self.post = post
        initial = {"comment": post.comment, "rating": str(post.rating or "")}
        super().__init__(*args, initial=initial, **kwargs)
        if post.kind != PostKind.REVIEW:
            del self.fields["rating"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = MemberProfile
        fields = [
            "display_name",
            "language",
            "notify_followed_threads",
            "notify_staff_answers",
            "follow_own_threads",
        ]
        labels = {"language": _("Language of our emails")}
        help_texts = {"display_name": _("Shown with your posts. Up to 40 characters.")}

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter a display name."))
        return name


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: my account is deleted, my posts stay as from a deleted member."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class SignupForm(AllauthSignupForm):
    """allauth's signup with a display name and, when signup is by invitation, a code."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        help_text=_("Shown with your posts. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    invitation_code = forms.CharField(
        label=_("Invitation code"),
        max_length=12,
        required=False,
        help_text=_("Ask a member for their code: it is on their profile page."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    field_order = ["email", "display_name", "password1", "password2", "invitation_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.community_settings = community_settings()
        if self.community_settings.signup == "invitation":
            self.fields["invitation_code"].required = True
            self.fields["invitation_code"].error_messages["required"] = _(
                "Joining is by invitation: please enter a member's invitation code."
            )
        else:
            del self.fields["invitation_code"]

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter a display name."))
        return name

    def clean_invitation_code(self):
        code = self.cleaned_data.get("invitation_code", "").strip().upper()
        profile = (
            MemberProfile.objects.filter(referral_code=code, user__is_active=True)
            .select_related("user")
            .first()
        )
        if profile is None:
            raise forms.ValidationError(_("This invitation code is not valid."))
        return profile.user

    def try_save(self, request):
        if self.account_already_exists:
            # With ACCOUNT_PREVENT_ENUMERATION allauth only emails the owner of a registered
            # address, skipping the password hash a new account costs: hash (and forget) the
            # submitted password too, so the answer takes as long either way.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def signup(self, request, user) -> None:
        from .services import member_join

        member_join(
            user=user,
            display_name=self.cleaned_data["display_name"],
            invited_by=self.cleaned_data.get("invitation_code"),
            language=getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            needs_approval=self.community_settings.signup == "verified",
        )


class FlagForm(forms.Form):
    """A member reports a post to the moderators."""

    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a reason."),
            "invalid_choice": _("Choose a reason."),
        },
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=500,
        help_text=_("Required for “Other”. Up to 500 characters."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == FlagReason.OTHER and not cleaned.get("text", "").strip():
            self.add_error("text", _("Please say what is wrong with this post."))
        return cleaned
