"""docs/validation.md is generated from the rule registry, so it cannot drift.

``python -m govdisclosure.validation.docs docs/validation.md`` rewrites the generated
parts of the page (between ``<!-- rules:start -->`` and ``<!-- rules:end -->``, and the
seed's findings between ``<!-- seed:start -->`` and ``<!-- seed:end -->``); a test checks
that the committed page equals what this produces.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from govdisclosure.model import Edition
from govdisclosure.validation.findings import ValidationResult
from govdisclosure.validation.registry import ALL_EDITIONS, Rule

__all__ = ["findings_markdown", "rules_markdown", "update"]


def _editions(rule: Rule) -> str:
    if rule.editions == ALL_EDITIONS:
        return "all"
    return ", ".join(e.value for e in Edition if e in rule.editions)


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


def update(text: str) -> str:
    """The page ``text`` with its generated blocks brought up to date."""
    from govdisclosure import load
    from govdisclosure.plugins import get_plugin_manager
    from govdisclosure.validation import validate

    plugins = get_plugin_manager(entry_points=False)
    text = _replace(text, "rules", rules_markdown(plugins.rules.rules()))
    seed = Path(__file__).resolve().parents[3] / "examples" / "harbin-qts-2011.yaml"
    return _replace(text, "seed", findings_markdown(validate(load(seed), plugins=plugins)))


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool, exercised through update() by the tests
    page = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/validation.md")
    page.write_text(update(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {page}")
