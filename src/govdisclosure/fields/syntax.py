"""The field syntax of prose: a tiny parser, nothing that can execute.

A paragraph is literal text with fields in braces::

    全年共受理政府信息公开申请{requests.received.total}件
    其中不予公开{requests.withheld}件，占{pct(requests.withheld, requests.outcomes_total, 2)}%
    {{ and }} print a literal brace

A field is a *path* (dotted names of the report's fields, ``[3]`` for the fourth item of
a list, ``[complaints_12365]`` for the item whose ``key`` is that word) or a *call* of one
of the functions in :data:`FUNCTIONS` on paths (``pct`` takes a number of decimals as its
last argument).  Names are lower-case words: no ``_private``, no ``__dunder__``, no
methods, no operators, no nesting.  Anything else is a :class:`FieldSyntaxError`; the text
is never evaluated.
"""

from __future__ import annotations

import functools

import attrs

from govdisclosure._patterns import lazy

__all__ = [
    "FUNCTIONS",
    "MAX_FIELDS",
    "MAX_FIELD_CHARS",
    "Call",
    "Expression",
    "Field",
    "FieldSyntaxError",
    "Path",
    "Piece",
    "has_braces",
    "parse_expression",
    "parse_text",
    "unparse",
]

MAX_FIELDS = 200
"""The most fields one paragraph may hold."""
MAX_FIELD_CHARS = 300
"""The longest a field (between its braces) may be."""

FUNCTIONS: dict[str, tuple[int, int]] = {
    "sum": (2, 50),
    "pct": (3, 3),
    "diff": (1, 1),
}
"""The functions a field may call, with the least and most arguments each takes."""

_TOKEN = lazy(r"\s*(?:(?P<name>[a-z][a-z0-9_]*)|(?P<int>\d{1,4})|(?P<punct>[.\[\](),]))")
_MAX_DECIMALS = 6


class FieldSyntaxError(ValueError):
    """A field that is not written in the field syntax; the message is for a clerk."""


@attrs.frozen
class Path:
    """A dotted path into the report: each step a field name, or ``[index]`` / ``[key]`` into a list."""

    steps: tuple[str | int, ...]

    def __str__(self) -> str:
        out = ""
        for step in self.steps:
            if isinstance(step, int):
                out += f"[{step}]"
            elif step.startswith("["):
                out += step
            else:
                out += f".{step}" if out else step
        return out


@attrs.frozen
class Call:
    """``name(arg, …)``: one of :data:`FUNCTIONS` on paths (and ``pct``'s decimals)."""

    name: str
    args: tuple[Path | int, ...]

    def __str__(self) -> str:
        return f"{self.name}({', '.join(str(arg) for arg in self.args)})"


Expression = Path | Call


@attrs.frozen
class Field:
    """A field in a text: its expression and the text between its braces, as written."""

    expression: Expression
    source: str


Piece = str | Field
"""A piece of a parsed text: literal text (braces unescaped) or a field."""


def has_braces(text: str) -> bool:
    """Whether ``text`` holds a field or an escaped brace (anything the parser must see)."""
    return "{" in text or "}" in text


@functools.lru_cache(maxsize=4096)
def parse_text(text: str) -> tuple[Piece, ...]:
    """Split ``text`` into literal pieces and fields.  Raises :class:`FieldSyntaxError`.

    Cached: a report's paragraphs are parsed again at every validation and render, and the
    pieces are immutable."""
    pieces: list[Piece] = []
    literal: list[str] = []
    index, count, length = 0, 0, len(text)
    while index < length:
        char = text[index]
        if char in "{}" and text.startswith(char * 2, index):
            literal.append(char)
            index += 2
        elif char == "}":
            raise FieldSyntaxError(f"a }} at character {index + 1} closes no field; write }}}} for a literal brace")
        elif char == "{":
            end = text.find("}", index + 1)
            inner = text[index + 1 : end] if end != -1 else ""
            if end == -1 or "{" in inner:
                raise FieldSyntaxError(
                    f"the {{ at character {index + 1} opens a field that is not closed before the next {{ "
                    "or the end; fields do not nest; write {{ for a literal brace"
                )
            count += 1
            if count > MAX_FIELDS:
                raise FieldSyntaxError(f"more than {MAX_FIELDS} fields in one text")
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(Field(parse_expression(inner), inner))
            index = end + 1
        else:
            next_brace = min((p for p in (text.find("{", index), text.find("}", index)) if p != -1), default=length)
            literal.append(text[index:next_brace])
            index = next_brace
    if literal:
        pieces.append("".join(literal))
    return tuple(pieces)


