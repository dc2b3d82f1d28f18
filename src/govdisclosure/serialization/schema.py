"""The JSON Schema (draft 2020-12) of a report file, generated from the model, for editors and other languages."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import itertools
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure.model import Agency, Edition, FeeItems, ItemCounts, ItemList, Paragraph, Report, _checks
from govdisclosure.model.report import Appeals, Proactive
from govdisclosure.model.text import Block
from govdisclosure.serialization.converter import SCHEMA_VERSION, layouts

__all__ = ["json_schema"]

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
    """The JSON Schema (draft 2020-12) of a report file, for the editions registered now."""
    editions = tuple(edition.value for edition in Edition)
    return copy.deepcopy(_json_schema(editions))


@functools.cache
def _json_schema(editions: tuple[str, ...]) -> dict[str, Any]:
    """Built once for each set of registered editions (``editions`` is the cache key)."""
    builder = _SchemaBuilder()
    root = builder.object_schema(Report, {"$schema": {"type": "string"}, "schema_version": {"const": SCHEMA_VERSION}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://govdisclosure.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "政府信息公开工作年度报告 (govdisclosure report)",
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


class _SchemaBuilder:
    """The schema of each model class, with the classes met on the way under ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cl: type) -> dict[str, Any]:
        name = cl.__name__
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = self.object_schema(cl)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cl: type, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cl)
        properties: dict[str, Any] = dict(extra or {})
        required = []
        for field in attrs.fields(cl):
            field_schema = _FIELD_SCHEMAS.get((cl, field.name)) or self.type_schema(hints[field.name])
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

    def paragraph(self) -> dict[str, Any]:
        """A paragraph as a mapping: its text (with fields, if any) and, in written JSON, the printed text."""
        if "Paragraph" not in self.defs:
            self.defs["Paragraph"] = {
                "type": "object",
                "description": (Paragraph.__doc__ or "").strip().splitlines()[0],
                "properties": {
                    "text": {
                        "type": "string",
                        "description": "The paragraph, with its fields ({requests.received.total}).",
                    },
                    "printed": {
                        "type": "string",
                        "description": "The text as printed (written by govdisclosure; ignored when read).",
                    },
                },
                "required": ["text"],
                "additionalProperties": False,
            }
        return {"$ref": "#/$defs/Paragraph"}

    def layout_union(self, known: dict[str, type]) -> dict[str, Any]:
        options = []
        for cl in dict.fromkeys(known.values()):
            names = [name for name, c in known.items() if c is cl]
            options.append(self.object_schema(cl, {"layout": {"enum": names}}))
        return {"anyOf": [*options, {"type": "null"}]}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        if tp == Proactive | None:
            return self.layout_union(layouts("proactive"))
        if tp == Appeals | None:
            return self.layout_union(layouts("appeals"))
        if tp == Block:
            return {"anyOf": [{"type": "string"}, self.ref(ItemList), self.paragraph()]}
        origin = typing.get_origin(tp)
        if origin in (types.UnionType, typing.Union):
            return {"anyOf": [self.type_schema(arg) for arg in typing.get_args(tp)]}
        if tp is type(None):
            return {"type": "null"}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(typing.get_args(tp)[0])}
        if tp is Edition or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
            return {"enum": [member.value for member in tp]}
        if tp in _SCALAR_SCHEMAS:
            return _SCALAR_SCHEMAS[tp]
        if attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a model change without a schema


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
