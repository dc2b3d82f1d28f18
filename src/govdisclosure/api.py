"""The conveniences of the public API that need the installed plugins.

``govdisclosure.validate(report)`` checks a report with every installed rule, as the
``validate`` command does; :mod:`govdisclosure.validation` itself never loads plugins
(checking is below the plugin layer), so this is where the two meet.
"""

from __future__ import annotations

from collections.abc import Iterable

from govdisclosure.model import Report
from govdisclosure.plugins import Plugins, default_plugins
from govdisclosure.validation import Acknowledgement, Rule, ValidationResult
from govdisclosure.validation import validate as _run_rules

__all__ = ["validate"]


def validate(
    report: Report,
    previous: Report | None = None,
    *,
    plugins: Plugins | None = None,
    rules: Iterable[Rule] | None = None,
    acknowledgements: Iterable[Acknowledgement] = (),
) -> ValidationResult:
    """Every finding about ``report``, by the installed rules (or ``plugins``' or ``rules``).  Never raises.

    ``previous`` is last year's report, for the cross-year rules; ``acknowledgements`` mark
    reviewed findings (:func:`govdisclosure.validation.load_acknowledgements`).
    """
    if rules is None:
        rules = (plugins or default_plugins()).rules.rules()
    return _run_rules(report, previous, rules=rules, acknowledgements=acknowledgements)
