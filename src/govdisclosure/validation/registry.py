"""Rules and the registry the ``register_rules`` hook fills."""

from __future__ import annotations

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

    ``texts`` is the report's prose with its paths (:meth:`Report.texts`), walked once for all rules.
    """

    report: Report
    previous: Report | None = None
    texts: tuple[tuple[str, str], ...] = attrs.field(
        default=attrs.Factory(lambda self: tuple(self.report.texts()), takes_self=True)
    )


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

    def add(self, rule: Rule) -> None:
        """Register a rule.  A code already taken is an error naming both plugins."""
        self._add(rule.code, attrs.evolve(rule, plugin=self.current_plugin()))

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
        return self.items()

    def get(self, code: str) -> Rule | None:
        entry = self.get_entry(code)
        return entry.item if entry else None
