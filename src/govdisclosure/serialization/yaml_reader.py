"""A strict, safe YAML reader that remembers where each value stands in the file.

Used by :mod:`govdisclosure.serialization` and the acknowledgement files.  Compared with ``yaml.safe_load``:

- scalars follow the YAML 1.2 core rules, so ``no`` stays text and ``010000`` (a
  postcode) stays text instead of becoming the octal number 4096;
- decimal numbers become :class:`decimal.Decimal` exactly as written (96171.6, not a float);
- a key written twice in one mapping is an error, not a silent overwrite;
- aliases are expanded under a budget of values and of characters, so a "billion laughs" file,
  or a long text repeated through aliases, is refused;
- every value's path (``$.requests.received.total``) is mapped to its line and column.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from govdisclosure._patterns import lazy
from govdisclosure._yaml import yaml
from govdisclosure.serialization.limits import number_problem

__all__ = ["KEY_SUFFIX", "MAX_EXPANDED_CHARS", "MAX_NODES", "YamlReadError", "implicit_resolvers", "read_yaml"]

KEY_SUFFIX = "#key"
"""``positions[path + KEY_SUFFIX]`` is where the key of the value at ``path`` stands."""

MAX_NODES = 200_000
"""More values than any real report holds (a large one has a few thousand)."""

MAX_EXPANDED_CHARS = 64_000_000
"""More text than any report holds once aliases are expanded (a file itself is at most 20 MB)."""

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012  (PyYAML's own class-level table)


_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_DATE = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_Loader.add_implicit_resolver(_NULL, lazy(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(_BOOL, lazy(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, lazy(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    lazy(
        r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+"
        r"|[-+]?(?:0|[1-9][0-9_]*)\.[0-9_]*"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Loader.add_implicit_resolver(_DATE, lazy(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), list("0123456789"))


def implicit_resolvers() -> dict[Any, Any]:
    """The scalar rules of this reader, for a writer that must agree with it."""
    return {first: list(rules) for first, rules in _Loader.yaml_implicit_resolvers.items()}


class YamlReadError(Exception):
    """A problem with the YAML text itself, with its position (1-based)."""

    def __init__(self, message: str, path: str = "$", line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag in (_INT, _FLOAT):
        problem = number_problem(value)
        if problem:
            raise YamlReadError(problem)
    if tag == _INT:
        return int(value.replace("_", ""))
    if tag == _FLOAT:
        lowered = value.lower().lstrip("+")
        if lowered in {".inf", "-.inf", ".nan"}:
            return Decimal({".inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}[lowered])
        try:
            return Decimal(value.replace("_", ""))
        except InvalidOperation:
            return value
    if tag == _DATE:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    raise YamlReadError(f"the YAML tag {tag!r} is not supported here; write plain values")


def _parse(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        raise YamlReadError(
            f"YAML syntax error: {problem}{context}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Plain data from the node tree, with every value's position, within a budget of values and text.

    Aliases make one node stand in many places; the budgets count every place, so a file
    whose aliases would expand to millions of values or gigabytes of text is refused.
    """

    def __init__(self) -> None:
        self.positions: dict[str, tuple[int, int]] = {}
        self.nodes_left = MAX_NODES
        self.chars_left = MAX_EXPANDED_CHARS

    def build(self, node: yaml.Node, path: str) -> Any:
        self.nodes_left -= 1
        if self.nodes_left < 0:
            raise YamlReadError(
                f"the file expands to more than {MAX_NODES:,} values (YAML aliases repeated many times?); "
                "a report is far smaller",
                path,
                *_where(node),
            )
        self.positions.setdefault(path, _where(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise YamlReadError(f"the YAML tag {node.tag!r} is not supported here", path, _where(node)[0])
            return [self.build(item, f"{path}[{index}]") for index, item in enumerate(node.value)]
        self.chars_left -= len(node.value)
        if self.chars_left < 0:
            raise YamlReadError(
                f"the file expands to more than {MAX_EXPANDED_CHARS // 1_000_000} million characters of text "
                "(YAML aliases repeating a long text?); a report is far smaller",
                path,
                *_where(node),
            )
        try:
            return _scalar(node)  # type: ignore[arg-type]
        except YamlReadError as exc:
            raise YamlReadError(exc.message, path, *_where(node)) from None

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise YamlReadError(f"the YAML tag {node.tag!r} is not supported here", path, _where(node)[0])
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlReadError("a key must be a plain word, not a list or mapping", path, _where(key_node)[0])
            key = _scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key == "<<":
                raise YamlReadError(
                    "YAML merge keys (<<) are not supported; write the keys out", path, *_where(key_node)
                )
            if key in result:
                raise YamlReadError(
                    f"the key {key!r} appears twice in the same mapping; "
                    f"the first is on line {self.positions[f'{path}.{key}'][0]}",
                    f"{path}.{key}",
                    *_where(key_node),
                )
            self.positions[f"{path}.{key}{KEY_SUFFIX}"] = _where(key_node)
            result[key] = self.build(value_node, f"{path}.{key}")
        return result


def read_yaml(text: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    """Parse one YAML document into plain data and a map from path to (line, column)."""
    root = _parse(text)
    builder = _Builder()
    if root is None:
        return None, builder.positions
    return builder.build(root, "$"), builder.positions
