"""The contract kit catches an exporter that drops or shifts table cells, and passes a correct one."""

from __future__ import annotations

import csv
import io
from typing import BinaryIO, ClassVar

import pytest

from govdisclosure import Exporter, Report
from govdisclosure.layout import grid_positions, tables
from govdisclosure.model import Edition
from govdisclosure.testing import ExporterContract, marked_report, written_text


class _GoodCsv(Exporter):
    """Every table, every row at full width (grid_positions), merged cells' text in their first column."""

    name = "goodcsv"
    suffix = ".csv"
    media_type = "text/csv"

    def export(self, report: Report, out: BinaryIO) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([report.agency.name])
        for grid in tables(report):
            for cells in grid_positions(grid):
                writer.writerow(
                    ["" if cell is None or (c and cells[c - 1] is cell) else cell.text for c, cell in enumerate(cells)]
                )
        out.write(buffer.getvalue().encode("utf-8"))


class _ShiftingCsv(_GoodCsv):
    """The old tutorial's mistake: reads grid.rows, so a row under a merged label is shorter."""

    name = "shiftingcsv"

    def export(self, report: Report, out: BinaryIO) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for grid in tables(report):
            for row in grid.rows:
                writer.writerow([cell.text for cell in row])
        out.write(buffer.getvalue().encode("utf-8"))


class _DroppingCsv(_GoodCsv):
    """Loses the last number of every row (总计), as an off-by-one slice would."""

    name = "droppingcsv"

    def export(self, report: Report, out: BinaryIO) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for grid in tables(report):
            for cells in grid_positions(grid):
                writer.writerow([cell.text if cell is not None else "" for cell in cells[:-1]])
        out.write(buffer.getvalue().encode("utf-8"))


class _Reading(ExporterContract):
    def read_rows(self, data: bytes) -> list[list[str]]:
        return list(csv.reader(io.StringIO(data.decode("utf-8"))))


class TestGoodCsv(_Reading):
    exporter_class = _GoodCsv


class _ShiftingContract(_Reading):
    exporter_class = _ShiftingCsv


class _DroppingContract(_Reading):
    exporter_class = _DroppingCsv


def test_marked_report_gives_every_cell_its_own_number() -> None:
    for edition in (Edition.NATIONAL_2021, Edition.NATIONAL_2019_TRIAL):
        texts = [cell.text for grid in tables(marked_report(edition)) for cell in grid.data_cells()]
        assert len(texts) == len(set(texts)) > 100
        assert all(text.startswith("9") for text in texts)


def test_a_shifting_exporter_fails_the_contract() -> None:
    contract = _ShiftingContract()
    contract.test_writes_every_table_cell()  # every number is there ...
    with pytest.raises(AssertionError, match=r"dropped or shifted in its row"):
        contract.test_cells_stay_in_their_columns()  # ... but not where it belongs


def test_a_dropping_exporter_fails_the_contract() -> None:
    with pytest.raises(AssertionError, match=r"table cells not written, e\.g\. \['proactive\."):
        _DroppingContract().test_writes_every_table_cell()


def test_a_dropped_cell_is_caught_even_without_read_rows() -> None:
    class _TextOnly(ExporterContract):
        exporter_class = _DroppingCsv
        read_rows: ClassVar = ExporterContract.read_rows

    with pytest.raises(AssertionError, match="table cells not written"):
        _TextOnly().test_writes_every_table_cell()


def test_written_text_reads_the_xml_of_zip_parts() -> None:
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:t>90001</w:t><w:t>90002</w:t>")
    assert written_text(buffer.getvalue()).split() == ["90001", "90002"]
