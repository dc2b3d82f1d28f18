"""Review rounds: what changed for each unit since the office last sent reports back.

The rounds are recorded in the acknowledgements file (see
:mod:`govdisclosure.validation.acknowledgements`).  :func:`unit_history` puts a unit's current
findings beside the rounds: each finding is *new*, still *open* (returned before and still
there) or *acknowledged*; findings returned before and gone now are *corrected*.
:func:`next_round` is the round to record after this run, :func:`append_round` adds it to the
file without touching what is already written (comments included).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from govdisclosure._files import write_atomic
from govdisclosure.validation import Finding, Severity, ValidationResult
from govdisclosure.validation.acknowledgements import FindingReview, ReviewRound, UnitReview

__all__ = ["FindingState", "RoundsError", "UnitHistory", "append_round", "next_round", "round_yaml", "unit_history"]

_STATE_ZH = {"new": "新发现", "open": "仍未更正", "noted": "已提示", "acknowledged": "已说明"}


class RoundsError(ValueError):
    """The acknowledgements file cannot take a new round; the message says why."""


@attrs.frozen
class FindingState:
    finding: Finding
    state: str
    """``new``, ``open`` (returned in an earlier round and still there), ``noted`` (a warning told
    before, the unit passing) or ``acknowledged``."""
    returned_in: int | None = None

    @property
    def state_zh(self) -> str:
        if self.state == "noted":
            return f"第{self.returned_in}轮已提示"
        text = _STATE_ZH[self.state]
        return f"{text}（第{self.returned_in}轮已退回）" if self.returned_in else text


@attrs.frozen
class UnitHistory:
    """A unit's findings now, against the rounds recorded so far."""

    unit: str
    last_round: int | None
    last_status: str | None
    states: tuple[FindingState, ...]
    corrected: tuple[FindingReview, ...]

    def changes_zh(self) -> str:
        """One line for the summary: what changed since the last round."""
        if self.last_round is None:
            return "首次审核"
        opened = sum(1 for s in self.states if s.state in ("open", "noted"))
        new = sum(1 for s in self.states if s.state == "new")
        return f"第{self.last_round}轮{_UNIT_ZH.get(self.last_status or '', '')}；已更正{len(self.corrected)}项，仍存在{opened}项，新发现{new}项"


_UNIT_ZH = {"returned": "退回", "rechecked": "复核通过", "passed": "通过", "missing": "缺报"}


def _returned(
    rounds: Sequence[ReviewRound], unit: str
) -> tuple[dict[str, tuple[int, FindingReview]], int | None, str | None]:
    """Findings of ``unit`` returned and not yet corrected, with the round they were returned in."""
    open_findings: dict[str, tuple[int, FindingReview]] = {}
    last_round = last_status = None
    for review_round in rounds:
        for entry in review_round.units:
            if entry.unit != unit:
                continue
            last_round, last_status = review_round.number, entry.status
            for finding in entry.findings:
                if finding.status in ("returned", "noted"):
                    first = open_findings.get(finding.fingerprint)
                    # Returned outranks noted: once sent back, a finding stays "returned in round k".
                    if first is None or (first[1].status == "noted" and finding.status == "returned"):
                        open_findings[finding.fingerprint] = (review_round.number, finding)
                else:
                    open_findings.pop(finding.fingerprint, None)
    return open_findings, last_round, last_status


def _listed(finding: Finding) -> bool:
    return finding.severity is not Severity.INFO


def unit_history(rounds: Sequence[ReviewRound], unit: str, result: ValidationResult | None) -> UnitHistory:
    """``unit``'s current findings (errors and warnings) against the recorded rounds."""
    open_findings, last_round, last_status = _returned(rounds, unit)
    findings = [f for f in result.findings if _listed(f)] if result is not None else []
    states = []
    for finding in findings:
        if finding.acknowledged is not None:
            states.append(FindingState(finding, "acknowledged"))
        elif finding.fingerprint in open_findings:
            number, review = open_findings[finding.fingerprint]
            states.append(FindingState(finding, "open" if review.status == "returned" else "noted", number))
        else:
            states.append(FindingState(finding, "new"))
    now = {f.fingerprint for f in findings if f.acknowledged is None}
    corrected = (
        tuple(review for fp, (_, review) in open_findings.items() if fp not in now) if result is not None else ()
    )
    return UnitHistory(unit, last_round, last_status, tuple(states), corrected)


def next_round(
    rounds: Sequence[ReviewRound], histories: Sequence[tuple[UnitHistory, ValidationResult | None]], date: dt.date
) -> ReviewRound:
    """The round this run records: each unit returned, re-checked, passed or missing."""
    units = []
    for history, result in histories:
        if result is None:
            units.append(UnitReview(history.unit, "missing"))
            continue
        corrected = tuple(attrs.evolve(review, status="corrected") for review in history.corrected)
        status = "returned" if result.has_errors else "noted"
        now = tuple(
            FindingReview(s.finding.fingerprint, status, s.finding.code)
            for s in history.states
            if s.state != "acknowledged"
        )
        if result.has_errors:
            units.append(UnitReview(history.unit, "returned", (*corrected, *now)))
        elif history.last_status in ("returned", "rechecked") and history.corrected:
            units.append(UnitReview(history.unit, "rechecked", (*corrected, *now)))
        else:
            units.append(UnitReview(history.unit, "passed", (*corrected, *now)))
    number = max((r.number for r in rounds), default=0) + 1
    return ReviewRound(number, date, tuple(units))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def round_yaml(review_round: ReviewRound) -> str:
    """The round as the YAML of one item under ``reviews:``."""
    lines = [f"  - round: {review_round.number}"]
    if review_round.date:
        lines.append(f"    date: {review_round.date.isoformat()}")
    lines.append("    units:")
    for unit in review_round.units:
        lines += [f"      - unit: {_q(unit.unit)}", f"        status: {unit.status}"]
        if unit.findings:
            lines.append("        findings:")
        for finding in unit.findings:
            lines.append(f"          - fingerprint: {finding.fingerprint}")
            if finding.code:
                lines.append(f"            code: {_q(finding.code)}")
            lines.append(f"            status: {finding.status}")
    return "\n".join(lines) + "\n"


_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:", re.MULTILINE)


def append_round(path: str | Path, review_round: ReviewRound) -> None:
    """Add ``review_round`` at the end of the file's ``reviews`` (creating the file or the key)."""
    path = Path(path)
    text = (
        path.read_text(encoding="utf-8-sig")
        if path.exists()
        else "# govdisclosure acknowledgements\nacknowledgements: []\n"
    )
    text = re.sub(r"^reviews:[ \t]*\[\][ \t]*$", "reviews:", text, flags=re.MULTILINE)
    keys = [(m.start(), m.group(0).split(":")[0].strip()) for m in _TOP_KEY.finditer(text)]
    if keys and "reviews" in {key for _, key in keys} and keys[-1][1] != "reviews":
        raise RoundsError(f"{path}: 'reviews' must be the last key of the file for a round to be added after it")
    if "reviews" not in {key for _, key in keys}:
        text = text.rstrip("\n") + "\nreviews:\n"
    elif not text.endswith("\n"):
        text += "\n"
    write_atomic(path, (text + round_yaml(review_round)).encode("utf-8"))
