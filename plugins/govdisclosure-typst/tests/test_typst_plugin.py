"""govdisclosure-typst: the PDF read back as a reader, an archive and `govdisclosure verify` see it."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pypdf
import pytest
from govdisclosure_typst import MissingGlyphError, TypstPdfExporter

import govdisclosure
from govdisclosure import model as m
from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME, HASH_KEY
from govdisclosure.layout import tables
from govdisclosure.testing import ExporterContract, sample_report
from govdisclosure.verify import verify_file

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NAMES = ["huaian-city-2024", "harbin-qts-2011", "city-department-2023", "county-trial-2020"]
HOSTILE = (
    '#import "@preview/cetz:0.3.0": * #read("/etc/hostname") #sys.inputs $x^2$ [link] \\ @fig <label> '
    '// comment /* block */ #let x = 1 #eval("1+1") *bold* _emph_ `raw` = heading'
)


class TestTypstContract(ExporterContract):
    exporter_class = TypstPdfExporter
    entry_point_name = "typst"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("typst")
    return {
        name: govdisclosure.render_file(
            govdisclosure.load(EXAMPLES / f"{name}.yaml"), folder / f"{name}.pdf", "pdf-typst"
        )
        for name in NAMES
    }


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _shows(label: str, text: str) -> bool:
    """``label`` stands in ``text``; in a narrow column, which pdftotext reads interleaved with its
    neighbours' lines, its characters stand in order within a few lines' width."""
    if label in text:
        return True
    pattern = "".join(re.escape(char) + ".{0,24}?" for char in label[:-1]) + re.escape(label[-1])
    return re.search(pattern, text) is not None


def test_every_label_number_and_page_number(pdfs: dict[str, Path]) -> None:
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    flat = _flat(_run("pdftotext", str(pdfs["huaian-city-2024"]), "-"))
    labels = [cell for grid in tables(report) for row in grid.rows for cell in row if cell.path is None]
    assert len(labels) > 70
    for label in labels:  # a label the template breaks over lines is read back line by line
        for line in label.lines or (label.text,):
            assert _shows(_flat(line), flat), line
    for heading in ("一、总体情况", "六、其他需要报告的事项", "（一）主动公开情况。"):
        assert heading in flat
    numbers = re.sub(r"[ \t]+", " ", _run("pdftotext", "-layout", str(pdfs["huaian-city-2024"]), "-"))
    for grid in tables(report):
        for row in grid.rows:
            values = [cell.text for cell in row if cell.path is not None and cell.text]
            if values:
                assert re.search(r"\s+".join(re.escape(v) for v in values), numbers), values
    pages = len(pypdf.PdfReader(str(pdfs["huaian-city-2024"])).pages)
    for page in range(1, pages + 1):
        assert f"—{page}—" in flat


def test_headings_read_as_in_every_format(pdfs: dict[str, Path]) -> None:
    """Each heading as the layout gives it: run into its paragraph, it ends visibly ("。" added)."""
    from govdisclosure.layout import outline

    run_in_seen = 0
    for name, pdf in pdfs.items():
        flat = _flat(_run("pdftotext", str(pdf), "-"))
        for entry in outline(govdisclosure.load(EXAMPLES / f"{name}.yaml")):
            first = entry.body[0] if entry.body else None
            if entry.run_in and isinstance(first, m.Paragraph):
                run_in_seen += not entry.title.rstrip().endswith("。")
                assert _flat(entry.run_in_text + first.text[:12]) in flat, (name, entry.run_in_text)
            else:
                assert _flat(entry.number + entry.title) in flat, (name, entry.title)
    assert run_in_seen > 0, "an example has a run-in heading without its own closing mark"


_FULL_WIDTH_PUNCTUATION = "，。、；：！？“”‘’（）《》【】—…·"


def _lines(pdf: Path) -> list[str]:
    """Each printed line's text, page by page, top to bottom (words joined left to right)."""
    boxes = _run("pdftotext", "-bbox", str(pdf), "-")
    found = []
    for page in boxes.split("<page ")[1:]:
        rows: dict[int, list[tuple[float, str]]] = {}
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            rows.setdefault(round(float(y)), []).append((float(x), word))
        found += ["".join(word for _, word in sorted(row)) for _, row in sorted(rows.items())]
    return found


