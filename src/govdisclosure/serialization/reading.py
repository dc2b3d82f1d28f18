"""Reading report files: YAML (the authoring format) and JSON, with every problem collected."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from govdisclosure.model import Report
from govdisclosure.serialization.converter import from_data
from govdisclosure.serialization.errors import InputError, LoadProblem, ReportLoadError
from govdisclosure.serialization.limits import MAX_NUMBER_DIGITS, RefusedNumber, data_problems, number_problem
from govdisclosure.serialization.yaml_reader import YamlReadError, read_yaml

__all__ = ["MAX_FILE_BYTES", "load", "loads"]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A report file is a few hundred kilobytes at most; a larger one is refused unread."""


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "; it looks like GBK/GB18030: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise ReportLoadError(
            [LoadProblem("$", f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}){hint}")],
            source,
        ) from None


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"the key {key!r} appears twice in the same object")
        result[key] = value
    return result


def loads(
    text: str | bytes,
    *,
    format: str = "yaml",  # noqa: A002
    source: str = "<input>",
    previous: Report | None = None,
) -> Report:
    """Read a report from YAML (``format="yaml"``) or JSON text; ``previous`` is last year's, for ``diff`` fields."""
    if isinstance(text, bytes):
        text = _decode(text, source)
    elif text.startswith("\ufeff"):
        text = text[1:]
    positions: dict[str, tuple[int, int]] = {}
    if format == "json":
        try:
            data = json.loads(
                text,
                parse_float=_json_decimal,
                parse_int=_json_int,
                object_pairs_hook=_json_pairs,
                parse_constant=_no_constant,
            )
        except json.JSONDecodeError as exc:
            raise ReportLoadError(
                [LoadProblem("$", f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno)], source
            ) from None
        except (InputError, RecursionError) as exc:
            message = str(exc) if isinstance(exc, InputError) else "the JSON is nested too deeply"
            raise ReportLoadError([LoadProblem("$", message)], source) from None
    elif format == "yaml":
        try:
            data, positions = read_yaml(text)
        except YamlReadError as exc:
            raise ReportLoadError([LoadProblem(exc.path, exc.message, exc.line, exc.column)], source) from None
        except RecursionError:
            raise ReportLoadError([LoadProblem("$", "the YAML is nested too deeply")], source) from None
    else:
        raise ValueError(f"unknown input format {format!r}; expected 'yaml' or 'json'")
    too_much = data_problems(data)
    if too_much:
        raise ReportLoadError(
            [LoadProblem(path, message, *positions.get(path, (None, None))) for path, message in too_much], source
        )
    return from_data(data, positions=positions, source=source, previous=previous)


def _json_decimal(text: str) -> Decimal | RefusedNumber:
    problem = number_problem(text)
    return RefusedNumber(problem) if problem else Decimal(text)


def _json_int(text: str) -> int | RefusedNumber:
    if len(text) <= MAX_NUMBER_DIGITS:  # json hands over -?digits only: the length bounds the digits
        return int(text)
    problem = number_problem(text)
    return RefusedNumber(problem) if problem else int(text)


def _no_constant(name: str) -> object:
    raise InputError(f"{name} is not a number a report can hold")


def load(path: str | Path, *, previous: Report | None = None) -> Report:
    """Read a report file: ``.json`` as JSON, anything else as YAML (``previous``: see :func:`loads`)."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportLoadError(
                [
                    LoadProblem(
                        "$",
                        f"the file is {size / 1024 / 1024:.0f} MB; a report file is far smaller "
                        f"(limit {MAX_FILE_BYTES // 1024 // 1024} MB)",
                    )
                ],
                source,
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportLoadError([LoadProblem("$", f"cannot read the file: {exc.strerror or exc}")], source) from None
    return loads(raw, format="json" if path.suffix.lower() == ".json" else "yaml", source=source, previous=previous)
