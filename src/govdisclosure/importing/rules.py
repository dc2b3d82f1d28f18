"""The import rule set: what the importer noticed, as findings of ``validate``.

Registered as the built-in plugin ``govdisclosure-import`` through the same
``register_rules`` hook as every rule set.  The rules read the import record attached
to the report (:func:`~.record.record_of`): the one made by an import in this process, or
the ``<name>.import.json`` the ``import`` command wrote beside the report file, which the
command line attaches when it loads the file.  A report typed by hand has no record, and
these rules find nothing in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure.hookspecs import hookimpl
from govdisclosure.importing.record import Note, record_of
from govdisclosure.validation.findings import Issue, Severity, Status
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register_rules"]

SOURCE = "govdisclosure import record (docs/import.md)"


def _issues(ctx: Context, *kinds: str) -> Iterator[Issue]:
    record = record_of(ctx.report)
    if record is None:
        return
    for note in record.notes:
        if note.kind in kinds:
            yield _issue(note)


def _issue(note: Note) -> Issue:
    where = f"（{note.where}）" if note.where else ""
    status = Status.UNDETERMINED if note.kind in ("doubtful", "guess") else Status.FAILED
    return Issue((note.path,), note.message + where, note.message_en, status=status)


def printed_labels(ctx: Context) -> Iterator[Issue]:
    return _issues(ctx, "label")


def doubtful(ctx: Context) -> Iterator[Issue]:
    return _issues(ctx, "doubtful", "unit")


def unplaced(ctx: Context) -> Iterator[Issue]:
    return _issues(ctx, "unplaced")


def repeated(ctx: Context) -> Iterator[Issue]:
    return _issues(ctx, "repeated", "guess", "blank")


@hookimpl
def register_rules(registry: RuleRegistry) -> None:
    registry.rule(
        "IMP-LABEL",
        Severity.WARNING,
        title="A printed table label differs from the official one",
        title_zh="表格标签与规定不一致",
        description="The imported page prints a row or column label in other words than the official template "
        "(a typo, a missing word or number). The cell was placed by the label it matched; the wording should be "
        "corrected.",
        source=SOURCE,
    )(printed_labels)
    registry.rule(
        "IMP-DOUBT",
        Severity.WARNING,
        title="A placement the importer is not sure of",
        title_zh="导入时对位存疑",
        description="A header merged over the wrong columns, a unit printed in a number cell, a publisher or date "
        "that disagrees with the report, tables in another edition's layout: the import went on and says what to "
        "check.",
        source=SOURCE,
    )(doubtful)
    registry.rule(
        "IMP-UNPLACED",
        Severity.WARNING,
        title="Content of the published file that has no place in the report",
        title_zh="发布文件中有未导入的内容",
        description="A table that is none of the official tables (an old-style statistics table, say) or a cell "
        "outside the official grid. It was not imported; nothing was guessed from it.",
        source=SOURCE,
    )(unplaced)
    registry.rule(
        "IMP-NOTE",
        Severity.INFO,
        title="How the importer read the published file",
        title_zh="导入说明",
        description="Facts inferred rather than printed (the agency from the title, a section by its place), "
        "blank marks read as blank, one label printed in two cells.",
        source=SOURCE,
    )(repeated)
