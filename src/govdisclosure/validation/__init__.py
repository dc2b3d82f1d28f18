"""Validation: the checks that real reports fail.

:func:`validate` runs every registered rule on a report (and last year's, when given)
and returns every finding; it never raises.  Rules come from the plugins' ``register_rules``
hook; the built-in rule sets (:mod:`.tables`, :mod:`.blanks`, :mod:`.report_rules`, :mod:`.prose`,
:mod:`.percent`, :mod:`.prose_claims`, :mod:`.enumeration`, :mod:`.money`, :mod:`.citations`,
:mod:`.copying`, :mod:`.legacy`, :mod:`.legacy_facts`, :mod:`.crossyear`) are registered through it
like a province's own; :mod:`.packs` turns a local rule pack into such a plugin, and :mod:`.series`
runs the cross-year rules along a chain of years.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from govdisclosure.model import Report
from govdisclosure.validation.acknowledgements import Acknowledgement, AcknowledgementsError, load_acknowledgements
from govdisclosure.validation.findings import Evidence, Finding, Issue, Severity, Status, ValidationResult
from govdisclosure.validation.registry import Context, Rule, RuleRegistry

if TYPE_CHECKING:
    from govdisclosure.plugins import Plugins

__all__ = [
    "Acknowledgement",
    "AcknowledgementsError",
    "Context",
    "Evidence",
    "Finding",
    "Issue",
    "Rule",
    "RuleRegistry",
    "Severity",
    "Status",
    "ValidationResult",
    "default_rules",
    "load_acknowledgements",
    "validate",
]


def default_rules() -> RuleRegistry:
    """The rules of this installation's plugins (built-ins and entry points), loaded once."""
    from govdisclosure.rendering import default_plugins

    return default_plugins().rules


def validate(
    report: Report,
    previous: Report | None = None,
    *,
    plugins: Plugins | None = None,
    rules: Iterable[Rule] | None = None,
    acknowledgements: Iterable[Acknowledgement] = (),
) -> ValidationResult:
    """Every finding about ``report``.  Never raises for a report of any content.

    ``previous`` is last year's report, for the cross-year rules.  ``rules`` overrides
    the registered ones; ``plugins`` takes them from another plugin manager.
    """
    if rules is None:
        rules = (plugins.rules if plugins is not None else default_rules()).rules()
    context = Context(report, previous)
    acknowledged = {ack.fingerprint: ack.reason for ack in acknowledgements}
    findings: list[Finding] = []
    for rule in rules:
        if report.edition not in rule.editions or (rule.needs_previous and previous is None):
            continue
        try:
            issues = list(rule.check(context))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not hide the others' findings
            issues = [
                Issue(
                    ("$",),
                    f"检查“{rule.title_zh}”本身出错，未能完成：{type(exc).__name__}: {exc}",
                    f"The check itself failed (plugin {rule.plugin}): {type(exc).__name__}: {exc}",
                    status=Status.UNDETERMINED,
                )
            ]
        for issue in issues:
            finding = Finding(
                rule.code,
                rule.severity,
                issue.status,
                issue.paths,
                issue.message,
                issue.message_en,
                issue.evidence,
                rule.title,
            )
            reason = acknowledged.get(finding.fingerprint)
            if reason is not None:
                finding = attrs.evolve(finding, acknowledged=reason)
            findings.append(finding)
    matched = {f.fingerprint for f in findings}
    return ValidationResult(tuple(findings), tuple(fp for fp in acknowledged if fp not in matched))
