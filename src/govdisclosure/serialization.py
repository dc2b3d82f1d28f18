"""Reading and writing reports: the one cattrs converter, YAML and JSON, the JSON Schema.

- :func:`load` / :func:`loads` read a report from YAML (the authoring format) or JSON
  and return a :class:`~govdisclosure.model.Report`.  Every problem in the file is
  collected, not just the first, and raised together as :class:`ReportLoadError`,
  each with its path (``$.requests.withheld.state_secret.natural_person``), a plain
  message and, for YAML, its line.
- :func:`to_data` / :func:`from_data` convert between a report and plain data.
- :func:`dumps_json` writes canonical JSON: declaration key order, UTF-8 Chinese,
  Decimal amounts written exactly as numbers.
- :func:`json_schema` describes the input, for editors and other languages.

The rules for single values ("a count is a whole number ≥ 0") come from
:mod:`govdisclosure.model._checks`, which the model's own validators also use.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import difflib
import enum
import functools
import itertools
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs
import cattrs
import yaml
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from govdisclosure import _yamlreader
from govdisclosure.chinese import parse_date
from govdisclosure.model import (
    Agency,
    AppealsTable,
    ApplicantCounts,
    Edition,
    FeeItems,
    ItemCounts,
    ItemList,
    LegacyAppeals,
    LegacyProactive,
    OtherHandling,
    Paragraph,
    ProactiveTable,
    Report,
    TrialProactiveTable,
    _checks,
)
from govdisclosure.model.report import Appeals, Proactive
from govdisclosure.model.text import Block

__all__ = [
    "APPEALS_LAYOUTS",
    "PROACTIVE_LAYOUTS",
    "SCHEMA_VERSION",
    "LoadProblem",
    "ReportLoadError",
    "converter",
    "dumps_json",
    "dumps_yaml",
    "from_data",
    "json_schema",
    "load",
    "loads",
    "to_data",
]

SCHEMA_VERSION = 1
"""The version of the input and JSON format.  It changes only when old files would be misread."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A report file is a few hundred kilobytes at most; a larger one is refused unread."""


# --------------------------------------------------------------------------- errors


