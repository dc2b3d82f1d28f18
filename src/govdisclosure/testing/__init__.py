"""Helpers for plugin authors' tests: sample reports, the exporter contract, batch and fuzz inputs.

Run the contract against your exporter by subclassing it in a test module::

    from govdisclosure.testing import ExporterContract
    from my_plugin import MyExporter

    class TestMyExporter(ExporterContract):
        exporter_class = MyExporter

pytest collects the ``test_*`` methods; they need nothing but the standard library.

The contract fills every table cell of a sample report with a number of its own
(:func:`marked_report`) and checks that each one is written.  An exporter that writes a
grid (CSV, spreadsheet) also overrides :meth:`ExporterContract.read_rows`; the contract
then checks that every number stands in its own column and that the rows are even.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs

from govdisclosure import model as m
from govdisclosure.editions import EditionSpec, registered, spec_for
from govdisclosure.exporters import Availability, Exporter

__all__ = [
    "ExporterContract",
    "agency_copies",
    "check_loads",
    "marked_report",
    "mutate",
    "sample_report",
    "sample_reports",
    "written_text",
]


def agency_copies(source: str | Path, folder: str | Path, count: int) -> list[str]:
    """``count`` copies of the input file ``source`` in ``folder``, each of another agency (for batches).

    The copies are named ``<stem>-00.yaml``…; the agency's name is replaced by 「…第N局」.
    """
    from govdisclosure.serialization import load

    source, folder = Path(source), Path(folder)
    name = load(source).agency.name
    text = source.read_text(encoding="utf-8")
    names = []
    for index in range(count):
        path = folder / f"{source.stem}-{index:02d}{source.suffix}"
        path.write_text(text.replace(name, f"{name[:2]}第{index}局"), encoding="utf-8")
        names.append(str(path))
    return names


def mutate(data: bytes, edits: Iterable[tuple[int, int, int]]) -> bytes:
    """``data`` with byte-level edits (kind, position, value): 0 flips a byte, 1 cuts a run, 2 duplicates one."""
    out = bytearray(data)
    for kind, position, value in edits:
        if not out:
            break
        at = position % len(out)
        if kind == 0:
            out[at] = value
        elif kind == 1:
            del out[at : at + value % 64]
        else:
            out[at:at] = out[(at * 7) % len(out) : (at * 7) % len(out) + value % 64]
    return bytes(out)


def check_loads(data: bytes, fmt: str) -> None:
    """The loader's promise for any bytes: a report, or a ReportLoadError whose every problem has a path and a message.

    Raises :class:`AssertionError` when the promise is broken (any other exception escapes as it is).
    """
    from govdisclosure.serialization import ReportLoadError, loads

    problems: tuple[object, ...] = ()
    try:
        loads(data, format=fmt)
    except ReportLoadError as exc:
        problems = exc.problems
        if not problems:
            raise AssertionError("a ReportLoadError without problems") from exc
    for problem in problems:
        path, message = getattr(problem, "path", ""), getattr(problem, "message", "")
        if not (path.startswith("$") and message):
            raise AssertionError(f"a load problem without a path or a message: {problem!r}")


def _row(natural: int, business: int = 0, legal: int = 0) -> m.ApplicantCounts:
    return m.ApplicantCounts(natural, business, 0, 0, legal, 0, natural + business + legal)


def _national_requests(*, single_other_handling: bool) -> m.RequestTable:
    zero = _row(0)
    withheld = m.Withheld(*([zero] * 8))
    withheld = attrs.evolve(withheld, state_secret=_row(1), third_party_rights=_row(2, 1))
    cannot = m.CannotProvide(not_held=_row(9, 2), requires_creation=_row(1), unclear_after_correction=zero)
    not_processed = m.NotProcessed(*([zero] * 5))
    not_processed = attrs.evolve(not_processed, repeat_request=_row(2))
    other: m.OtherHandling | m.ApplicantCounts = (
        _row(1) if single_other_handling else m.OtherHandling(no_correction=_row(1), fee_unpaid=zero, other=zero)
    )
    table = m.RequestTable(
        received=_row(40, 6, 2),
        carried_over=_row(3),
        disclosed=_row(20, 2, 2),
        partially_disclosed=_row(5, 1),
        withheld=withheld,
        cannot_provide=cannot,
        not_processed=not_processed,
        other_handling=other,
        outcomes_total=zero,
        carried_forward=_row(2),
    )
    return attrs.evolve(table, outcomes_total=table.computed_outcomes_total)


def _sections(spec_keys: tuple[tuple[str, str], ...]) -> tuple[m.Section, ...]:
    sections = []
    for key, title in spec_keys:
        body: tuple[m.Block, ...] = (m.Paragraph(f"{title}：示例段落，用于检验导出格式。"),)
        subsections: tuple[m.Section, ...] = ()
        if key == "overview":
            subsections = tuple(
                m.Section(title=f"{topic}。", key=topic_key, run_in=True, body=(m.Paragraph(f"{topic}的示例。"),))
                for topic_key, topic in _OVERVIEW_TOPICS
            )
        if key == "other_matters":
            body = (m.Paragraph("本年度未收取信息处理费。"),)
        sections.append(m.Section(title=title, key=key, body=body, subsections=subsections))
    return tuple(sections)


_OVERVIEW_TOPICS = (
    ("proactive", "主动公开情况"),
    ("on_request", "依申请公开情况"),
    ("information_management", "政府信息管理情况"),
    ("platforms", "政府信息公开平台建设情况"),
    ("oversight", "监督保障情况"),
)


_NATIONAL_SECTIONS = (
    ("overview", "总体情况"),
    ("proactive", "主动公开政府信息情况"),
    ("requests", "收到和处理政府信息公开申请情况"),
    ("appeals", "政府信息公开行政复议、行政诉讼情况"),
    ("problems", "存在的主要问题及改进情况"),
    ("other_matters", "其他需要报告的事项"),
)


def sample_report(edition: m.Edition = m.Edition.NATIONAL_2021) -> m.Report:
    """A small, consistent report of ``edition``: every table filled, all six sections present.

    What is filled in follows the edition's spec (its years, its table layouts), so an
    edition a plugin adds gets a sample report too.
    """
    spec = spec_for(edition)
    agency = m.Agency("示例市示例局", kind=m.AgencyKind.DEPARTMENT, level=m.AgencyLevel.PREFECTURE)
    if not spec.tables:
        return _legacy_sample(edition, spec, agency)
    return _national_sample(edition, spec, agency)


def _legacy_sample(edition: m.Edition, spec: EditionSpec, agency: m.Agency) -> m.Report:
    year = min(max(2011, spec.years[0]), spec.years[1] or 2011)
    return m.Report(
        edition=edition,
        agency=agency,
        year=year,
        published_on=dt.date(year + 1, 3, 2),
        abbreviations=(m.Abbreviation("《条例》", "《中华人民共和国政府信息公开条例》"),),
        preamble=(
            m.Paragraph("《中华人民共和国政府信息公开条例》（以下简称《条例》）施行以来，我局认真贯彻《条例》。"),
        ),
        sections=(
            m.Section(
                "公开政府信息情况",
                subsections=(
                    m.Section(
                        "主动公开政府信息",
                        key="proactive",
                        body=(m.Paragraph("全年共发布各类信息30条，其中部门网站20条，新闻媒体10条。"),),
                    ),
                    m.Section(
                        "依申请公开政府信息情况",
                        key="on_request",
                        body=(m.ItemList(("受理机构：示例市示例局办公室", "地址：示例路1号")),),
                    ),
                    m.Section("政府信息公开的收费及减免情况", key="fees", body=(m.Paragraph("未收取任何费用。"),)),
                    m.Section(
                        "行政复议及行政诉讼情况",
                        key="appeals",
                        body=(m.Paragraph(f"{year}年，本局未发生因政府信息公开引起的行政复议和行政诉讼。"),),
                    ),
                ),
            ),
            m.Section("存在的问题及改进措施", key="problems", body=(m.Paragraph("一是公开还不够及时。"),)),
        ),
        proactive=m.LegacyProactive(
            30,
            (
                m.Channel("部门网站", m.ChannelKind.DEPARTMENT_WEBSITE, 20),
                m.Channel("新闻媒体", m.ChannelKind.NEWS_MEDIA, 10),
            ),
        ),
        appeals=m.LegacyAppeals(0, 0),
        problems=(m.Item(text="公开还不够及时"),),
    )


def _national_sample(edition: m.Edition, spec: EditionSpec, agency: m.Agency) -> m.Report:
    appeals = m.AppealsTable(
        review=m.AppealsGroup(2, 1, 0, 1, 4),
        litigation_direct=m.AppealsGroup(1, 0, 0, 0, 1),
        litigation_after_review=m.AppealsGroup(0, 0, 0, 1, 1),
    )
    proactive: m.ProactiveTable | m.TrialProactiveTable
    if spec.proactive_layout is m.TrialProactiveTable:
        items = m.ItemCounts(previous_items=20, change=-2, decisions=310)
        proactive = m.TrialProactiveTable(
            regulations=m.TrialDocumentCounts(0, 0, 0),
            normative_documents=m.TrialDocumentCounts(3, 3, 41),
            licensing=items,
            other_services=m.ItemCounts(5, 1, 12),
            penalties=m.ItemCounts(8, 0, 96),
            enforcement=m.ItemCounts(2, 0, 3),
            fees=m.FeeItems(4, -1),
            procurement=m.Procurement(6, Decimal("128.50"), "万元"),
        )
    else:
        proactive = m.ProactiveTable(
            regulations=m.DocumentCounts(0, 0, 0),
            normative_documents=m.DocumentCounts(3, 1, 41),
            licensing=m.DecisionCount(310),
            penalties=m.DecisionCount(96),
            enforcement=m.DecisionCount(3),
            fees=m.FeeAmount(Decimal("1236.85")),
        )
    first, last = spec.years
    year = min(max(2023, first), last) if last is not None else max(2023, first)
    return m.Report(
        edition=edition,
        agency=agency,
        year=year,
        published_on=dt.date(year + 1, 1, 20),
        sections=_sections(_NATIONAL_SECTIONS),
        proactive=proactive,
        requests=_national_requests(single_other_handling=spec.single_other_handling),
        appeals=appeals,
        problems=(m.Item(text="政策解读质量仍需提升"),),
        improvements=(m.Item(title="加强解读", text="提升解读的针对性和通俗化"),),
    )


def sample_reports() -> tuple[m.Report, ...]:
    """One sample report of every edition."""
    return tuple(sample_report(spec.edition) for spec in registered())


_MARK = 90001
"""The first marker number: five digits, so no year, date or count of the sample texts is taken for one."""


def _with(obj: Any, parts: list[str], value: object) -> Any:
    if not parts:
        return value
    return attrs.evolve(obj, **{parts[0]: _with(getattr(obj, parts[0]), parts[1:], value)})


def marked_report(edition: m.Edition = m.Edition.NATIONAL_2021) -> m.Report:
    """:func:`sample_report` with every table cell holding a number no other cell has (90001, 90002, …).

    Amounts get two decimals (``90007.25``).  A cell that is dropped, or written in another
    cell's place, shows at once.
    """
    from govdisclosure.layout import tables

    report = sample_report(edition)
    mark = _MARK
    for grid in tables(report):
        for cell in grid.data_cells():
            assert cell.path is not None
            value: object = Decimal(f"{mark}.25") if isinstance(cell.value, Decimal) else mark
            report = _with(report, cell.path.split("."), value)
            mark += 1
    return report


def written_text(data: bytes) -> str:
    """What a reader finds in an exported file: the text of a text format, the XML text of a
    zip-based one (DOCX, XLSX, ODF), the text layer of a PDF."""
    if data.startswith(b"%PDF"):
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".xml")]
        return re.sub(r"<[^>]+>", " ", " ".join(parts))
    return data.decode("utf-8", "replace")


def _numbers(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:\.\d+)?", text)


class ExporterContract:
    """What every exporter must do.  Subclass it with ``exporter_class`` set.

    ``options`` are passed to the constructor.  Set ``entry_point_name`` to the name
    your package registers in the ``govdisclosure`` entry-point group, and the
    contract also checks that govdisclosure finds your exporter through it.
    """

    exporter_class: ClassVar[type[Exporter]]
    options: ClassVar[Mapping[str, Any]] = {}
    entry_point_name: ClassVar[str | None] = None
    table_keys: ClassVar[tuple[str, ...] | None] = None
    """The statistical tables the format writes (``proactive``, ``requests``, ``appeals``); None: all."""

    def make(self) -> Exporter:
        return self.exporter_class(**self.options)

    def read_rows(self, data: bytes) -> Sequence[Sequence[str]] | None:
        """The exported tables as rows of cell texts, in order, for a format that writes a grid:
        every row as wide as the table, a merged cell's text in its first column.

        Override it (a CSV: ``list(csv.reader(io.StringIO(data.decode())))``) and the contract
        also checks that each number stands in its own column.  The default, None, checks only
        that every number is written.
        """
        return None

    def _grids(self, report: m.Report) -> list[Any]:
        from govdisclosure.layout import tables

        return [grid for grid in tables(report) if self.table_keys is None or grid.key in self.table_keys]

    def _export(self, report: m.Report) -> bytes:
        out = io.BytesIO()
        self.make().export(report, out)
        return out.getvalue()

    def test_writes_every_table_cell(self) -> None:
        for edition in m.Edition:
            report = marked_report(edition)
            written = set(_numbers(written_text(self._export(report))))
            missing = [
                f"{cell.path}={cell.text}" for grid in self._grids(report) for cell in grid.data_cells()
                if cell.text not in written
            ]  # fmt: skip
            assert not missing, f"{edition.value}: {len(missing)} table cells not written, e.g. {missing[:3]}"

    def test_cells_stay_in_their_columns(self) -> None:
        from govdisclosure.layout import grid_positions

        for edition in m.Edition:
            report = marked_report(edition)
            rows = self.read_rows(self._export(report))
            if rows is None:
                return
            found = {text: (r, c) for r, row in enumerate(rows) for c, text in enumerate(row) if text.strip()}
            for grid in self._grids(report):
                widths = set()
                for cells in grid_positions(grid)[grid.header_rows :]:
                    for column, cell in enumerate(cells):
                        if cell is None or cell.path is None or (column and cells[column - 1] is cell):
                            continue
                        where = found.get(cell.text)
                        assert where is not None, f"{edition.value}: {cell.path} ({cell.text}) is in no cell"
                        row = rows[where[0]]
                        widths.add(len(row))
                        from_right = grid.columns - 1 - column  # a merged cell's text in its first column
                        assert len(row) - 1 - where[1] == from_right, (
                            f"{edition.value}: {cell.path} ({cell.text}) is in column {where[1] + 1} of "
                            f"{len(row)}, not {len(row) - from_right} (a cell dropped or shifted in its row)"
                        )
                assert len(widths) <= 1, f"{edition.value}: the rows of {grid.key} differ in width: {sorted(widths)}"

    def test_identity_is_class_data(self) -> None:
        cls = self.exporter_class
        assert issubclass(cls, Exporter)
        assert re.fullmatch(r"[a-z][a-z0-9_-]*", cls.name), f"name {cls.name!r}: lower case letters, digits, - and _"
        assert re.fullmatch(r"\.[a-z0-9.]+", cls.suffix), f"suffix {cls.suffix!r}: a dot and lower case"
        assert re.fullmatch(r"[a-z]+/[a-zA-Z0-9.+-]+", cls.media_type), f"media type {cls.media_type!r}"

    def test_is_available_here(self) -> None:
        availability = self.exporter_class.availability()
        assert isinstance(availability, Availability)
        assert availability.available, f"{self.exporter_class.name} is unavailable: {availability.reason}"

    def test_exports_every_edition(self) -> None:
        for report in sample_reports():
            out = io.BytesIO()
            self.make().export(report, out)
            assert not out.closed, "export() must not close the stream"
            assert out.getvalue(), f"nothing written for {report.edition.value}"

    def test_same_report_gives_same_bytes(self) -> None:
        for report in sample_reports():
            first, second = io.BytesIO(), io.BytesIO()
            self.make().export(report, first)
            self.make().export(report, second)
            assert first.getvalue() == second.getvalue(), f"output differs between runs ({report.edition.value})"

    def test_found_through_its_entry_point(self) -> None:
        if self.entry_point_name is None:
            return
        from govdisclosure.plugins import get_plugin_manager

        plugins = get_plugin_manager()
        registered = plugins.exporter(self.exporter_class.name)
        assert registered is not None, f"no plugin registers {self.exporter_class.name!r}"
        assert registered.exporter is self.exporter_class
        assert registered.plugin == self.entry_point_name
