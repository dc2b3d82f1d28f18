"""The one cattrs converter: plain data (what YAML and JSON parse to) to a report and back.

:func:`from_data` collects every problem of a file and raises them together as
:class:`~govdisclosure.serialization.errors.ReportLoadError`; :func:`to_data` gives the
plain data the writers and the JSON exporter use.  Which table class a section holds
follows the report's edition (its spec says which layouts it prints); a table of
another edition's layout says so with a ``layout`` key.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from govdisclosure import fields
from govdisclosure.editions import registered, spec_for
from govdisclosure.model import (
    Agency,
    ApplicantCounts,
    Edition,
    FeeItems,
    ItemCounts,
    ItemList,
    OtherHandling,
    Paragraph,
    Report,
    _checks,
)
from govdisclosure.model.report import Appeals, Proactive
from govdisclosure.model.text import Block
from govdisclosure.serialization import values
from govdisclosure.serialization.errors import InputError, LoadProblem, ReportLoadError, collect
from govdisclosure.serialization.yaml_reader import KEY_SUFFIX

__all__ = ["SCHEMA_VERSION", "converter", "from_data", "layouts", "to_data"]

SCHEMA_VERSION = 1
"""The version of the input and JSON format.  It changes only when old files would be misread."""

#: The report fields whose class depends on the layout, with the spec attribute that names it.
LAYOUT_FIELDS = {"proactive": "proactive_layout", "appeals": "appeals_layout"}


def layouts(field: str) -> dict[str, type]:
    """The layouts the table ``field`` may follow, named after the edition that defines each."""
    attribute = LAYOUT_FIELDS[field]
    return {spec.edition.value: getattr(spec, attribute) for spec in registered()}


_APPLICANT_KEYS = frozenset(a.name for a in attrs.fields(ApplicantCounts))


def _mapping(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(f"expected a mapping (key: value entries), got {_checks.describe(value)}")
    return value


def _layout_hook(field: str) -> Callable[[object, type], object]:
    def structure(value: object, _: type) -> object:
        data = dict(_mapping(value))
        known = layouts(field)
        layout = data.pop("layout", Edition.NATIONAL_2021.value)
        if layout not in known:
            error = InputError(f"expected a layout among {', '.join(known)}; got {_checks.describe(layout)}")
            error.__notes__ = [AttributeValidationNote("layout", "layout", str)]
            raise ClassValidationError("layout", [error], dict)
        return converter.structure(data, known[layout])

    return structure


def _structure_block(value: object, _: type) -> Block:
    if isinstance(value, str):
        return Paragraph(values.structure_str(value, str))
    if not isinstance(value, Mapping):
        raise InputError(f"expected a paragraph (text) or a list (items: [...]), got {_checks.describe(value)}")
    data = value
    if "items" in data:
        return converter.structure(data, ItemList)
    if "text" in data:
        extra = sorted(str(key) for key in data if key not in ("text", "printed"))
        if extra:
            raise InputError(f"a paragraph has the keys text and printed, not {', '.join(extra)}")
        # ``printed`` is what govdisclosure wrote; the fields are resolved again from ``text``.
        return Paragraph(values.structure_str(data["text"], str))
    raise InputError("expected a paragraph (text) or a list (a mapping with items: [...])")


def _unstructure_paragraph(paragraph: Paragraph) -> str | dict[str, str]:
    """A paragraph without fields is its text; one with fields keeps both its writing and its printed text."""
    if paragraph.source is None:
        return paragraph.text
    return {"text": paragraph.source, "printed": paragraph.text}


def _structure_other_handling(value: object, _: type) -> OtherHandling | ApplicantCounts:
    data = _mapping(value)
    if _APPLICANT_KEYS & set(data):
        return converter.structure(data, ApplicantCounts)
    return converter.structure(data, OtherHandling)


# --------------------------------------------------------------------------- the converter


def _tuple_hook(conv: cattrs.Converter, tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
    """A list of items: every item's problem is collected with its index, then raised together."""
    item_type = typing.get_args(tp)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise InputError(f"expected a list (lines starting with -), got {_checks.describe(value)}")
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


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(int, values.structure_count)
    conv.register_structure_hook(str, values.structure_str)
    conv.register_structure_hook(bool, values.structure_bool)
    conv.register_structure_hook(Decimal, values.structure_decimal)
    conv.register_structure_hook(dt.date, values.structure_date)
    conv.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), values.choice_hook)
    conv.register_structure_hook(Edition, values.choice_hook(Edition))
    conv.register_structure_hook(Block, _structure_block)
    conv.register_structure_hook(Proactive | None, _optional(_layout_hook("proactive")))
    conv.register_structure_hook(Appeals | None, _optional(_layout_hook("appeals")))
    conv.register_structure_hook(OtherHandling | ApplicantCounts, _structure_other_handling)

    conv.register_structure_hook_factory(_is_homogeneous_tuple, functools.partial(_tuple_hook, conv))

    overrides: dict[type, dict[str, Any]] = {
        Report: {"year": override(struct_hook=values.structure_year)},
        Agency: {"name": override(struct_hook=values.structure_name)},
        ItemCounts: {"change": override(struct_hook=_optional(values.structure_signed))},
        FeeItems: {"change": override(struct_hook=_optional(values.structure_signed))},
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
    conv.register_unstructure_hook(Paragraph, _unstructure_paragraph)
    conv.register_unstructure_hook(Edition, lambda e: e.value)
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
        edition = Edition(data.get("edition"))
        spec_for(edition)
    except (ValueError, LookupError):
        return None
    return edition


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
        for field in LAYOUT_FIELDS:
            table = data.get(field)
            if isinstance(table, Mapping) and "layout" not in table:
                data[field] = {**table, "layout": edition.value}
    return data, problems


def from_data(
    data: object,
    *,
    positions: Mapping[str, tuple[int, int]] | None = None,
    source: str = "<input>",
    previous: Report | None = None,
) -> Report:
    """Build a report from plain data (what YAML or JSON parse to), its fields resolved.

    ``previous`` is last year's report, for the fields that compare with it (``diff``).
    Raises :class:`ReportLoadError` listing every problem found.
    """
    prepared, problems = _prepare(data)
    report: Report | None = None
    try:
        report = converter.structure(prepared, Report)
    except (ClassValidationError, IterableValidationError, InputError) as exc:
        collect(exc, "$", problems)
    if report is not None:
        report = _settle_layouts(report, prepared)
        report, unresolved = fields.resolve_collect(report, previous)
        problems.extend((problem.path, problem.message) for problem in unresolved)
    if problems:
        positions = positions or {}
        found = [
            LoadProblem(path.removesuffix(KEY_SUFFIX), message, *_position(path, positions))
            for path, message in problems
        ]
        found.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
        raise ReportLoadError(found, source)
    assert report is not None
    return report


def _position(path: str, positions: Mapping[str, tuple[int, int]]) -> tuple[int | None, int | None]:
    """The line of the value at ``path``, or of its nearest parent that is in the file."""
    if path in positions:
        return positions[path]
    path = path.removesuffix(KEY_SUFFIX)
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
        spec_for(report.edition).single_other_handling
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
    spec = spec_for(report.edition)
    for field, attribute in LAYOUT_FIELDS.items():
        table = getattr(report, field)
        if table is not None and not isinstance(table, getattr(spec, attribute)):
            layout = next(name for name, cl in layouts(field).items() if isinstance(table, cl))
            data[field] = {"layout": layout, **data[field]}
    return data