def test_the_body_keeps_to_28_characters_a_line(pdfs: dict[str, Path]) -> None:
    """GB/T 9704's grid: 28 characters on a line.  Justifying may spread a line, never squeeze a
    29th character in by narrowing punctuation (only two marks that meet close up, as GB allows)."""
    checked = 0
    for name, pdf in pdfs.items():
        for line in _lines(pdf):
            chinese = all("\u4e00" <= c <= "\u9fff" or c in _FULL_WIDTH_PUNCTUATION for c in line)
            if not chinese or len(line) < 20:
                continue
            checked += 1
            meeting = sum(
                a in _FULL_WIDTH_PUNCTUATION and b in _FULL_WIDTH_PUNCTUATION for a, b in itertools.pairwise(line)
            )
            assert len(line) <= 28 + meeting, (name, line)
    assert checked > 100


def test_a_long_address_breaks_inside_the_margins_and_reads_whole(tmp_path: Path) -> None:
    url = "https://www.lanxi.gov.cn/" + "abcdefghij" * 16 + "/index.html"
    token = "GDXX" + "0123456789" * 6  # a long file number: no address, no place to break either
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    first = report.sections[0]
    paragraph = m.Paragraph(f"详见网址{url}。编号{token}。第二行\n第三行，see\nalso。")
    changed = attrs.evolve(report, sections=(attrs.evolve(first, body=(paragraph, *first.body)), *report.sections[1:]))
    pdf = govdisclosure.render_file(changed, tmp_path / "long.pdf", "pdf-typst")
    boxes = _run("pdftotext", "-bbox", str(pdf), "-")
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    # The text block ends 26 mm from the right edge (521.8 pt); a closing mark hangs half a character.
    assert right <= 521.8 + 8.5, right
    lines = _lines(pdf)
    flat = "".join(lines)
    assert f"详见网址{url}。编号{token}。" in flat
    # A line break typed in the text is no line break on the page: between Chinese characters
    # nothing is left of it, elsewhere a space.
    assert any("第二行第三行，seealso。" in line.replace(" ", "") for line in lines)
    assert "see also" in _run("pdftotext", str(pdf), "-")
    assert verify_file(pdf).ok


def test_page_numbers_on_the_outer_side(pdfs: dict[str, Path]) -> None:
    boxes = _run("pdftotext", "-bbox", str(pdfs["huaian-city-2024"]), "-")
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))  # type: ignore[union-attr]
    for index, page in enumerate(boxes.split("<page ")[1:], start=1):
        folio = [float(x) for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', page) if "—" in word]
        assert folio, index
        assert (min(folio) > width / 2) if index % 2 else (max(folio) < width / 2), (index, folio)


def test_the_seed_reads_like_the_original(pdfs: dict[str, Path]) -> None:
    text = _flat(_run("pdftotext", str(pdfs["harbin-qts-2011"]), "-"))
    assert text.startswith("哈尔滨市质量技术监督局2011年度政府信息公开工作报告二〇一二年三月二日")
    assert "1.受理机构：哈尔滨市质监局政府信息公开办公室" in text
    assert "（三）创新模式，进一步探索公开方式方法。" in text


def test_faces_by_role_embedded_and_subset(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        lines = _run("pdffonts", str(pdf)).splitlines()[2:]
        faces = {line.split()[0].split("+")[1] for line in lines}
        assert {"NotoSerifCJKsc-Regular-Identity-H", "NotoSerifCJKsc-Bold-Identity-H"} <= faces, name
        if name != "harbin-qts-2011":
            assert "NotoSansCJKsc-Bold-Identity-H" in faces, name  # 一、 headings: 黑体, or Noto Sans bold
        for line in lines:
            emb, sub = line.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), line
        assert pdf.stat().st_size < 400_000, name


def test_archival_tagged_with_metadata_and_the_data_attached(pdfs: dict[str, Path]) -> None:
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    reader = pypdf.PdfReader(str(pdfs["huaian-city-2024"]))
    data = govdisclosure.dumps_json(report).encode("utf-8")
    assert reader.attachments[ATTACHMENT_NAME] == [data]
    info = reader.metadata
    assert info is not None
    assert info[f"/{HASH_KEY}"] == hashlib.sha256(data).hexdigest()
    assert (info.title, info.author) == ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府")
    assert info["/CreationDate"] == "D:20250101000000Z"  # 1 January after the year: the report has no date
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "zh-CN"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(=\"|>)3", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)B", xmp)
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in xmp
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.1)