@attrs.frozen
class LoadProblem:
    """One thing wrong with an input file."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path}: {self.message}"


class ReportLoadError(ValueError):
    """An input file cannot be read as a report.  ``problems`` lists every reason."""

    def __init__(self, problems: list[LoadProblem], source: str = "<input>") -> None:
        self.problems = tuple(problems)
        self.source = source
        count = len(self.problems)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''} found"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))

    def report_lines(self) -> list[str]:
        """The problems as a command prints them: ``file:line:column: path: message``, one a line."""
        count = len(self.problems)
        lines = [f"{self.source}: cannot be read as a report ({count} problem{'s' if count != 1 else ''}):"]
        for problem in self.problems:
            where = f"{self.source}:{problem.line}:{problem.column or 1}: " if problem.line else f"{self.source}: "
            lines.append(f"  {where}{problem.path}: {problem.message}")
        return lines


class _InputError(ValueError):
    """Raised by the structure hooks: its message is already written for a clerk."""


def _suggest(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _collect(exc: BaseException, path: str, out: list[tuple[str, str]]) -> None:
    """Flatten a cattrs error tree into (path, message) pairs."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            _collect_attribute(sub, note, path, out)
        for sub in without:
            _collect(sub, path, out)
    elif isinstance(exc, IterableValidationError):
        with_notes_i, without_i = exc.group_exceptions()
        for sub, inote in with_notes_i:
            _collect(sub, f"{path}[{inote.index}]", out)
        for sub in without_i:
            _collect(sub, path, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        # The path names the key itself, so the position is the key's, not its value's.
        out.extend(
            (f"{path}.{key}{_yamlreader.KEY_SUFFIX}", f"unknown key {key!r}{_suggest(key, known)}")
            for key in sorted(exc.extra_fields)
        )
    elif isinstance(exc, KeyError):
        out.append((path, "required, but missing"))
    elif isinstance(exc, _InputError):
        out.append((path, str(exc)))
    else:  # pragma: no cover - a hook bug, shown rather than hidden
        out.append((path, f"{type(exc).__name__}: {exc}"))


def _collect_attribute(
    exc: BaseException, note: AttributeValidationNote | IterableValidationNote, path: str, out: list[tuple[str, str]]
) -> None:
    name = note.name if isinstance(note, AttributeValidationNote) else note.index
    _collect(exc, f"{path}.{name}", out)


# --------------------------------------------------------------------------- scalar hooks


def _reject(problem: str | None) -> None:
    if problem is not None:
        raise _InputError(problem)


def _integral(value: object) -> object:
    """Accept 3 and 3.0 as the whole number 3; leave anything else for the check to refuse."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _structure_count(value: object, _: type) -> int:
    value = _integral(value)
    if isinstance(value, str) and value.strip() in {"/", "-", "—", "／", "无"}:
        raise _InputError(
            f"expected a whole number ≥ 0, got {_checks.describe(value)}; leave a cell that is not stated blank (~)"
        )
    _reject(_checks.problem_count(value))
    return typing.cast(int, value)


def _structure_signed(value: object, _: type) -> int:
    if isinstance(value, str):
        stripped = value.strip().replace("＋", "+").replace("－", "-")
        if stripped.lstrip("+-").isdigit():
            value = int(stripped)
    value = _integral(value)
    _reject(_checks.problem_signed(value))
    return typing.cast(int, value)


def _structure_year(value: object, _: type) -> int:
    value = _integral(value)
    _reject(_checks.problem_year(value))
    return typing.cast(int, value)


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        value = Decimal(value)
    elif isinstance(value, float):
        value = Decimal(repr(value))
    elif isinstance(value, str):
        with contextlib.suppress(InvalidOperation):
            value = Decimal(value.strip().replace(",", ""))
    _reject(_checks.problem_amount(value))
    return typing.cast(Decimal, value)


_FORBIDDEN_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f", "\ufffe", "\uffff"}


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, bool) or value is None:
        raise _InputError(f"expected text, got {_checks.describe(value)}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        hint = "; put it in quotes" if isinstance(value, Decimal) else ""
        raise _InputError(f"expected text, got {_checks.describe(value)}{hint}")
    bad = next((c for c in value if c in _FORBIDDEN_CONTROL), None)
    if bad is not None:
        raise _InputError(f"the text contains the control character U+{ord(bad):04X}, which documents cannot hold")
    return value


def _structure_name(value: object, _: type) -> str:
    text = _structure_str(value, str)
    _reject(_checks.problem_name(text))
    return text


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _InputError(f"expected true or false, got {_checks.describe(value)}")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as exc:
            raise _InputError(str(exc)) from None
    raise _InputError(f"expected a date such as 2012-03-02 or 二〇一二年三月二日, got {_checks.describe(value)}")


def _enum_hook(cl: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = [member.value for member in cl]

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return cl(value)
        except ValueError:
            shown = _checks.describe(value)
            suggestion = _suggest(value, values) if isinstance(value, str) else ""
            raise _InputError(f"expected one of {', '.join(values)}; got {shown}{suggestion}") from None

    return structure


# --------------------------------------------------------------------------- unions

#: The layouts a table may follow, named after the edition that defines them.
PROACTIVE_LAYOUTS: dict[str, type] = {
    Edition.NATIONAL_2021.value: ProactiveTable,
    Edition.NATIONAL_2019_TRIAL.value: TrialProactiveTable,
    Edition.LEGACY_2008.value: LegacyProactive,
}
APPEALS_LAYOUTS: dict[str, type] = {
    Edition.NATIONAL_2021.value: AppealsTable,
    Edition.NATIONAL_2019_TRIAL.value: AppealsTable,
    Edition.LEGACY_2008.value: LegacyAppeals,
}
_LAYOUT_FIELDS = {"proactive": PROACTIVE_LAYOUTS, "appeals": APPEALS_LAYOUTS}
_APPLICANT_KEYS = frozenset(a.name for a in attrs.fields(ApplicantCounts))


def _mapping(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _InputError(f"expected a mapping (key: value entries), got {_checks.describe(value)}")
    return value


def _layout_hook(layouts: dict[str, type]) -> Callable[[object, type], object]:
    def structure(value: object, _: type) -> object:
        data = dict(_mapping(value))
        layout = data.pop("layout", Edition.NATIONAL_2021.value)
        if layout not in layouts:
            error = _InputError(f"expected a layout among {', '.join(layouts)}; got {_checks.describe(layout)}")
            error.__notes__ = [AttributeValidationNote("layout", "layout", str)]
            raise ClassValidationError("layout", [error], dict)
        return converter.structure(data, layouts[layout])

    return structure


def _structure_block(value: object, _: type) -> Block:
    if isinstance(value, str):
        return Paragraph(_structure_str(value, str))
    if not isinstance(value, Mapping):
        raise _InputError(f"expected a paragraph (text) or a list (items: [...]), got {_checks.describe(value)}")
    data = value
    if "items" in data:
        return converter.structure(data, ItemList)
    if "text" in data:
        return converter.structure(data, Paragraph)
    raise _InputError("expected a paragraph (text) or a list (a mapping with items: [...])")


def _structure_other_handling(value: object, _: type) -> OtherHandling | ApplicantCounts:
    data = _mapping(value)
    if _APPLICANT_KEYS & set(data):
        return converter.structure(data, ApplicantCounts)
    return converter.structure(data, OtherHandling)


# --------------------------------------------------------------------------- the converter


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(int, _structure_count)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)
    conv.register_structure_hook(Block, _structure_block)
    conv.register_structure_hook(Proactive | None, _optional(_layout_hook(PROACTIVE_LAYOUTS)))
    conv.register_structure_hook(Appeals | None, _optional(_layout_hook(APPEALS_LAYOUTS)))
    conv.register_structure_hook(OtherHandling | ApplicantCounts, _structure_other_handling)

    def tuple_hook(tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
        item_type = typing.get_args(tp)[0]
        item_hook = conv.get_structure_hook(item_type)

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _InputError(f"expected a list (lines starting with -), got {_checks.describe(value)}")
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # noqa: BLE001 - every item's problem is collected, then raised together
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"@ {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("While structuring a list", errors, tp)
            return tuple(items)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    overrides: dict[type, dict[str, Any]] = {
        Report: {"year": override(struct_hook=_structure_year)},
        Agency: {"name": override(struct_hook=_structure_name)},
        ItemCounts: {"change": override(struct_hook=_optional(_structure_signed))},
        FeeItems: {"change": override(struct_hook=_optional(_structure_signed))},
    }

    def attrs_hook(cl: type) -> Callable[[object, type], object]:
        generated: Callable[[Mapping[str, Any], Any], object] = make_dict_structure_fn(
            cl, conv, **overrides.get(cl, {})
        )

        def structure(value: object, _: type) -> object:
            return generated(_mapping(value), cl)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_hook)

    conv.register_unstructure_hook(Decimal, lambda d: d)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(Paragraph, lambda p: p.text)
    return conv


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _optional(hook: Callable[[object, type], Any]) -> Callable[[object, type], Any]:
    def structure(value: object, cl: type) -> Any:
        return None if value is None else hook(value, cl)

    return structure


converter = _make_converter()
"""The converter behind every read and write; exporters use it through :func:`to_data`."""


# --------------------------------------------------------------------------- report level


def _edition_of(data: Mapping[str, Any]) -> Edition | None:
    try:
        return Edition(data.get("edition"))
    except ValueError:
        return None


def _prepare(data: object) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Check the envelope and give each table the layout its edition implies."""
    if data is None:
        raise ReportLoadError([LoadProblem("$", "the file is empty")])
    if not isinstance(data, Mapping):
        raise ReportLoadError(
            [LoadProblem("$", f"expected a report (key: value entries), got {_checks.describe(data)}")]
        )
    data = dict(data)
    problems: list[tuple[str, str]] = []
    data.pop("$schema", None)
    version = data.pop("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        problems.append(
            (
                "$.schema_version",
                f"this file is written for schema version {version!r}; "
                f"this govdisclosure reads version {SCHEMA_VERSION}",
            )
        )
    edition = _edition_of(data)
    if edition is not None:
        for field in _LAYOUT_FIELDS:
            table = data.get(field)
            if isinstance(table, Mapping) and "layout" not in table:
                data[field] = {**table, "layout": edition.value}
    return data, problems


def from_data(
    data: object, *, positions: Mapping[str, tuple[int, int]] | None = None, source: str = "<input>"
) -> Report:
    """Build a report from plain data (what YAML or JSON parse to).

    Raises :class:`ReportLoadError` listing every problem found.
    """
    prepared, problems = _prepare(data)
    report: Report | None = None
    try:
        report = converter.structure(prepared, Report)
    except (ClassValidationError, IterableValidationError, _InputError) as exc:
        _collect(exc, "$", problems)
    if problems:
        positions = positions or {}
        found = [
            LoadProblem(path.removesuffix(_yamlreader.KEY_SUFFIX), message, *_position(path, positions))
            for path, message in problems
        ]
        found.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
        raise ReportLoadError(found, source)
    assert report is not None
    return _settle_layouts(report, prepared)


def _position(path: str, positions: Mapping[str, tuple[int, int]]) -> tuple[int | None, int | None]:
    """The line of the value at ``path``, or of its nearest parent that is in the file."""
    if path in positions:
        return positions[path]
    path = path.removesuffix(_yamlreader.KEY_SUFFIX)
    while path:
        if path in positions:
            return positions[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return None, None


def _settle_layouts(report: Report, data: Mapping[str, Any]) -> Report:
    """A trial report's （六）其他处理 is one row even when the file leaves it out."""
    requests = report.requests
    if (
        report.edition is Edition.NATIONAL_2019_TRIAL
        and requests is not None
        and "other_handling" not in (data.get("requests") or {})
    ):
        return attrs.evolve(report, requests=attrs.evolve(requests, other_handling=ApplicantCounts()))
    return report


def to_data(report: Report) -> dict[str, Any]:
    """The report as plain data: dicts, lists, str, int, Decimal, bool and None.

    A table whose layout is not its edition's own says so with a ``layout`` key.
    """
    data: dict[str, Any] = converter.unstructure(report)
    for field, layouts in _LAYOUT_FIELDS.items():
        table = getattr(report, field)
        if table is not None and not isinstance(table, layouts[report.edition.value]):
            layout = next(name for name, cl in layouts.items() if isinstance(table, cl))
            data[field] = {"layout": layout, **data[field]}
    return data


# --------------------------------------------------------------------------- files


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
            raise _InputError(f"the key {key!r} appears twice in the same object")
        result[key] = value
    return result


def loads(text: str | bytes, *, format: str = "yaml", source: str = "<input>") -> Report:  # noqa: A002
    """Read a report from YAML (``format="yaml"``) or JSON text."""
    if isinstance(text, bytes):
        text = _decode(text, source)
    elif text.startswith("\ufeff"):
        text = text[1:]
    positions: dict[str, tuple[int, int]] = {}
    if format == "json":
        try:
            data = json.loads(text, parse_float=Decimal, object_pairs_hook=_json_pairs, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise ReportLoadError(
                [LoadProblem("$", f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno)], source
            ) from None
        except (_InputError, RecursionError) as exc:
            message = str(exc) if isinstance(exc, _InputError) else "the JSON is nested too deeply"
            raise ReportLoadError([LoadProblem("$", message)], source) from None
    elif format == "yaml":
        try:
            data, positions = _yamlreader.read_yaml(text)
        except _yamlreader.YamlReadError as exc:
            raise ReportLoadError([LoadProblem(exc.path, exc.message, exc.line, exc.column)], source) from None
        except RecursionError:
            raise ReportLoadError([LoadProblem("$", "the YAML is nested too deeply")], source) from None
    else:
        raise ValueError(f"unknown input format {format!r}; expected 'yaml' or 'json'")
    return from_data(data, positions=positions, source=source)


def _no_constant(name: str) -> object:
    raise _InputError(f"{name} is not a number a report can hold")


def load(path: str | Path) -> Report:
    """Read a report file: ``.json`` as JSON, anything else as YAML."""
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
    return loads(raw, format="json" if path.suffix.lower() == ".json" else "yaml", source=source)


# --------------------------------------------------------------------------- JSON out


_DECIMAL_MARK = "\x00govdisclosure-decimal:"
_DECIMAL_PLACEHOLDER = re.compile(r'"\\u0000govdisclosure-decimal:(\d+)\\u0000"')


def dumps_json(report: Report) -> str:
    """Canonical JSON of a report: stable key order, UTF-8, exact amounts, one line and a newline.

    Amounts are written as JSON numbers with the digits of their Decimal, not through a float:
    the C encoder writes a placeholder for each, which is then replaced by the exact text.
    """
    decimals: list[str] = []

    def exact(value: object) -> str:
        if isinstance(value, Decimal):
            decimals.append(str(value))
            return f"{_DECIMAL_MARK}{len(decimals) - 1}\x00"
        raise TypeError(f"{type(value).__name__} is not JSON")

    text = json.dumps({"schema_version": SCHEMA_VERSION, **to_data(report)}, ensure_ascii=False, default=exact)
    if decimals:
        text = _DECIMAL_PLACEHOLDER.sub(lambda match: decimals[int(match.group(1))], text)
    return text + "\n"


# --------------------------------------------------------------------------- YAML out


class _Dumper(yaml.SafeDumper):
    """Writes YAML that :mod:`govdisclosure._yamlreader` reads back to the same values.

    It shares the reader's scalar rules, so text that would read as a number, a date or
    null (``010000``, ``1e3``, ``null``) is quoted.
    """

    yaml_implicit_resolvers = _yamlreader.implicit_resolvers()


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = str(value)
    tag = "tag:yaml.org,2002:int" if text.lstrip("-").isdigit() else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if set(value) & _LINE_BREAKS_OF_YAML:
        style = '"'  # YAML reads these as line breaks unless they are escaped
    elif "\n" in value and value == value.strip():
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LINE_BREAKS_OF_YAML = {"\r", "\x85", "\u2028", "\u2029", "\ufeff"}
_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)


def dumps_yaml(report: Report) -> str:
    """The report as YAML in the authoring format (what :func:`loads` reads back as equal)."""
    data = {"schema_version": SCHEMA_VERSION, **to_data(report)}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)


# --------------------------------------------------------------------------- JSON Schema

_SCALAR_SCHEMAS: dict[Any, dict[str, Any]] = {
    int: {"type": "integer", "minimum": 0, "maximum": _checks.LARGEST},
    str: {"type": ["string", "integer"]},
    bool: {"type": "boolean"},
    Decimal: {
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": _checks.LARGEST},
            {"type": "string", "pattern": r"^\s*[0-9][0-9,]*(\.[0-9]+)?\s*$"},
        ]
    },
    dt.date: {"type": "string", "description": "2012-03-02 or 二〇一二年三月二日"},
}
_FIELD_SCHEMAS: dict[tuple[type, str], dict[str, Any]] = {
    (Report, "year"): {"type": "integer", "minimum": _checks.FIRST_YEAR, "maximum": _checks.LAST_YEAR},
    (Agency, "name"): {"type": ["string", "integer"], "pattern": r"\S"},
    (ItemCounts, "change"): {
        "anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^[+-]?[0-9]+$"}, {"type": "null"}]
    },
    (FeeItems, "change"): {
        "anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^[+-]?[0-9]+$"}, {"type": "null"}]
    },
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report file."""
    return copy.deepcopy(_json_schema())


@functools.cache
def _json_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}

    def ref(cl: type) -> dict[str, Any]:
        name = cl.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = object_schema(cl)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(cl: type, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cl)
        properties: dict[str, Any] = dict(extra or {})
        required = []
        for field in attrs.fields(cl):
            field_schema = _FIELD_SCHEMAS.get((cl, field.name)) or type_schema(hints[field.name])
            doc = _field_doc(cl, field.name)
            if doc and "$ref" not in field_schema:
                field_schema = {**field_schema, "description": doc}
            properties[field.name] = field_schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        if cl.__doc__:
            schema["description"] = cl.__doc__.strip().splitlines()[0]
        return schema

    def layout_union(layouts: dict[str, type]) -> dict[str, Any]:
        options = []
        for cl in dict.fromkeys(layouts.values()):
            names = [name for name, c in layouts.items() if c is cl]
            options.append(object_schema(cl, {"layout": {"enum": names}}))
        return {"anyOf": [*options, {"type": "null"}]}

    def type_schema(tp: Any) -> dict[str, Any]:
        if tp == Proactive | None:
            return layout_union(PROACTIVE_LAYOUTS)
        if tp == Appeals | None:
            return layout_union(APPEALS_LAYOUTS)
        if tp == Block:
            return {"anyOf": [{"type": "string"}, ref(ItemList), ref(Paragraph)]}
        origin = typing.get_origin(tp)
        if origin in (types.UnionType, typing.Union):
            return {"anyOf": [type_schema(arg) for arg in typing.get_args(tp)]}
        if tp is type(None):
            return {"type": "null"}
        if origin is tuple:
            return {"type": "array", "items": type_schema(typing.get_args(tp)[0])}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if tp in _SCALAR_SCHEMAS:
            return _SCALAR_SCHEMAS[tp]
        if attrs.has(tp):
            return ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a model change without a schema

    root = object_schema(
        Report,
        {
            "$schema": {"type": "string"},
            "schema_version": {"const": SCHEMA_VERSION},
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://govdisclosure.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "政府信息公开工作年度报告 (govdisclosure report)",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _field_doc(cl: type, name: str) -> str | None:
    """The attribute docstring of a model field, read from the source (for editor hints)."""
    return _attribute_docs(cl).get(name)


def _attribute_docs(cl: type) -> dict[str, str]:
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cl)))
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node, following in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = " ".join(following.value.value.split())
    return docs
