"""The built-in rule sets, registered as a plugin through the same hook as any other."""

from __future__ import annotations

from govdisclosure.hookspecs import hookimpl
from govdisclosure.validation import (
    blanks,
    citations,
    copying,
    crossyear,
    enumeration,
    legacy,
    legacy_facts,
    money,
    percent,
    prose,
    prose_claims,
    report_rules,
    tables,
)
from govdisclosure.validation.registry import RuleRegistry

__all__ = ["register_rules"]


@hookimpl
def register_rules(registry: RuleRegistry) -> None:
    for module in (
        tables,
        blanks,
        report_rules,
        prose,
        percent,
        prose_claims,
        enumeration,
        money,
        citations,
        copying,
        legacy,
        legacy_facts,
        crossyear,
    ):
        module.register(registry)
