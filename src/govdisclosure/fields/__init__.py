"""Fields in prose: figures written once, in the tables, and referred to from the text.

A paragraph may say ``全年共受理政府信息公开申请{requests.received.total}件``; every exporter
prints the resolved figure.  The pieces:

- :mod:`.syntax`: the field syntax and its parser (nothing is ever evaluated as code);
- :mod:`.evaluate`: a field's value (paths over the model's fields, ``sum``, ``pct``, ``diff``);
- :mod:`.resolve`: :func:`resolve`, the one place where fields become printed text;
- :mod:`.targets` and :mod:`.binding`: :func:`bind`, which rewrites the figures of an existing
  report's prose as fields and lists those it could not bind.

See docs/fields.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govdisclosure.fields.evaluate import FieldValueError, evaluate, format_number
from govdisclosure.fields.resolve import (
    FieldProblem,
    FieldsError,
    as_written,
    for_printing,
    map_paragraphs,
    printed,
    resolve,
    resolve_collect,
    unbind,
    written,
)
from govdisclosure.fields.syntax import FUNCTIONS, MAX_FIELD_CHARS, MAX_FIELDS, FieldSyntaxError, parse_text

if TYPE_CHECKING:
    from govdisclosure.fields.binding import Binding, Bound, Unbound, bind
    from govdisclosure.fields.targets import Target, targets

__all__ = [
    "FUNCTIONS",
    "MAX_FIELDS",
    "MAX_FIELD_CHARS",
    "Binding",
    "Bound",
    "FieldProblem",
    "FieldSyntaxError",
    "FieldValueError",
    "FieldsError",
    "Target",
    "Unbound",
    "as_written",
    "bind",
    "evaluate",
    "for_printing",
    "format_number",
    "map_paragraphs",
    "parse_text",
    "printed",
    "resolve",
    "resolve_collect",
    "targets",
    "unbind",
    "written",
]

#: Binding is for ``govdisclosure bind``: loaded when first asked for, not by every load.
_LAZY = {
    "Binding": "binding",
    "Bound": "binding",
    "Unbound": "binding",
    "bind": "binding",
    "Target": "targets",
    "targets": "targets",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"govdisclosure.fields.{_LAZY[name]}")
        globals().update({each: getattr(module, each) for each, where in _LAZY.items() if where == _LAZY[name]})
        return globals()[name]
    raise AttributeError(f"module 'govdisclosure.fields' has no attribute {name!r}")
