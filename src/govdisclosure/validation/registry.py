"""Rules and the registry the ``register_rules`` hook fills."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable

import attrs

from govdisclosure.model import Edition, Report
from govdisclosure.validation.findings import Issue, Severity

__all__ = ["ALL_EDITIONS", "Context", "DuplicateRuleError", "Rule", "RuleRegistry"]

ALL_EDITIONS = frozenset(Edition)


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
    editions: frozenset[Edition] = ALL_EDITIONS
    needs_previous: bool = False
    plugin: str = "<unknown>"


class DuplicateRuleError(ValueError):
    """Two rules with one code."""


class RuleRegistry:
    """Rules by code, in registration order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._severities: dict[str, tuple[Severity, str]] = {}
        self._plugin = "<unknown>"

    def add(self, rule: Rule) -> None:
        taken = self._rules.get(rule.code)
        if taken is not None:
            raise DuplicateRuleError(
                f"two rules use the code {rule.code!r}: plugin {taken.plugin} and plugin {self._plugin}"
            )
        rule = attrs.evolve(rule, plugin=self._plugin)
        override = self._severities.get(rule.code)
        self._rules[rule.code] = rule if override is None else attrs.evolve(rule, severity=override[0])

    def set_severity(self, code: str, severity: Severity) -> None:
        """Change a rule's severity (a local rule pack's choice), whether it is registered yet or not.

        The last plugin to set a code wins; the change is recorded so :meth:`severity_changes` can list it.
        """
        self._severities[code] = (severity, self._plugin)
        rule = self._rules.get(code)
        if rule is not None:
            self._rules[code] = attrs.evolve(rule, severity=severity)

    def severity_changes(self) -> dict[str, tuple[Severity, str]]:
        """Severities changed by plugins: code → (severity, plugin)."""
        return dict(self._severities)

    def rule(
        self,
        code: str,
        severity: Severity,
        *,
        title: str,
        title_zh: str,
        description: str,
        source: str,
        editions: Iterable[Edition] = ALL_EDITIONS,
        needs_previous: bool = False,
    ) -> Callable[[Check], Check]:
        """Decorator form of :meth:`add` for a check function."""

        def register(check: Check) -> Check:
            self.add(
                Rule(code, severity, title, title_zh, description, source, check, frozenset(editions), needs_previous)
            )
            return check

        return register

    def rules(self) -> tuple[Rule, ...]:
        return tuple(self._rules.values())

    def get(self, code: str) -> Rule | None:
        return self._rules.get(code)

    def _snapshot(self) -> tuple[dict[str, Rule], dict[str, tuple[Severity, str]]]:
        return dict(self._rules), dict(self._severities)

    def _restore(self, snapshot: tuple[dict[str, Rule], dict[str, tuple[Severity, str]]]) -> None:
        self._rules, self._severities = dict(snapshot[0]), dict(snapshot[1])

    def _registering_for(self, plugin: str) -> None:
        self._plugin = plugin