def unparse(pieces: tuple[Piece, ...]) -> str:
    """The text of ``pieces`` in the field syntax (literal braces escaped again)."""
    out = []
    for piece in pieces:
        if isinstance(piece, Field):
            out.append("{" + str(piece.expression) + "}")
        else:
            out.append(piece.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def parse_expression(source: str) -> Expression:
    """Parse the text between a field's braces.  Raises :class:`FieldSyntaxError`."""
    shown = source if len(source) <= 40 else source[:40] + "…"
    if len(source) > MAX_FIELD_CHARS:
        raise FieldSyntaxError(f"the field {{{shown}}} is longer than {MAX_FIELD_CHARS} characters")
    tokens = _tokens(source, shown)
    if not tokens:
        raise FieldSyntaxError("an empty field {}; write {{}} for literal braces")
    parser = _Parser(tokens, shown)
    expression = parser.expression()
    if parser.position != len(tokens):
        raise FieldSyntaxError(f"the field {{{shown}}} has text after its end: {tokens[parser.position][1]!r}")
    return expression


def _tokens(source: str, shown: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    stripped = source.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            bad = stripped[position:].lstrip()[:1]
            raise FieldSyntaxError(
                f"the field {{{shown}}} holds {bad!r}: a field is a path of lower-case names "
                f"(requests.received.total) or one of {', '.join(FUNCTIONS)}(…)"
            )
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent over the tokens of one field (paths and one level of calls)."""

    def __init__(self, tokens: list[tuple[str, str]], shown: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.shown = shown

    def error(self, what: str) -> FieldSyntaxError:
        return FieldSyntaxError(f"the field {{{self.shown}}}: {what}")

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> str:
        token = self.peek()
        if token is None or token[0] != kind or (text is not None and token[1] != text):
            expected = repr(text) if text else {"name": "a name", "int": "a number"}.get(kind, kind)
            found = repr(token[1]) if token else "the end"
            raise self.error(f"expected {expected}, found {found}")
        self.position += 1
        return token[1]

    def expression(self) -> Expression:
        name = self.take("name")
        if self.peek() == ("punct", "("):
            return self.call(name)
        return self.path(name)

    def call(self, name: str) -> Call:
        if name not in FUNCTIONS:
            raise self.error(f"{name}() is not a function; the functions are {', '.join(FUNCTIONS)}")
        self.take("punct", "(")
        args: list[Path | int] = []
        while True:
            token = self.peek()
            if token is not None and token[0] == "int":
                args.append(int(self.take("int")))
            else:
                args.append(self.path(self.take("name")))
            if self.peek() == ("punct", ","):
                self.take("punct", ",")
                continue
            self.take("punct", ")")
            break
        least, most = FUNCTIONS[name]
        if not least <= len(args) <= most:
            count = str(least) if least == most else f"{least} to {most}"
            raise self.error(f"{name}() takes {count} arguments, not {len(args)}")
        self.check_numbers(name, args)
        return Call(name, tuple(args))

    def check_numbers(self, name: str, args: list[Path | int]) -> None:
        for index, arg in enumerate(args):
            decimals = name == "pct" and index == 2
            if decimals and not (isinstance(arg, int) and 0 <= arg <= _MAX_DECIMALS):
                raise self.error(f"pct()'s last argument is the number of decimals, 0 to {_MAX_DECIMALS}")
            if not decimals and isinstance(arg, int):
                raise self.error(f"{name}() takes paths of the report, not the number {arg}")

    def path(self, first: str) -> Path:
        steps: list[str | int] = [first]
        while (token := self.peek()) is not None and token[0] == "punct" and token[1] in ".[":
            if self.take("punct") == ".":
                steps.append(self.take("name"))
                continue
            token = self.peek()
            if token is not None and token[0] == "int":
                steps.append(int(self.take("int")))
            else:
                steps.append(f"[{self.take('name')}]")
            self.take("punct", "]")
        return Path(tuple(steps))
