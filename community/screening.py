"""Automatic screening of every post before it is saved: a pipeline of small rules.

Each rule looks at a :class:`Candidate` (the text, who writes it, where, from which address)
and returns a :class:`Verdict`: pass, flag (published, but in the moderators' flagged tab),
hold (waits for a moderator) or reject (not saved; the visitor sees the reason and keeps their
text). The most severe verdict wins; a reject stops the pipeline.

Adding a rule is one class with a ``check`` method, added to ``DEFAULT_RULES`` (or to the
``COMMUNITY_SCREENING_RULES`` setting, a list of dotted paths, on a site that wants its own).
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.ratelimit import RateLimited, hit_all

from .models import (
    BlocklistAction,
    BlocklistEntry,
    BlocklistKind,
    Post,
    TrustLevel,
    TrustSettings,
    rates_from_text,
)

LINK_PATTERN = re.compile(r"(?:https?://|www\.)([^\s/)\]>\"'?#<]+)", re.IGNORECASE)


class Action(enum.IntEnum):
    PASS = 0
    FLAG = 1
    HOLD = 2
    REJECT = 3


@dataclass(frozen=True)
class Verdict:
    action: Action = Action.PASS
    reason: str = ""
    field: str | None = "comment"  # the form field the reason belongs to (None: the whole form)
    limited: RateLimited | None = None


PASS = Verdict()


@dataclass
class Candidate:
    """A post about to be written (new, reply or edit)."""

    text: str
    author: object | None  # a user, or None for a guest
    level: str | None  # the author's trust level; None for a guest
    is_staff: bool
    settings: TrustSettings
    ip_address: str | None = None
    guest_email: str = ""
    honeypot: str = ""
    editing: Post | None = None
    count_rate: bool = True  # False when a guest confirms a post already counted
    links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.links = [match.lower().rstrip(".,") for match in LINK_PATTERN.findall(self.text)]

    @property
    def is_new(self) -> bool:
        return not self.is_staff and (self.level is None or self.level == TrustLevel.NEW)


class Rule:
    """One screening rule; subclasses implement ``check``."""

    def check(self, candidate: Candidate) -> Verdict:  # pragma: no cover - interface
        raise NotImplementedError


class HoneypotRule(Rule):
    """The post form has a field people never see; software that fills it is refused."""

    def check(self, candidate: Candidate) -> Verdict:
        if candidate.honeypot:
            return Verdict(
                Action.REJECT,
                _("This post looks automated and was not published."),
                field=None,
            )
        return PASS


class RateLimitRule(Rule):
    """Posting rates per member (by level), per guest address and per IP address."""

    def check(self, candidate: Candidate) -> Verdict:
        if candidate.is_staff or not candidate.count_rate:
            return PASS
        scope = "community-edit" if candidate.editing else "community-post"
        limits = []
        if candidate.author is not None:
            limits.append(
                ([f"member:{candidate.author.pk}"], candidate.settings.rates_for(candidate.level))
            )
        elif candidate.guest_email:
            limits.append(
                ([f"guest:{candidate.guest_email.lower()}"], candidate.settings.rates_for(None))
            )
        if candidate.ip_address:
            limits.append(
                ([f"ip:{candidate.ip_address}"], rates_from_text(candidate.settings.rate_ip))
            )
        longest: RateLimited | None = None
        for keys, rates in limits:
            try:
                hit_all(scope, keys, rates)
            except RateLimited as limited:
                if longest is None or limited.retry_after > longest.retry_after:
                    longest = limited
        if longest is not None:
            return Verdict(Action.REJECT, longest.message, field=None, limited=longest)
        return PASS


class LinkLimitRule(Rule):
    """New members and guests may put only a few links in a post."""

    def check(self, candidate: Candidate) -> Verdict:
        limit = candidate.settings.new_link_limit
        if candidate.is_new and len(candidate.links) > limit:
            return Verdict(
                Action.REJECT,
                ngettext(
                    "New members can put at most %(limit)d link in a post (this one has "
                    "%(count)d). Please remove some and post again.",
                    "New members can put at most %(limit)d links in a post (this one has "
                    "%(count)d). Please remove some and post again.",
                    limit,
                )
                % {"limit": limit, "count": len(candidate.links)},
            )
        return PASS


class DuplicateRule(Rule):
    """The same text by the same member (or guest address) within a few minutes."""

    def check(self, candidate: Candidate) -> Verdict:
        minutes = candidate.settings.duplicate_minutes
        if candidate.editing is not None or not minutes:
            return PASS
        since = timezone.now() - datetime.timedelta(minutes=minutes)
        recent = Post.objects.filter(
            submit_date__gte=since, comment=candidate.text, deleted_at__isnull=True
        )
        if candidate.author is not None:
            recent = recent.filter(user=candidate.author)
        elif candidate.guest_email:
            recent = recent.filter(user__isnull=True, user_email__iexact=candidate.guest_email)
        else:
            return PASS
        if recent.exists():
            return Verdict(
                Action.REJECT,
                _("You posted this same text a moment ago: it is already on the site."),
            )
        return PASS


def _host_matches(host: str, domain: str) -> bool:
    host = host.split(":")[0].removeprefix("www.")
    return host == domain or host.endswith("." + domain)


class BlocklistRule(Rule):
    """Words and link domains from the blocklist the moderators keep in the admin."""

    def check(self, candidate: Candidate) -> Verdict:
        text = candidate.text.lower()
        worst = PASS
        reasons = []
        for entry in BlocklistEntry.objects.all():
            if entry.kind == BlocklistKind.WORD:
                matched = entry.value in text
            else:
                matched = any(_host_matches(host, entry.value) for host in candidate.links)
            if not matched:
                continue
            action = {
                BlocklistAction.REJECT: Action.REJECT,
                BlocklistAction.HOLD: Action.HOLD,
                BlocklistAction.FLAG: Action.FLAG,
            }[entry.action]
            if action == Action.REJECT:
                if entry.kind == BlocklistKind.DOMAIN:
                    message = _("Links to %(domain)s are not allowed here.") % {
                        "domain": entry.value
                    }
                else:
                    message = _(
                        "Your post contains words that are not allowed here. Please see the "
                        "community guidelines."
                    )
                return Verdict(Action.REJECT, message)
            reasons.append(_("blocklist: %(entry)s") % {"entry": entry.value})
            if action > worst.action:
                worst = Verdict(action)
        if worst.action == Action.PASS:
            return PASS
        return Verdict(worst.action, "; ".join(reasons))


DEFAULT_RULES: list[type[Rule]] = [
    HoneypotRule,
    RateLimitRule,
    LinkLimitRule,
    DuplicateRule,
    BlocklistRule,
]


@cache
def _configured_rules(paths: tuple[str, ...] | None) -> tuple[type[Rule], ...]:
    if paths is None:
        return tuple(DEFAULT_RULES)
    return tuple(import_string(path) for path in paths)


def rules() -> list[Rule]:
    paths = getattr(settings, "COMMUNITY_SCREENING_RULES", None)
    return [rule() for rule in _configured_rules(tuple(paths) if paths is not None else None)]


def screen(candidate: Candidate) -> Verdict:
    """Run every rule; the most severe verdict wins, with the reasons of all that matched."""
    worst = PASS
    reasons: list[str] = []
    for rule in rules():
        verdict = rule.check(candidate)
        if verdict.action == Action.REJECT:
            return verdict
        if verdict.action > Action.PASS and verdict.reason:
            reasons.append(verdict.reason)
        if verdict.action > worst.action:
            worst = verdict
    if worst.action == Action.PASS:
        return PASS
    return Verdict(worst.action, "; ".join(reasons)[:255])
