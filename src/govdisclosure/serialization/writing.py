"""Writing reports: canonical JSON (exact amounts, stable order) and YAML in the authoring format."""

from __future__ import annotations

import json
from decimal import Decimal

from govdisclosure import fields
from govdisclosure._patterns import lazy
from govdisclosure._yaml import yaml
from govdisclosure.model import Report
from govdisclosure.serialization.converter import SCHEMA_VERSION, to_data
from govdisclosure.serialization.yaml_reader import implicit_resolvers

__all__ = ["dumps_exact", "dumps_json", "dumps_yaml"]


_DECIMAL_MARK = "\x00govdisclosure-decimal:"
_DECIMAL_PLACEHOLDER = lazy(r'"\\u0000govdisclosure-decimal:(\d+)\\u0000"')


def dumps_exact(value: object, *, indent: int | None = None) -> str:
    """JSON of plain data, with every :class:`~decimal.Decimal` written exactly as its digits (never a float).

    The C encoder writes a placeholder for each Decimal, which is then replaced by the exact text.
    """
    decimals: list[str] = []

    def exact(item: object) -> str:
        if isinstance(item, Decimal):
            decimals.append(str(item))
            return f"{_DECIMAL_MARK}{len(decimals) - 1}\x00"
        raise TypeError(f"{type(item).__name__} is not JSON")

    text = json.dumps(value, ensure_ascii=False, default=exact, indent=indent)
    if decimals:
        text = _DECIMAL_PLACEHOLDER.sub(lambda match: decimals[int(match.group(1))], text)
    return text


def dumps_json(report: Report) -> str:
    """Canonical JSON of a report: stable key order, UTF-8, exact amounts, one line and a newline."""
    return dumps_exact({"schema_version": SCHEMA_VERSION, **to_data(report)}) + "\n"


class _Dumper(yaml.SafeDumper):
    """Writes YAML that :mod:`govdisclosure.serialization.yaml_reader` reads back to the same values.

    It shares the reader's scalar rules, so text that would read as a number, a date or
    null (``010000``, ``1e3``, ``null``) is quoted.
    """

    yaml_implicit_resolvers = implicit_resolvers()


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
    """The report as YAML in the authoring format (what :func:`loads` reads back as equal).

    A paragraph with fields is written as the clerk writes it: one string, with its fields.
    """
    data = {"schema_version": SCHEMA_VERSION, **to_data(fields.as_written(report))}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
