"""Reading a PDF's attached data without pypdf: only when the file is simple, else it says so (None)."""

from __future__ import annotations

import importlib.util
import io
import zlib

import pypdf
import pytest

import govdisclosure
from govdisclosure.exporters.pdf_attachment import plain_attachment
from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME, PdfExporter
from tests.helpers import EXAMPLES

NAME = "govdisclosure-report.json"
DATA = '{"year": 2024, "agency": "淮安市人民政府"}'.encode()


def _pdf(*objects: bytes) -> bytes:
    out = b"%PDF-1.7\n"
    for number, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    return out + b"trailer\n<</Root 1 0 R>>\n%%EOF\n"


def _stream(data: bytes, extra: bytes = b"/Filter/FlateDecode") -> bytes:
    packed = zlib.compress(data) if b"Flate" in extra else data
    return b"<</Length %d/Type/EmbeddedFile%s>>\nstream\n%s\nendstream" % (len(packed), extra, packed)


def _spec(name: str = NAME, target: int = 3) -> bytes:
    return b"<</Type/Filespec/F(%s)/UF(%s)/EF<</F %d 0 R/UF %d 0 R>>>>" % (
        name.encode(),
        name.encode(),
        target,
        target,
    )


def test_the_plain_attachment_is_read() -> None:
    assert plain_attachment(_pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA)), NAME) == DATA
    assert plain_attachment(_pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA, b"")), NAME) == DATA


def test_a_later_definition_of_the_stream_wins() -> None:
    first = _pdf(b"<</Type/Catalog>>", _spec(), _stream(b"old"))
    update = b"3 0 obj\n%s\nendobj\n" % _stream(DATA)
    assert plain_attachment(first + update, NAME) == DATA


@pytest.mark.parametrize(
    "content",
    [
        _pdf(b"<</Type/Catalog>>", _spec("other.json"), _stream(DATA)),  # no file of that name
        _pdf(_spec(), _spec(target=4), _stream(DATA), _stream(DATA)),  # two of that name: ambiguous
        _pdf(b"<</Type/Catalog>>", _spec(), b"<</Length 4 0 R/Type/EmbeddedFile>>\nstream\nabc\nendstream", b"3"),
        _pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA, b"/Filter/ASCIIHexDecode")),
        _pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA, b"/Filter[/FlateDecode]")),
        _pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA, b"/Filter/FlateDecode/DecodeParms<</Predictor 12>>")),
        _pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA).replace(b"stream\nx", b"stream\nX", 1)),  # bad zlib
        _pdf(b"<</Type/Catalog>>", _spec(), _stream(DATA).replace(b"\nendstream", b"\nXendstream")),  # bad length
        _pdf(b"<</Type/Catalog>>", _spec(target=9), _stream(DATA)),  # names an object that is not there
        _pdf(b"<</Type/Catalog>>", _spec(), b"<</Length 3>>\nstream\nabc\nendstream"),  # not an embedded file
    ],
)
def test_anything_less_simple_is_left_to_pypdf(content: bytes) -> None:
    assert plain_attachment(content, NAME) is None


def test_weasyprint_s_compressed_objects_are_left_to_pypdf_and_read_data_still_reads_them() -> None:
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    out = io.BytesIO()
    PdfExporter().export(report, out)
    pdf = out.getvalue()
    assert plain_attachment(pdf, ATTACHMENT_NAME) is None
    assert PdfExporter.read_data(pdf) == pypdf.PdfReader(io.BytesIO(pdf)).attachments[ATTACHMENT_NAME][0]


@pytest.mark.skipif(importlib.util.find_spec("govdisclosure_typst") is None, reason="the Typst plugin is not installed")
def test_typst_s_file_reads_plainly_as_pypdf_reads_it() -> None:
    from govdisclosure.rendering import render

    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    pdf = render(report, "pdf-typst")
    plain = plain_attachment(pdf, ATTACHMENT_NAME)
    assert plain is not None
    assert plain == pypdf.PdfReader(io.BytesIO(pdf)).attachments[ATTACHMENT_NAME][0]
    assert plain == govdisclosure.dumps_json(report).encode("utf-8")