def test_verify_accepts_the_file_and_catches_a_changed_number(pdfs: dict[str, Path], tmp_path: Path) -> None:
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    result = verify_file(pdfs["huaian-city-2024"], against=report)
    assert result.ok, result.checks
    assert result.kind == "pdf-typst"  # compared with what the Typst engine renders, not WeasyPrint
    assert any(
        check.startswith("the visible document is what its data renders to") and ok for check, ok in result.checks
    )
    assert result.report == report

    # A number changed in the data: the hash no longer holds.
    reader = pypdf.PdfReader(str(pdfs["huaian-city-2024"]))
    writer = pypdf.PdfWriter(clone_from=reader)
    original = reader.attachments[ATTACHMENT_NAME][0]
    del writer._root_object["/Names"]["/EmbeddedFiles"]  # type: ignore[index]
    writer.add_attachment(ATTACHMENT_NAME, original.replace(b'"total": 3119', b'"total": 3120'))
    (tmp_path / "data.pdf").write_bytes(_written(writer))
    failed = [check for check, passed in verify_file(tmp_path / "data.pdf").checks if not passed]
    assert any(check.startswith("the data has the SHA-256") for check in failed)

    # A number changed on the page, the original data and hash left in place.
    assert report.requests is not None
    received = attrs.evolve(report.requests.received, total=3100)
    edited = attrs.evolve(report, requests=attrs.evolve(report.requests, received=received))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(govdisclosure.render(edited, "pdf-typst"))))
    del writer._root_object["/Names"]["/EmbeddedFiles"]  # type: ignore[index]
    writer.add_attachment(ATTACHMENT_NAME, original)
    writer.add_metadata({f"/{HASH_KEY}": hashlib.sha256(original).hexdigest()})
    (tmp_path / "page.pdf").write_bytes(_written(writer))
    result = verify_file(tmp_path / "page.pdf")
    assert not result.ok
    (failed,) = [check for check, passed in result.checks if not passed]
    assert failed.startswith("the visible document is what its data renders to")
    assert "3100" in str(result.difference), result.difference
    from govdisclosure.cli import main

    assert main(["verify", str(tmp_path / "page.pdf")]) == 1


