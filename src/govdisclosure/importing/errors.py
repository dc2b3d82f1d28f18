"""The one error an import raises: the file cannot be imported, and why."""

from __future__ import annotations

__all__ = ["ImportFailure"]


class ImportFailure(ValueError):  # noqa: N818 - "ImportError" is Python's own; this names the outcome
    """A file cannot be imported as a report.  ``problems`` says what was missing or wrong."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"{source}: cannot be imported as a report:"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))
