"""Findings: what a check found, as data.

A :class:`Finding` has a stable ``code`` (the rule's), a ``severity``, a ``status``
that tells a real failure (``failed``) from "cannot tell" (``undetermined``: a cell the
check needs is blank), the ``paths`` of the cells involved, the ``evidence`` (the
expression, both sides and the difference), a message for a clerk in Chinese with an
English one beside it, and a ``fingerprint`` that stays the same across runs.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

__all__ = ["Evidence", "Finding", "Issue", "Severity", "Status", "ValidationResult"]


class Severity(enum.Enum):
    ERROR = "error"
    """The report is wrong: a supervising office would send it back."""
    WARNING = "warning"
    """Probably wrong, or wrong in a way that has legitimate exceptions: look at it."""
    INFO = "info"
    """Worth knowing; not a mistake."""


class Status(enum.Enum):
    FAILED = "failed"
    """The check ran and the report fails it."""
    UNDETERMINED = "undetermined"
    """The check cannot tell: a value it needs is not stated."""


Number = int | Decimal | None


@attrs.frozen
class Evidence:
    """The arithmetic behind a finding: ``left`` should equal ``right``."""

    expression: str
    left: Number
    right: Number

    @property
    def difference(self) -> Number:
        if self.left is None or self.right is None:
            return None
        return self.left - self.right


@attrs.frozen
class Issue:
    """What a rule reports; the engine adds the rule's code and severity."""

    paths: tuple[str, ...]
    message: str
    """For the clerk, in Chinese."""
    message_en: str
    evidence: Evidence | None = None
    status: Status = Status.FAILED


@attrs.frozen
class Finding:
    code: str
    severity: Severity
    status: Status
    paths: tuple[str, ...]
    message: str
    message_en: str
    evidence: Evidence | None
    rule: str
    """The rule's title."""
    acknowledged: str | None = None
    """The reason given in an acknowledgements file, if the finding was reviewed."""

    @property
    def fingerprint(self) -> str:
        """Stable across runs: the rule, the cells and the values involved."""
        parts = [self.code, *self.paths]
        if self.evidence is not None:
            parts += [self.evidence.expression, str(self.evidence.left), str(self.evidence.right)]
        else:
            parts.append(self.message)
        import hashlib  # OpenSSL's binding (3 ms) only when a fingerprint is printed or matched

        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    @property
    def blocking(self) -> bool:
        """A failed error check that nobody acknowledged: it fails a run ("cannot tell" never does)."""
        return self.severity is Severity.ERROR and self.status is Status.FAILED and self.acknowledged is None


@attrs.frozen
class ValidationResult:
    """Every finding about a report, in rule order."""

    findings: tuple[Finding, ...]
    unmatched_acknowledgements: tuple[str, ...] = ()
    """Fingerprints in the acknowledgements file that match no finding (stale entries)."""

    @property
    def has_errors(self) -> bool:
        return any(finding.blocking for finding in self.findings)

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.code == code)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity and f.acknowledged is None)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)
