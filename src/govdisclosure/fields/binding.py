"""``bind``: rewrite the figures a report's prose states as fields of its tables.

For each figure with a unit (``3119件``, ``375条``, ``100%``) :func:`bind` looks at the words
before it in its sentence and after it in its clause, finds the values of the report those
words name (:mod:`govdisclosure.fields.targets`), and, when one of them prints exactly as the
figure, writes the figure as that field.  The printed text stays byte for byte the same.  A
figure it cannot bind is listed; when its words name a value that differs, it says which, since
that figure disagrees with the table.
"""

from __future__ import annotations

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.fields.evaluate import FieldValueError, evaluate, format_number
from govdisclosure.fields.resolve import map_paragraphs, printed, resolve_collect, written
from govdisclosure.fields.syntax import Field, FieldSyntaxError, Piece, parse_expression, parse_text, unparse
from govdisclosure.fields.targets import Target, targets
from govdisclosure.model import Paragraph, Report

__all__ = ["Binding", "Bound", "Unbound", "bind"]

_UNITS = "件|条|个|次|篇|场|期|项|批次|批|元|万元|人次|家|%|％|份|起|宗|例"
_FIGURE = lazy(rf"(?<![\d.A-Za-z\-_/:：第])\d+(?:\.\d+)?(?=(?:{_UNITS}))")
_SENTENCE_END = "。；;！？!?\n"
_CLAUSE_END = "，、：；。（）,:;()"
_CLOSED_PARENTHESIS = lazy(r"（[^（）]*）|\([^()]*\)")
_FAR = 10_000
_NEAR = 12
"""The most characters between a word before a figure and the figure, for the word to name it."""


@attrs.frozen
class Bound:
    """A figure written as a field: where, the figure, and its field."""

    path: str
    figure: str
    field: str


@attrs.frozen
class Unbound:
    """A figure left as it is, with its words before it and why.

    ``named`` and ``value`` say which value of the report its words name, when they name one:
    the figure disagrees with it (``value`` is ``None`` when that value is blank).
    """

    path: str
    figure: str
    context: str
    named: str | None = None
    value: str | None = None

    @property
    def disagrees(self) -> bool:
        return self.named is not None


@attrs.frozen
class Binding:
    """What :func:`bind` did: the bound report, and each figure it bound or left."""

    report: Report
    bound: tuple[Bound, ...]
    unbound: tuple[Unbound, ...]


@attrs.frozen
class _Context:
    before: str
    """The sentence before the figure, without the parentheses closed before it."""
    local: int
    """Where the figure's own clause starts in ``before``."""
    after: str
    """The figure's clause after it (its unit and what follows, to the next punctuation)."""


def _context(text: str, start: int, end: int, *, whole_sentence: bool = False) -> _Context:
    """The figure's context; with ``whole_sentence`` its words after it run to the end of the sentence."""
    sentence = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    before = text[sentence:start]
    while (stripped := _CLOSED_PARENTHESIS.sub("", before)) != before:
        before = stripped
    local = max(before.rfind(mark) for mark in _CLAUSE_END) + 1
    marks = _SENTENCE_END if whole_sentence else _CLAUSE_END
    stop = min((p for p in (text.find(mark, end) for mark in marks) if p != -1), default=len(text))
    return _Context(before, local, text[end:stop])


def _distance(words: tuple[str, ...], context: _Context) -> tuple[int, int] | None:
    """How near the figure the nearest word of ``words`` stands, if all stand in its context.

    The second number adds up how far every word stands, so that of "予以公开66件，占46.5%，部分公开12件，
    占8.5%" the words 部分公开 and 占 name the second percentage, not 予以公开 and 占.
    """
    nearest, spread = _FAR, 0
    for word in words:
        at = context.before.rfind(word)
        after = context.after.find(word)
        if at == -1 and after == -1:
            return None
        gap = len(context.before) - at - len(word) if at != -1 else _FAR
        if at >= context.local and gap <= _NEAR:
            nearest = min(nearest, gap)
        if after != -1:
            nearest = min(nearest, after + 1)
        spread += min(gap, after + 1 if after != -1 else _FAR)
    return (nearest, spread) if nearest < _FAR else None


