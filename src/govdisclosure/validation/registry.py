"""Rules and the registry the ``register_rules`` hook fills."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable

import attrs

from govdisclosure.editions import spec_for
from govdisclosure.model import Edition, Report
from govdisclosure.registry import Registry
from govdisclosure.validation.findings import Issue, Severity

__all__ = ["SCOPES", "Context", "DuplicateRuleError", "Rule", "RuleRegistry"]

SCOPES = ("all", "tables", "prose")
"""Which editions a rule checks: every one, those with the statistical Tables 2–4, or the prose ones."""


@attrs.frozen
class Context:
    """What a rule gets: the report, and last year's report when the user gave it.

    ``texts`` is the report's prose with its paths (:meth:`Report.texts`), walked once for all rules;
    ``full_text`` the same prose joined, for a quick look for a key word.
    """

    report: Report
    previous: Report | None = None
    texts: tuple[tuple[str, str], ...] = attrs.field(
        default=attrs.Factory(lambda self: tuple(self.report.texts()), takes_self=True)
    )
    full_text: str = attrs.field(
        default=attrs.Factory(lambda self: "\n".join(text for _, text in self.texts), takes_self=True)
    )
    """All of ``texts`` in one string: a rule looks for its key word here before walking the texts."""
    starts: tuple[int, ...] = attrs.field(
        default=attrs.Factory(lambda self: _starts(self.texts), takes_self=True), repr=False
    )
    """Where each of ``texts`` begins in ``full_text``."""

    def texts_with(self, *words: str) -> list[tuple[str, str]]:
        """The texts that contain one of ``words``, in order: substring searches over ``full_text``, far
        cheaper than a regex (or a test) on every text."""
        full, starts, found = self.full_text, self.starts, set()
        for word in words:
            index = full.find(word)
            while index >= 0:
                which = bisect.bisect_right(starts, index) - 1
                found.add(which)
                index = full.find(word, starts[which + 1]) if which + 1 < len(starts) else -1
        return [self.texts[i] for i in sorted(found)]


def _starts(texts: tuple[tuple[str, str], ...]) -> tuple[int, ...]:
    return tuple(itertools.accumulate((len(text) + 1 for _, text in texts[:-1]), initial=0)) if texts else ()


Check = Callable[[Context], Iterable[Issue]]


@attrs.frozen
class Rule:
    """A check with its identity and documentation.  docs/validation.md is generated from these."""

    code: str
    severity: Severity
    title: str
    title_zh: str
    description: str
    source: str
    check: Check = attrs.field(repr=False)
    editions: frozenset[Edition] | None = None
    """Only these editions (``None``: every edition the scope admits, those defined later included)."""
    needs_previous: bool = False
    plugin: str = "<unknown>"
    scope: str = attrs.field(default="all", validator=attrs.validators.in_(SCOPES))
    """``"tables"``: editions whose spec prescribes Tables 2–4; ``"prose"``: the others; ``"all"``."""

    def applies_to(self, edition: Edition) -> bool:
        """Whether the rule checks reports of ``edition``."""
        if self.editions is not None and edition not in self.editions:
            return False
        return self.scope == "all" or spec_for(edition).tables == (self.scope == "tables")


class DuplicateRuleError(ValueError):
    """Two rules with one code."""


class RuleRegistry(Registry[Rule]):
    """Rules by code, in registration order, each with the plugin that registered it."""

    kind = "code"
    clash = DuplicateRuleError
    hook = "register_rules"

    def __init__(self) -> None:
        super().__init__()
        self._severities: dict[str, tuple[Severity, str]] = {}

    def add(self, rule: Rule) -> None:
        """Register a rule.  A code already taken is an error naming both plugins."""
        self._add(rule.code, attrs.evolve(rule, plugin=self.current_plugin()))

    def set_severity(self, code: str, severity: Severity) -> None:
        """Change a rule's severity (a local rule pack's choice), whether it is registered yet or not.

        The last plugin to set a code wins; the change is recorded so :meth:`severity_changes` can list it,
        and withdrawn with the plugin if the plugin fails.
        """
        self._severities[code] = (severity, self.current_plugin())

    def severity_changes(self) -> dict[str, tuple[Severity, str]]:
        """Severities changed by plugins: code → (severity, plugin)."""
        return dict(self._severities)

    def withdraw(self, plugin: str) -> None:
        super().withdraw(plugin)
        self._severities = {code: change for code, change in self._severities.items() if change[1] != plugin}

    def _as_set(self, rule: Rule) -> Rule:
        change = self._severities.get(rule.code)
        return rule if change is None or change[0] is rule.severity else attrs.evolve(rule, severity=change[0])

    def rule(
        self,
        code: str,
        severity: Severity,
        *,
        title: str,
        title_zh: str,
        description: str,
        source: str,
        editions: Iterable[Edition] | None = None,
        scope: str = "all",
        needs_previous: bool = False,
    ) -> Callable[[Check], Check]:
        """Decorator form of :meth:`add` for a check function."""

        def register(check: Check) -> Check:
            chosen = None if editions is None else frozenset(editions)
            self.add(
                Rule(code, severity, title, title_zh, description, source, check, chosen, needs_previous, scope=scope)
            )
            return check

        return register

    def rules(self) -> tuple[Rule, ...]:
        """Every rule, in registration order, with the severity a rule pack set for it."""
        return tuple(self._as_set(rule) for rule in self.items())

    def get(self, code: str) -> Rule | None:
        entry = self.get_entry(code)
        return self._as_set(entry.item) if entry else None