def _written(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_hostile_text_is_printed_as_text(tmp_path: Path) -> None:
    report = attrs.evolve(
        sample_report(),
        agency=m.Agency("示例局#sys.inputs.data"),
        preamble=(m.Paragraph(HOSTILE), m.ItemList((HOSTILE, ']) #panic("x") //')), m.Paragraph("\\")),
    )
    data = govdisclosure.render(report, "pdf-typst")
    text = _flat(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert _flat(HOSTILE) in text
    assert _flat(']) #panic("x") //') in text
    assert "示例局#sys.inputs.data" in text
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").exists() else ""
    if hostname and hostname not in HOSTILE:
        assert hostname not in text
    info = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert info is not None
    assert info.author == "示例局#sys.inputs.data"
    assert verify_file(_save(tmp_path / "hostile.pdf", data)).ok


def test_the_template_imports_and_reads_nothing() -> None:
    template = (Path(__file__).resolve().parents[1] / "src" / "govdisclosure_typst" / "report.typ").read_text(
        encoding="utf-8"
    )
    code = re.sub(r"//[^\n]*", "", template)  # comments may name what the code never does
    for call in ("#import", "#include", "read(", "image(", "plugin(", "eval(", "csv(", "yaml(", "xml(", "cbor("):
        assert call not in code, call
    assert code.count("json(") == 1  # the one data input: sys.inputs.report
    assert "json(bytes(sys.inputs.report))" in code


def _save(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_same_bytes_in_fresh_processes(tmp_path: Path) -> None:
    outputs = []
    for index in range(2):
        folder = tmp_path / str(index)
        result = subprocess.run(
            [sys.executable, "-m", "govdisclosure", "render", str(EXAMPLES / "huaian-city-2024.yaml"),
             "--to", "pdf-typst", "-o", str(folder)],
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append((folder / "huaian-city-2024.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == govdisclosure.render(govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"), "pdf-typst")


def test_a_character_without_a_glyph_stops_the_export(tmp_path: Path) -> None:
    report = attrs.evolve(sample_report(), agency=m.Agency("示例局😀"))
    with pytest.raises(govdisclosure.ExportError) as caught:
        govdisclosure.render(report, "pdf-typst")
    assert isinstance(caught.value.__cause__, MissingGlyphError)
    assert "U+1F600 '😀' at $.agency.name" in str(caught.value)
    from govdisclosure.cli import main

    source = tmp_path / "r.json"
    source.write_text(govdisclosure.dumps_json(report), encoding="utf-8")
    assert main(["render", str(source), "--to", "pdf-typst", "-o", str(tmp_path / "out")]) == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_a_character_the_body_face_lacks_is_drawn_by_another_face_of_the_pdf(tmp_path: Path) -> None:
    """The glyph check asks whether any face of the PDF has a character: every role must then be
    able to draw it (Typst refuses, in PDF/A, a character its list of faces cannot display)."""
    from govdisclosure_typst._fonts import _coverage, _faces, installed_stacks

    from govdisclosure.exporters.pdf_fonts import drawable_ranges

    body = installed_stacks()["body"][0]
    own = {
        c for file, index in _faces()[body.lower()] for a, b in drawable_ranges(file, index) for c in range(a, b + 1)
    }
    others = [
        chr(code)
        for start, end in ((0x100, 0x17F), (0x4E00, 0x9FFF))
        for code in range(start, end + 1)
        if code not in own and code in _coverage()
    ]
    if not others:
        pytest.skip(f"every character of the PDF's other faces is in {body}")
    rare = "".join(others[:2] + others[-2:])
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    first = report.sections[0]
    changed = attrs.evolve(
        report,
        agency=attrs.evolve(report.agency, name=f"澜溪县{rare}人民政府"),
        sections=(attrs.evolve(first, body=(m.Paragraph(f"本段含有{rare}等字。"), *first.body)), *report.sections[1:]),
    )
    pdf = govdisclosure.render_file(changed, tmp_path / "rare.pdf", "pdf-typst")
    flat = _flat(_run("pdftotext", str(pdf), "-"))
    assert f"澜溪县{rare}人民政府" in flat
    assert f"本段含有{rare}等字" in flat
    assert verify_file(pdf).ok


def _pages_with_table_3(data: bytes) -> list[str]:
    pages = [_flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    return [text for text in pages if "一、本年新收政府信息公开申请数量" in text or "四、结转下年度继续办理" in text]


def test_a_table_that_fits_a_page_is_kept_on_one() -> None:
    # Long prose before Table 3 leaves it less than a page where it would start: it moves whole.
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    long_text = tuple(m.Paragraph("本年度持续推进政务公开标准化规范化建设。" * 12) for _ in range(9))
    sections = tuple(
        attrs.evolve(section, body=section.body + long_text) if section.key == "proactive" else section
        for section in report.sections
    )
    data = govdisclosure.render(attrs.evolve(report, sections=sections), "pdf-typst", variant="none")
    with_table = _pages_with_table_3(data)
    assert len(with_table) == 1
    assert "一、本年新收政府信息公开申请数量" in with_table[0]
    assert "四、结转下年度继续办理" in with_table[0]


def test_a_table_longer_than_a_page_repeats_its_header_rows() -> None:
    # No official table outgrows a page with real figures, so the template is given Table 3 with
    # its body rows three times: it must break between rows and print the header rows again.
    import datetime as dt
    import json

    from govdisclosure_typst._document import document_data
    from govdisclosure_typst._engine import compile_pdf
    from govdisclosure_typst._fonts import installed_stacks

    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    document = json.loads(document_data(report, installed_stacks()))
    table = next(e["table"] for e in document["entries"] if e["table"] and e["table"]["key"] == "requests")
    head, body = table["rows"][: table["header_rows"]], table["rows"][table["header_rows"] :]
    table["rows"] = head + body * 3
    inputs = {"report": json.dumps(document, ensure_ascii=False), "data": "{}", "attachment": ATTACHMENT_NAME}
    data = compile_pdf(inputs, [], dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    with_table = _pages_with_table_3(data)
    assert len(with_table) >= 2
    for text in with_table:
        assert "申请人情况" in text
        assert "法人或其他组织" in text
        assert "商业企业" in text


def test_default_render_picks_one_engine_per_file_name(tmp_path: Path) -> None:
    from govdisclosure.cli import main
    from govdisclosure.rendering import formats

    assert {info.name for info in formats() if info.suffix == ".pdf"} == {"pdf", "pdf-typst"}
    assert main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-o", str(tmp_path), "--to", "json,pdf-typst"]) == 0
    assert pypdf.PdfReader(str(tmp_path / "harbin-qts-2011.pdf")).metadata.creator.startswith("Typst")  # type: ignore[union-attr]
    report = govdisclosure.load(EXAMPLES / "harbin-qts-2011.yaml")
    by_suffix = govdisclosure.render_file(report, tmp_path / "by-suffix.pdf")
    assert "Typst" not in (pypdf.PdfReader(str(by_suffix)).metadata.creator or "")  # type: ignore[union-attr]


def test_both_engines_in_one_render_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from govdisclosure.cli import main

    code = main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "--to", "pdf,pdf-typst", "-o", str(tmp_path)])
    assert code == 2
    error = capsys.readouterr().err
    assert "pdf" in error
    assert "pdf-typst" in error
    assert "govdisclosure-pdf" in error
    assert "typst" in error
    assert list(tmp_path.iterdir()) == []
    assert main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-o", str(tmp_path / "all")]) == 0
    written = sorted(path.suffix for path in (tmp_path / "all").iterdir())
    assert written.count(".pdf") == 1  # the default: one format per file name, the built-in pdf
    assert "Typst" not in (pypdf.PdfReader(str(tmp_path / "all" / "harbin-qts-2011.pdf")).metadata.creator or "")  # type: ignore[union-attr]


def test_a_batch_after_an_export_in_the_parent_does_not_hang(tmp_path: Path) -> None:
    # Typst's thread pool, started by a compile in this process, is not inherited by forked workers.
    code = (
        "import sys, govdisclosure\n"
        "from govdisclosure.cli import main\n"
        "from govdisclosure.testing import sample_report\n"
        "govdisclosure.render(sample_report(), 'pdf-typst')\n"
        "sys.exit(main(['render', *sys.argv[1:3], '--to', 'pdf-typst', '--jobs', '2', '-o', sys.argv[3]]))\n"
    )
    files = [str(EXAMPLES / "harbin-qts-2011.yaml"), str(EXAMPLES / "county-trial-2020.yaml")]
    result = subprocess.run(
        [sys.executable, "-c", code, *files, str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=180, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county-trial-2020.pdf", "harbin-qts-2011.pdf"]


def test_availability_says_why_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from govdisclosure_typst import _fonts

    assert TypstPdfExporter.availability().available
    monkeypatch.setattr(_fonts, "installed_stacks", dict)
    availability = TypstPdfExporter.availability()
    assert not availability.available
    assert "no Chinese font" in (availability.reason or "")
    assert availability.hint == "apt-get install fonts-noto-cjk"


def test_pages_render_to_pictures(pdfs: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdfs["huaian-city-2024"]), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("p*.png")
    assert png.stat().st_size > 5_000


def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, re.S)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert verify_file(tmp_path / "out" / "huaian.pdf").ok


def test_installed_alone_it_brings_what_verify_needs_to_read_its_files() -> None:
    import importlib.metadata

    required = {
        re.split(r"[<>=!~ ;\[]", line, maxsplit=1)[0].lower()
        for line in importlib.metadata.requires("govdisclosure-typst") or []
    }
    assert {"govdisclosure", "typst", "fonttools", "pypdf"} <= required


def test_the_benchmarks_raw_route_typesets_the_same_document(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """bench/typst_bench.py's typst-raw route is only a fair ceiling if it compiles the document this
    plugin compiles: the same pages with the same text, from the raw binding alone."""
    root = EXAMPLES.parent
    spec = importlib.util.spec_from_file_location("typst_bench", root / "bench" / "typst_bench.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    inputs = bench._raw_inputs([EXAMPLES / "huaian-city-2024.yaml"], tmp_path / "inputs.json")
    assert "govdisclosure" not in bench._RAW.replace("govdisclosure_typst", "")  # the raw route runs Typst alone
    bench._raw(inputs, tmp_path, 1)
    raw, ours = tmp_path / "000.pdf", pdfs["huaian-city-2024"]
    assert len(pypdf.PdfReader(raw).pages) == len(pypdf.PdfReader(ours).pages) >= 5
    assert _run("pdftotext", "-layout", str(raw), "-") == _run("pdftotext", "-layout", str(ours), "-")
