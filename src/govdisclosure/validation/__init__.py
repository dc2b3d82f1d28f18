"""Validation: the checks that real reports fail.

:func:`validate` runs rules on a report (and last year's, when given) and returns every
finding; it never raises for a report of any content.  Rules come from the plugins'
``register_rules`` hook; the built-in rule sets (:mod:`.tables`, :mod:`.blanks`,
:mod:`.report_rules`, :mod:`.prose`, :mod:`.percent`, :mod:`.prose_claims`,
:mod:`.enumeration`, :mod:`.money`, :mod:`.citations`, :mod:`.copying`, :mod:`.legacy`,
:mod:`.legacy_facts`, :mod:`.crossyear`) are registered through it like a province's own;
:mod:`.packs` turns a local rule pack into such a plugin, and :mod:`.series` runs the
cross-year rules along a chain of years.  Checking never loads plugins or renders anything:
the caller hands the rules in (``rules=`` or ``plugins=``); ``govdisclosure.validate`` does
that with the installed plugins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import attrs

from govdisclosure import fields
from govdisclosure._guard import is_plugin_fault, plugin_output
from govdisclosure.model import Report
from govdisclosure.validation.acknowledgements import Acknowledgement, AcknowledgementsError, load_acknowledgements
from govdisclosure.validation.findings import Evidence, Finding, Issue, Severity, Status, ValidationResult
from govdisclosure.validation.registry import Context, Rule, RuleRegistry

__all__ = [
    "Acknowledgement",
    "AcknowledgementsError",
    "Context",
    "Evidence",
    "Finding",
    "Issue",
    "Rule",
    "RuleRegistry",
    "RuleSource",
    "Severity",
    "Status",
    "ValidationResult",
    "load_acknowledgements",
    "validate",
]


class RuleSource(Protocol):
    """Anything that holds rules: a plugin manager (:class:`govdisclosure.plugins.Plugins`)."""

    @property
    def rules(self) -> RuleRegistry: ...


def validate(
    report: Report,
    previous: Report | None = None,
    *,
    plugins: RuleSource | None = None,
    rules: Iterable[Rule] | None = None,
    acknowledgements: Iterable[Acknowledgement] = (),
) -> ValidationResult:
    """Every finding about ``report``.  Never raises for a report of any content.

    ``previous`` is last year's report, for the cross-year rules.  The rules are ``rules``,
    or those ``plugins`` registered; ``govdisclosure.validate`` passes the installed ones.
    """
    if rules is None:
        if plugins is None:
            raise TypeError(
                "validation.validate needs rules= or plugins=; govdisclosure.validate(report) uses the installed plugins"
            )
        rules = plugins.rules.rules()
    # The rules read the prose as printed; a field that cannot be resolved stays as written
    # (reading a file reports it as an input error).
    report, _ = fields.resolve_collect(report, previous)
    context = Context(report, previous)
    acknowledged = {ack.fingerprint: ack.reason for ack in acknowledgements}
    findings: list[Finding] = []
    # What a rule prints goes to standard error (one redirection for all the rules: it costs syscalls).
    with plugin_output():
        for rule in rules:
            if not rule.applies_to(report.edition) or (rule.needs_previous and previous is None):
                continue
            try:
                issues = list(rule.check(context))
            # One broken rule (even one calling sys.exit) must not hide the others' findings.
            except BaseException as exc:
                if not is_plugin_fault(exc):
                    raise
                issues = [
                    Issue(
                        ("$",),
                        f"检查“{rule.title_zh}”本身出错，未能完成：{type(exc).__name__}: {exc}",
                        f"The check itself failed (plugin {rule.plugin}): {type(exc).__name__}: {exc}",
                        # "Cannot tell": the rule could not judge the report.  It names the plugin, and like
                        # any "cannot tell" it does not block on its own (docs/validation.md).
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
                reason = acknowledged.get(finding.fingerprint) if acknowledged else None
                if reason is not None:
                    finding = attrs.evolve(finding, acknowledged=reason)
                findings.append(finding)
    if not acknowledged:
        return ValidationResult(tuple(findings), ())
    matched = {f.fingerprint for f in findings}
    return ValidationResult(tuple(findings), tuple(fp for fp in acknowledged if fp not in matched))
