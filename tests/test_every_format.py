"""Every valid report renders in every format, and the file reads back with the same numbers.

Generated reports of every edition, ordinary and extreme: every cell blank, counts up to 10^15,
10,000-character paragraphs, hundreds of channels, CJK Extension B, emoji in names, full- and
half-width punctuation mixed.  Each built-in exporter and the example plugin must produce a file
that its reader opens (the JSON loader, an HTML parser, python-docx, openpyxl, pypdf) with the
numbers of the report in their cells.  A PDF refusing a character no font has is a correct outcome.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import attrs
import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import model as m
from govdisclosure.layout import format_value, grid_positions, outline, tables
from tests.docxtables import matrix, text_of
from tests.htmltables import parse_tables
from tests.strategies import reports

RARE = "𠀀𠀁𪚥𠮷"  # CJK Extension B
EMOJI = "😀🏛️"
MIXED = '全角，半角,混排；“引号”"quotes"（括号）(brackets)——……'


@st.composite
def extreme(draw: st.DrawFn) -> m.Report:
    report = draw(reports())
    choice = draw(st.sampled_from(["long", "rare", "emoji", "channels", "blank", "huge"]))
    if choice == "long":
        return attrs.evolve(report, preamble=(m.Paragraph(("公开透明" + MIXED) * 400),))
    if choice == "rare":
        return attrs.evolve(report, title=f"{report.year}年报告{RARE}", preamble=(m.Paragraph(RARE + MIXED),))
    if choice == "emoji":
        return attrs.evolve(report, agency=m.Agency(f"示例局{EMOJI}"))
    if choice == "channels":
        channels = tuple(m.Channel(f"渠道{i}", m.ChannelKind.OTHER, i) for i in range(300))
        return attrs.evolve(report, proactive=m.LegacyProactive(sum(range(300)), channels))
    if choice == "blank":
        return attrs.evolve(report, requests=m.RequestTable(), appeals=m.AppealsTable(), proactive=m.ProactiveTable())
    big = m.ApplicantCounts(*([10**15] * 7))
    return attrs.evolve(report, requests=m.RequestTable(received=big, outcomes_total=big))


cases = st.one_of(reports(), extreme())
# No shrinking phase: a failure is reported as found, and CI stays within its minutes.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _value(report: m.Report, path: str) -> Any:
    value: Any = report
    for part in path.split("."):
        value = getattr(value, part)
    return value


@SETTINGS
@given(cases)
def test_json_and_html(report: m.Report) -> None:
    assert govdisclosure.loads(govdisclosure.render(report, "json"), format="json") == report
    for profile in ("standalone", "fragment"):
        parsed = parse_tables(govdisclosure.render(report, "html", profile=profile).decode("utf-8"))
        for grid in tables(report):
            cells = [c for row in parsed[grid.key] for c in row if c.tag == "td"]
            assert [(c.attrs["data-path"], c.text) for c in cells] == [
                (cell.path, format_value(_value(report, cell.path)))
                for cell in grid.data_cells()  # type: ignore[arg-type]
            ]


@SETTINGS
@given(cases)
def test_docx_and_xlsx(report: m.Report) -> None:
    document = docx.Document(io.BytesIO(govdisclosure.render(report, "docx")))
    workbook = openpyxl.load_workbook(io.BytesIO(govdisclosure.render(report, "xlsx")))
    keys = [grid.key for grid in tables(report)]  # the workbook's sheet order
    printed = [entry.table for entry in outline(report) if entry.table is not None]  # the document's order
    assert len(document.tables) == len(printed) == len(keys)
    for table, grid in zip(document.tables, printed, strict=True):
        positions = grid_positions(grid)
        found = matrix(table)
        sheet = workbook.worksheets[1 + keys.index(grid.key)]
        for r, row in enumerate(positions):
            for c, cell in enumerate(row):
                if (
                    cell is None
                    or cell.path is None
                    or (c and row[c - 1] is cell)
                    or (r and positions[r - 1][c] is cell)
                ):
                    continue
                assert text_of(found[r][c]) == cell.text, cell.path
                found_value = sheet.cell(row=r + 1, column=c + 1).value
                if isinstance(cell.value, Decimal):  # Excel keeps doubles: 15 significant digits
                    assert found_value == pytest.approx(float(cell.value), rel=1e-14, abs=0), cell.path
                else:
                    assert found_value == cell.value, cell.path
    texts = "".join(p.text for p in document.paragraphs)
    assert report.agency.name in texts


@settings(
    max_examples=6,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases)
def test_pdf(report: m.Report) -> None:
    from govdisclosure.exporters.pdf_exporter import MissingGlyphError
    from govdisclosure.verify import rows_not_shown, table_rows

    try:
        data = govdisclosure.render(report, "pdf")
    except govdisclosure.ExportError as exc:
        if not isinstance(exc.__cause__, MissingGlyphError):  # the only acceptable refusal
            raise
        return
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    visible = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Row by row in the text when the numbers fit their columns (up to 7 digits in Table 3's and 4's
    # narrow columns: 10 million applications); wider ones overrun their cells and the text order mixes.
    if all(len(cell.text) <= 7 for grid in tables(report) for cell in grid.data_cells() if grid.key != "proactive"):
        assert rows_not_shown(visible, table_rows(report)) == []
    assert reader.attachments["govdisclosure-report.json"][0] == govdisclosure.dumps_json(report).encode()


def test_the_extremes_are_generated() -> None:
    """The strategy really produces what the module says (a strategy that never did would test nothing)."""
    seen: set[str] = set()

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(extreme())
    def collect(report: m.Report) -> None:
        if any(len(b.text) > 9000 for b in report.preamble if isinstance(b, m.Paragraph)):
            seen.add("long")
        if RARE[0] in (report.title or ""):
            seen.add("rare")
        if EMOJI[0] in report.agency.name:
            seen.add("emoji")
        if isinstance(report.proactive, m.LegacyProactive) and len(report.proactive.channels) == 300:
            seen.add("channels")

    collect()
    assert seen == {"long", "rare", "emoji", "channels"}


pytestmark = pytest.mark.slow
