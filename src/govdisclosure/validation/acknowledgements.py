"""The acknowledgements file: findings a person reviewed, with the reason.

::

    # govdisclosure acknowledgements
    acknowledgements:
      - fingerprint: 3f2a9c0d1e4b5a67
        code: XY-CARRY                 # optional, for the reader
        reason: 2024年机构改革，上年结转申请由原市国土局移交

An acknowledged finding stays listed but no longer fails the run.

A supervising office also records its review rounds in the same file (``govdisclosure
review --ack FILE --record``), under ``reviews``; a reader that knows only
``acknowledgements`` ignores them::

    reviews:
      - round: 1
        date: 2025-02-05
        units:
          - unit: 云澜市第2单位
            status: returned           # returned | rechecked | passed | missing
            findings:
              - fingerprint: 3f2a9c0d1e4b5a67
                code: T3-ROW-TOTAL
                status: returned       # returned | noted | corrected

A finding is *returned* when it is sent back to the unit (*noted* when the unit passed and the
finding is a warning it was told about) and *corrected* when a later report no longer has it;
a unit is *rechecked* when it was returned and its new report passes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.serialization import YamlReadError, read_yaml

__all__ = [
    "FINDING_STATUSES",
    "UNIT_STATUSES",
    "Acknowledgement",
    "AcknowledgementsError",
    "FindingReview",
    "ReviewRound",
    "UnitReview",
    "load_acknowledgements",
    "load_reviews",
]

UNIT_STATUSES = ("returned", "rechecked", "passed", "missing")
FINDING_STATUSES = ("returned", "noted", "corrected")


@attrs.frozen
class Acknowledgement:
    fingerprint: str
    reason: str
    code: str | None = None


class AcknowledgementsError(ValueError):
    """The acknowledgements file cannot be used; the message says where and why."""


_FINGERPRINT = lazy(r"^[0-9a-f]{16}$")


@attrs.frozen
class FindingReview:
    fingerprint: str
    status: str
    code: str | None = None


@attrs.frozen
class UnitReview:
    unit: str
    status: str
    findings: tuple[FindingReview, ...] = ()


@attrs.frozen
class ReviewRound:
    """One round of review: what the office did with each unit and finding."""

    number: int
    date: dt.date | None
    units: tuple[UnitReview, ...]


def _read(path: Path) -> tuple[Any, dict[str, tuple[int, int]]]:
    try:
        return read_yaml(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise AcknowledgementsError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise AcknowledgementsError(f"{path}: the file is not UTF-8 text") from None
    except YamlReadError as exc:
        raise AcknowledgementsError(f"{path}:{exc.line or 1}: {exc.message}") from None


def load_acknowledgements(path: str | Path) -> tuple[Acknowledgement, ...]:
    path = Path(path)
    data, positions = _read(path)
    entries = data.get("acknowledgements") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise AcknowledgementsError(f"{path}: expected a list under the key 'acknowledgements'")
    out = []
    for index, entry in enumerate(entries):
        where = f"$.acknowledgements[{index}]"
        line = positions.get(where, (None,))[0]
        prefix = f"{path}:{line}: {where}" if line else f"{path}: {where}"
        if not isinstance(entry, dict):
            raise AcknowledgementsError(f"{prefix}: expected fingerprint and reason")
        fingerprint, reason = entry.get("fingerprint"), entry.get("reason")
        if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint):
            raise AcknowledgementsError(f"{prefix}.fingerprint: expected the 16-character fingerprint of a finding")
        if not isinstance(reason, str) or not reason.strip():
            raise AcknowledgementsError(f"{prefix}.reason: say why the finding is acceptable")
        unknown = set(entry) - {"fingerprint", "reason", "code"}
        if unknown:
            raise AcknowledgementsError(f"{prefix}: unknown key {sorted(unknown)[0]!r}")
        code = entry.get("code")
        out.append(Acknowledgement(fingerprint, reason.strip(), code if isinstance(code, str) else None))
    return tuple(out)


def _where(path: Path, positions: dict[str, tuple[int, int]], where: str) -> str:
    line = positions.get(where, (None,))[0]
    return f"{path}:{line}: {where}" if line else f"{path}: {where}"


def _finding_review(path: Path, positions: dict[str, tuple[int, int]], where: str, entry: object) -> FindingReview:
    prefix = _where(path, positions, where)
    if not isinstance(entry, dict):
        raise AcknowledgementsError(f"{prefix}: expected fingerprint and status")
    fingerprint, status, code = entry.get("fingerprint"), entry.get("status"), entry.get("code")
    if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint):
        raise AcknowledgementsError(f"{prefix}.fingerprint: expected the 16-character fingerprint of a finding")
    if status not in FINDING_STATUSES:
        raise AcknowledgementsError(f"{prefix}.status: expected one of {', '.join(FINDING_STATUSES)}, got {status!r}")
    return FindingReview(fingerprint, str(status), code if isinstance(code, str) else None)


def _unit_review(path: Path, positions: dict[str, tuple[int, int]], where: str, entry: object) -> UnitReview:
    prefix = _where(path, positions, where)
    if not isinstance(entry, dict) or not isinstance(entry.get("unit"), str):
        raise AcknowledgementsError(f"{prefix}: expected a unit with its name under 'unit'")
    status = entry.get("status")
    if status not in UNIT_STATUSES:
        raise AcknowledgementsError(f"{prefix}.status: expected one of {', '.join(UNIT_STATUSES)}, got {status!r}")
    findings = entry.get("findings") or []
    if not isinstance(findings, list):
        raise AcknowledgementsError(f"{prefix}.findings: expected a list")
    return UnitReview(
        entry["unit"],
        str(status),
        tuple(_finding_review(path, positions, f"{where}.findings[{i}]", f) for i, f in enumerate(findings)),
    )


def load_reviews(path: str | Path) -> tuple[ReviewRound, ...]:
    """The review rounds recorded in an acknowledgements file, oldest first (none: an empty tuple)."""
    path = Path(path)
    data, positions = _read(path)
    rounds = data.get("reviews") if isinstance(data, dict) else None
    if rounds is None:
        return ()
    if not isinstance(rounds, list):
        raise AcknowledgementsError(f"{path}: expected a list of rounds under the key 'reviews'")
    out = []
    for index, entry in enumerate(rounds):
        where = f"$.reviews[{index}]"
        prefix = _where(path, positions, where)
        if not isinstance(entry, dict) or not isinstance(entry.get("round"), int):
            raise AcknowledgementsError(f"{prefix}.round: expected the round's number")
        date = entry.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise AcknowledgementsError(f"{prefix}.date: expected a date like 2025-02-05")
        units = entry.get("units") or []
        if not isinstance(units, list):
            raise AcknowledgementsError(f"{prefix}.units: expected a list")
        reviews = tuple(_unit_review(path, positions, f"{where}.units[{i}]", u) for i, u in enumerate(units))
        out.append(ReviewRound(entry["round"], date, reviews))
    return tuple(out)
