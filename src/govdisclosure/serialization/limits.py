"""The documented limits of a report file: checked on the parsed data, before any work depends on its size.

A real report has a few dozen paragraphs and a few thousand values; these limits are far
above that and far below what would make loading, checking or rendering slow or large:

- a number is written with at most :data:`MAX_NUMBER_DIGITS` digits and an exponent of at
  most :data:`MAX_EXPONENT` either way (``1e999999999`` and a 5,000-digit integer are refused
  as text, before Python turns them into numbers);
- one text holds at most :data:`MAX_TEXT_CHARS` characters, all of them together at most
  :data:`MAX_TOTAL_CHARS`; a file holds at most :data:`MAX_VALUES` values, nested at most
  :data:`MAX_DEPTH` levels deep;
- text is valid Unicode: a lone surrogate (``"\\ud800"`` in JSON) cannot be written to any
  output file, so it is refused here.
"""

from __future__ import annotations

from govdisclosure._patterns import lazy

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_NUMBER_DIGITS",
    "MAX_TEXT_CHARS",
    "MAX_TOTAL_CHARS",
    "MAX_VALUES",
    "RefusedNumber",
    "data_problems",
    "number_problem",
]

MAX_NUMBER_DIGITS = 40
MAX_EXPONENT = 30
MAX_TEXT_CHARS = 100_000
"""About 60 pages of Chinese text in one paragraph."""
MAX_TOTAL_CHARS = 1_000_000
MAX_VALUES = 20_000
MAX_DEPTH = 64

_NUMBER = lazy(r"[-+]?(?P<int>[0-9_]*)(?:\.(?P<frac>[0-9_]*))?(?:[eE](?P<exp>[-+]?[0-9]+))?")


def number_problem(text: str) -> str | None:
    """Why the number written as ``text`` is refused unread, or None."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    digits = len((match["int"] or "").replace("_", "").lstrip("0")) + len((match["frac"] or "").replace("_", ""))
    short = text if len(text) <= 24 else f"{text[:12]}…{text[-6:]}"
    if digits > MAX_NUMBER_DIGITS:
        return f"the number {short} has {digits} digits, which no report can hold (at most {MAX_NUMBER_DIGITS})"
    exponent = match["exp"]
    if exponent is not None and (len(exponent.lstrip("+-").lstrip("0")) > 3 or abs(int(exponent)) > MAX_EXPONENT):
        return f"the number {short} has an exponent beyond ±{MAX_EXPONENT}, which no report can hold"
    return None


class RefusedNumber:
    """A number the JSON reader refused unread (see :func:`number_problem`), reported with its path."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


#: Where a value sits, as a chain back to the root: (the parent's place, key), the root being None.
_Place = tuple["_Place | None", object] | None


def _path(place: _Place) -> str:
    """The path of ``place`` ("$.sections[0].title"): built only for a value with a problem."""
    steps = []
    while place is not None:
        place, key = place
        steps.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "$" + "".join(reversed(steps))


def data_problems(data: object) -> list[tuple[str, str]]:
    """(path, problem) for every limit the parsed data breaks; stops early when the data is far too large."""
    problems: list[tuple[str, str]] = []
    stack: list[tuple[_Place, object, int]] = [(None, data, 0)]
    values = total = 0
    while stack and len(problems) < 20:
        place, value, depth = stack.pop()
        values += 1
        if values > MAX_VALUES:
            return [("$", f"the file holds more than {MAX_VALUES:,} values; a report is far smaller (the limit)")]
        if depth > MAX_DEPTH:
            problems.append((_path(place), f"nested more than {MAX_DEPTH} levels deep; a report nests a few levels"))
            continue
        if isinstance(value, dict):
            stack.extend(((place, key), item, depth + 1) for key, item in reversed(value.items()))
            stack.extend(((place, key), key, depth + 1) for key in value if isinstance(key, str))
        elif isinstance(value, list):
            stack.extend(((place, index), item, depth + 1) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, RefusedNumber):
            problems.append((_path(place), value.problem))
        elif isinstance(value, str):
            total += len(value)
            problems += _text_problems(place, value)
    if total > MAX_TOTAL_CHARS:
        problems.append(("$", f"the texts hold {total:,} characters in all; the limit is {MAX_TOTAL_CHARS:,}"))
    return problems


def _text_problems(place: _Place, value: str) -> list[tuple[str, str]]:
    if len(value) > MAX_TEXT_CHARS:
        return [(_path(place), f"a text of {len(value):,} characters; one text holds at most {MAX_TEXT_CHARS:,}")]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return [
            (
                _path(place),
                f"the text holds a lone surrogate (U+{ord(value[exc.start]):04X} at character {exc.start + 1}), "
                "which is not a character: fix the \\u escape",
            )
        ]
    return []
