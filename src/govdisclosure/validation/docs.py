"""docs/validation.md is generated from the rule registry, so it cannot drift.

``python scripts/update_docs.py`` rewrites the generated parts of docs/validation.md
(between ``<!-- rules:start -->`` and ``<!-- rules:end -->``, and the seed's findings
between ``<!-- seed:start -->`` and ``<!-- seed:end -->``) with :func:`update`; a test
checks that the committed page equals what this produces.  Nothing here loads plugins or
files: the caller hands in the rules and the seed's findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govdisclosure.editions import registered
from govdisclosure.validation.findings import ValidationResult
from govdisclosure.validation.registry import Rule

__all__ = ["findings_markdown", "rules_markdown", "update"]


def _editions(rule: Rule) -> str:
    editions = [spec.edition for spec in registered()]
    applies = [edition.value for edition in editions if rule.applies_to(edition)]
    return "all" if len(applies) == len(editions) else ", ".join(applies)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(rules: Iterable[Rule]) -> str:
    lines = [
        "| code | severity | editions | rule | meaning | source |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        previous = " Needs `--previous`." if rule.needs_previous else ""
        lines.append(
            f"| `{rule.code}` | {rule.severity.value} | {_editions(rule)} | {_cell(rule.title_zh)}<br>{_cell(rule.title)} "
            f"| {_cell(rule.description)}{previous} | {_cell(rule.source)} |"
        )
    return "\n".join(lines)


def findings_markdown(result: ValidationResult) -> str:
    lines = []
    for finding in result.findings:
        status = ", cannot tell" if finding.status.value == "undetermined" else ""
        lines.append(f"- **`{finding.code}`** ({finding.severity.value}{status}) at `{', '.join(finding.paths)}`:")
        lines.append(f"  {finding.message}")
        lines.append(f"  <br>*{finding.message_en}*")
    return "\n".join(lines)


def _replace(text: str, name: str, content: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"the page has no <!-- {name}:start --> … <!-- {name}:end --> block")
    return pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)


def update(text: str, rules: Iterable[Rule], seed: ValidationResult) -> str:
    """The page ``text`` with its generated blocks brought up to date from ``rules`` and the seed's findings."""
    text = _replace(text, "rules", rules_markdown(rules))
    return _replace(text, "seed", findings_markdown(seed))
