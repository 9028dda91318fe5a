from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Locale, Page, PageViewRestriction

from core.converters import parse_id
from core.ratelimit import RateLimited, client_ip, rate_limited_response
from search import selectors as search_selectors

from . import moderation_services, policies, selectors, services, trust
from .forms import DeleteAccountForm, EditPostForm, FlagForm, PostForm, ProfileForm
from .models import MemberProfile, Post, PostState
from .tokens import read_unsubscribe_token


def reading_allowed(view):
    """In members-only reading mode, visitors are sent to the login page first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        settings_ = selectors.community_settings(request)
        if settings_.members_only_reading and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _thread_page(request, page_id) -> Page:
    """The live page whose thread is asked for, in its specific class (its specific fields are
    loaded only if used). A page restricted to logged-in visitors shows its thread to members;
    a page behind a password or for some groups only has no public thread."""
    restrictions_above = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("prefix"))
    page = get_object_or_404(
        Page.objects.live()
        .select_related("locale")
        .annotate(
            login_only=Exists(restrictions_above.filter(restriction_type="login")),
            closed=Exists(restrictions_above.exclude(restriction_type="login")),
        ),
        pk=page_id,
    )
    if not policies.has_thread(page) or page.closed:
        raise Http404("This page has no public thread.")
    if page.login_only and not request.user.is_authenticated:
        raise LoginRequired
    language_code = page.locale.language_code
    page = page.specific_deferred
    page.language_code = language_code
    return page


class LoginRequired(Exception):
    """The thread belongs to a page for logged-in members only."""


def _thread_url(page: Page, post: Post | None = None) -> str:
    url = reverse("community:discussion", args=[page.pk])
    return f"{url}#post-{post.pk}" if post else url


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@reading_allowed
@require_GET
def discussion(request, page_id: int):
    try:
        page = _thread_page(request, page_id)
    except LoginRequired:
        return redirect_to_login(request.get_full_path())
    language = translation.get_language()
    if page.language_code != language:
        # The thread of the page's translation in the language asked for, if there is one.
        target = (
            Page.objects.live()
            .filter(translation_key=page.translation_key, locale__language_code=language)
            .values_list("pk", flat=True)
            .first()
        )
        target_language = language if target else page.language_code
        with translation.override(target_language):
            return redirect(reverse("community:discussion", args=[target or page.pk]))
    from stories.models import FAQPage

    return render(
        request,
        "community/discussion.html",
        {
            "thread_page": page,
            "thread_kinds": policies.kinds_for_page(page),
            "is_faq": isinstance(page, FAQPage),
        },
    )


@reading_allowed
@require_GET
def community_home(request):
    """The community's front door in the active language: the latest posts the visitor may
    read, and the first products waiting for reviews (a fixed number of queries)."""
    locale = Locale.get_active()
    to_review = selectors.products_to_review(locale=locale)
    return render(
        request,
        "community/home.html",
        {
            "latest": selectors.latest_posts(locale=locale, limit=20, user=request.user),
            "products": to_review.products,
            "more_products": to_review.more,
            "product_index": to_review.index,
        },
    )


@reading_allowed
@require_GET
def reply(request, pk: int):
    parent = get_object_or_404(
        Post.objects.select_related("user__community_profile"),
        pk=pk,
        state=PostState.APPROVED,
        deleted_at__isnull=True,
    )
    try:
        page = _thread_page(request, parent.page_id)
    except LoginRequired:
        return redirect_to_login(request.get_full_path())
    community_settings = selectors.community_settings(request)
    if not policies.can_reply(
        user=request.user, parent=parent, community_settings=community_settings
    ):
        messages.error(request, _("You cannot reply to this post."))
        return redirect(_thread_url(page, parent))
    form = PostForm(page, user=request.user, parent=parent)
    return render(
        request, "community/reply.html", {"thread_page": page, "parent": parent, "form": form}
    )


@reading_allowed
@require_POST
def post_create(request):
    try:
        page = Page.objects.get(pk=parse_id(request.POST.get("object_pk", ""))).specific
    except Page.DoesNotExist:
        return render(
            request,
            "community/error.html",
            {"message": _("This form does not belong to any page. Please go back and try again.")},
            status=400,
        )
    parent = None
    reply_invalid = False
    reply_to = request.POST.get("reply_to", "0")
    if reply_to not in ("", "0"):
        parent = Post.objects.filter(pk=parse_id(reply_to), page_id=page.pk).first()
        reply_invalid = parent is None

    community_settings = selectors.community_settings(request)
    form = PostForm(page, data=request.POST, user=request.user, parent=parent)
    status = 400
    if not request.user.is_authenticated and not community_settings.guests_may_post:
        form.is_valid()
        form.errors.clear()
        form.add_error(None, _("Please log in to post."))
        status = 403
    elif reply_invalid:
        form.is_valid()
        form.add_error(None, _("The post you are replying to does not exist any more."))
    elif form.is_valid():
        data = form.cleaned_data
        try:
            if request.user.is_authenticated:
                post = services.post_create(
                    page=page,
                    text=data["comment"],
                    kind=data["kind"],
                    rating=data.get("rating"),
                    parent=parent,
                    author=request.user,
                    faq_ids=data.get("faq_links") or (),
                    follow=data.get("followup"),
                    community_settings=community_settings,
                    request=request,
                    ip_address=client_ip(request),
                    honeypot=data.get("honeypot", ""),
                )
            else:
                services.guest_submission_create(
                    page=page,
                    name=data["name"],
                    email=data["email"],
                    text=data["comment"],
                    kind=data["kind"],
                    parent=parent,
                    community_settings=community_settings,
                    language=translation.get_language(),
                    ip_address=client_ip(request),
                    honeypot=data.get("honeypot", ""),
                    request=request,
                )
                return render(request, "community/guest_sent.html", {"thread_page": page})
        except RateLimited as limited:
            form.refresh_security_data()
            return rate_limited_response(
                request,
                limited,
                template="community/post_form_page.html",
                context={"thread_page": page, "form": form, "parent": parent},
            )
        except ValidationError as error:
            _apply_errors(form, error)
            if getattr(error, "error_dict", None) and any(
                e.code == "rate_limited" for errors in error.error_dict.values() for e in errors
            ):
                status = 429
        else:
            if post.state == PostState.APPROVED:
                messages.success(request, _("Thank you! Your post is published."))
            else:
                messages.success(
                    request, _("Thank you! Your post will appear once a moderator approves it.")
                )
            return redirect(_thread_url(page, post))
    if form.security_errors():
        form.refresh_security_data()
    return render(
        request,
        "community/post_form_page.html",
        {"thread_page": page, "form": form, "parent": parent},
        status=status,
    )


def _own_post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("page"), pk=pk)
    if not policies.can_edit(user=request.user, post=post):
        raise Http404("Not your post.")
    return post


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = _own_post(request, pk)
    form = EditPostForm(request.POST if request.method == "POST" else None, post=post)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                post = services.post_edit(
                    post=post,
                    editor=request.user,
                    text=form.cleaned_data["comment"],
                    rating=form.cleaned_data.get("rating"),
                    ip_address=client_ip(request),
                    request=request,
                )
            except RateLimited as limited:
                return rate_limited_response(
                    request,
                    limited,
                    template="community/post_edit.html",
                    context={"post": post, "form": form},
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                if post.state == PostState.PENDING:
                    messages.success(
                        request,
                        _("Your edit is saved and will appear once a moderator approves it."),
                    )
                else:
                    messages.success(request, _("Your edit is saved."))
                return redirect(_thread_url(post.page, post))
    return render(request, "community/post_edit.html", {"post": post, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk: int):
    post = _own_post(request, pk)
    if request.method == "POST":
        services.post_delete(post=post, user=request.user)
        messages.success(request, _("Your post is deleted."))
        return redirect(_thread_url(post.page))
    return render(request, "community/post_delete.html", {"post": post})


def _post_action(request, pk: int, action) -> Post:
    post = get_object_or_404(Post.objects.select_related("page"), pk=pk)
    try:
        action(post)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return post


@login_required
@require_POST
def post_helpful(request, pk: int):
    """``action=mark`` or ``action=unmark``: each says what the member wants, so sending it
    twice (a double click, a retried request) leaves the post as asked, never toggled back."""

    def mark(post):
        action = request.POST.get("action")
        if action == "mark":
            services.helpful_mark(post=post, user=request.user)
            messages.success(request, _("Thank you: you marked this post as helpful."))
        elif action == "unmark":
            services.helpful_unmark(post=post, user=request.user)
            messages.success(request, _("You took back your helpful mark."))
        else:
            raise ValidationError(_("Choose whether to mark the post as helpful or not."))

    post = _post_action(request, pk, mark)
    return redirect(_thread_url(post.page, post))


@login_required
@require_POST
def thread_follow(request, pk: int):
    def toggle(post):
        if request.POST.get("action") == "unfollow":
            services.thread_unfollow(post=post, user=request.user)
            messages.success(request, _("You no longer follow this thread."))
        else:
            services.thread_follow(post=post, user=request.user)
            messages.success(request, _("You follow this thread: we email you about new replies."))

    post = _post_action(request, pk, toggle)
    return redirect(_thread_url(post.page, post))


@login_required
@require_POST
def question_resolve(request, pk: int):
    question = get_object_or_404(Post.objects.select_related("page"), pk=pk)

    def resolve(question):
        if request.POST.get("action") == "unresolve":
            services.question_unresolve(question=question, user=request.user)
            messages.success(request, _("The question is open again."))
            return
        answer = Post.objects.filter(pk=parse_id(request.POST.get("answer", ""))).first()
        if answer is None:
            raise ValidationError(_("Choose an answer from this question's thread."))
        services.question_resolve(question=question, answer=answer, user=request.user)
        messages.success(request, _("Marked as resolved. Thank you!"))

    _post_action(request, question.pk, resolve)
    return redirect(_thread_url(question.page, question))


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    if request.method == "POST":
        try:
            services.unsubscribe(token=token)
        except ValidationError as error:
            return render(
                request, "community/error.html", {"message": error.messages[0]}, status=400
            )
        return render(request, "community/unsubscribed.html")
    try:
        read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(
            request,
            "community/error.html",
            {"message": _("This unsubscribe link is not valid.")},
            status=400,
        )
    return render(request, "community/unsubscribe.html", {"token": token})


@require_http_methods(["GET", "POST"])
def guest_confirm(request, token: str):
    try:
        submission = services.guest_submission_for_token(token)
    except ValidationError as error:
        return render(request, "community/error.html", {"message": error.messages[0]}, status=400)
    if request.method == "POST":
        try:
            post = services.guest_submission_confirm(
                token=token,
                community_settings=selectors.community_settings(request),
                request=request,
            )
        except ValidationError as error:
            return render(
                request, "community/error.html", {"message": error.messages[0]}, status=400
            )
        return render(request, "community/guest_confirmed.html", {"post": post})
    return render(request, "community/guest_confirm.html", {"submission": submission})


@reading_allowed
@require_GET
def profile(request, pk: int):
    member = get_object_or_404(
        get_user_model().objects.select_related("community_profile"), pk=pk, is_active=True
    )
    profile_ = MemberProfile.objects.get_or_create(user=member)[0]
    if profile_.awaiting_approval:
        raise Http404("Not approved yet.")
    is_self = request.user.is_authenticated and request.user.pk == member.pk
    return render(
        request,
        "community/profile.html",
        {
            "member": member,
            "profile": profile_,
            "posts": selectors.member_posts(user=member),
            "is_self": is_self,
            "is_staff_member": policies.is_staff_member(member),
            "referral_count": services.referral_count(user=member) if is_self else None,
            "flags": selectors.member_flags(user=member) if is_self else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile_ = MemberProfile.objects.get_or_create(user=request.user)[0]
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile_)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile is saved."))
            return redirect("community:profile", pk=request.user.pk)
        status = 400
    return render(request, "community/profile_edit.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            services.member_delete(user=user)
            messages.success(request, _("Your account is deleted. Thank you for being with us."))
            return redirect("/")
        return render(request, "community/account_delete.html", {"form": form}, status=400)
    return render(request, "community/account_delete.html", {"form": form})


@require_GET
def faq_search(request):
    """FAQ titles matching ``q`` in the active language, for the staff's FAQ picker."""
    from stories.models import FAQPage
    from stories.short_links import faq_short_links

    if not policies.is_staff_member(request.user):
        return JsonResponse({"error": _("Only staff can link FAQs.")}, status=403)
    query = request.GET.get("q", "")
    if len(query) > 100:
        return HttpResponseBadRequest(_("The search is too long."))
    hits = search_selectors.find_faqs(
        query=query, locale=Locale.get_active().language_code, user=request.user, limit=8
    )
    page_ids = [int(hit.key.partition(":")[2]) for hit in hits]
    titles = dict(FAQPage.objects.filter(pk__in=page_ids).values_list("pk", "title"))
    links = faq_short_links(page_ids)
    results = [
        {"id": pk, "title": titles[pk], "short_link": links[pk]} for pk in page_ids if pk in titles
    ]
    return JsonResponse({"results": results})


@login_required
@require_http_methods(["GET", "POST"])
def post_flag(request, pk: int):
    """Flag a post for the moderators (the thread shows the same form inline)."""
    post = get_object_or_404(
        Post.objects.select_related("page"),
        pk=pk,
        state=PostState.APPROVED,
        deleted_at__isnull=True,
    )
    form = FlagForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                moderation_services.flag_create(
                    post=post,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                    settings_=trust.trust_settings(request),
                )
            except RateLimited as limited:
                return rate_limited_response(
                    request,
                    limited,
                    template="community/flag.html",
                    context={"post": post, "form": form},
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Thank you: our moderators will look at this post."))
                return redirect(_thread_url(post.page, post))
    return render(request, "community/flag.html", {"post": post, "form": form}, status=status)


@login_required
@require_POST
def notice_dismiss(request, pk: int):
    moderation_services.notice_dismiss(user=request.user, notice_id=pk)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)