class _Values:
    """The targets' values, each worked out once."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.cache: dict[str, str | None] = {}

    def __call__(self, target: Target) -> str | None:
        if target.field not in self.cache:
            try:
                value: str | None = format_number(evaluate(parse_expression(target.field), self.report))
            except FieldValueError:
                value = None
            self.cache[target.field] = value
        return self.cache[target.field]


def _choose(
    figure: str, context: _Context, candidates: list[Target], values: _Values
) -> tuple[Target | None, Target | None]:
    """The target the figure is bound to, else the nearest one its words name (which disagrees)."""
    ranked: list[tuple[int, int, int, int, Target]] = []
    for order, target in enumerate(candidates):
        distances = [d for words in target.keywords if (d := _distance(words, context)) is not None]
        if distances:
            nearest, spread = min(distances)
            specific = max(len(words) for words in target.keywords)
            ranked.append((nearest, -specific, spread, order, target))
    ranked.sort(key=lambda item: item[:4])
    for *_, target in ranked:
        if values(target) == figure:
            return target, None
    return None, ranked[0][4] if ranked else None


def _spans(pieces: tuple[Piece, ...], report: Report, previous: Report | None) -> tuple[str, list[tuple[int, Piece]]]:
    """The printed text of ``pieces``, and where each piece starts in it."""
    printed: list[str] = []
    spans: list[tuple[int, Piece]] = []
    offset = 0
    for piece in pieces:
        text = piece if isinstance(piece, str) else format_number(evaluate(piece.expression, report, previous))
        spans.append((offset, piece))
        printed.append(text)
        offset += len(text)
    return "".join(printed), spans


def _bind_text(
    path: str, paragraph: Paragraph, candidates: list[Target], values: _Values, previous: Report | None
) -> tuple[str, list[Bound], list[Unbound]]:
    whole, spans = _spans(parse_text(written(paragraph)), values.report, previous)
    out: list[Piece] = []
    bound: list[Bound] = []
    unbound: list[Unbound] = []
    for offset, piece in spans:
        if not isinstance(piece, str):
            out.append(piece)
            continue
        cursor = 0
        for match in _FIGURE.finditer(piece):
            figure = match.group()
            start, end = offset + match.start(), offset + match.end()
            context = _context(whole, start, end)
            chosen, named = _choose(figure, context, candidates, values)
            if chosen is None:
                # Its clause names no equal value ("另有8件因受理…，结转至下年度"): read the rest of its sentence.
                chosen, _ = _choose(figure, _context(whole, start, end, whole_sentence=True), candidates, values)
            if chosen is None:
                value = values(named) if named is not None else None
                unbound.append(Unbound(path, figure, context.before[-24:], named.field if named else None, value))
                continue
            out += [piece[cursor : match.start()], Field(parse_expression(chosen.field), chosen.field)]
            bound.append(Bound(path, figure, chosen.field))
            cursor = match.end()
        out.append(piece[cursor:])
    return unparse(tuple(p for p in out if p != "")), bound, unbound


def bind(report: Report, previous: Report | None = None) -> Binding:
    """Bind the figures of ``report``'s prose to its values.

    The bound report prints exactly as ``report``; its paragraphs keep the figures as fields.
    A paragraph whose own fields cannot be resolved is left as it is; ``previous`` is last
    year's report, for the ``diff`` fields it may have already.
    """
    report, _ = resolve_collect(report, previous)
    candidates = targets(report)
    values = _Values(report)
    bound: list[Bound] = []
    unbound: list[Unbound] = []

    def bind_one(path: str, paragraph: Paragraph) -> Paragraph:
        try:
            source, found, left = _bind_text(path, paragraph, candidates, values, previous)
        except (FieldSyntaxError, FieldValueError):
            return paragraph  # a paragraph whose fields do not resolve is left for check to report
        if (
            found and printed(source, report, previous) != paragraph.text
        ):  # pragma: no cover - a bug, never a changed text
            raise AssertionError(f"bind would change the printed text of {path}")
        bound.extend(found)
        unbound.extend(left)
        if not found:
            return paragraph
        return Paragraph(paragraph.text, source)

    result = map_paragraphs(report, bind_one)
    return Binding(result, tuple(bound), tuple(unbound))
