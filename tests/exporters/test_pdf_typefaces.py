"""The PDF as a clerk reads it: a face per role, the 28 × 22 grid, run-ins, signature, narrow headers."""

from __future__ import annotations

import collections
import io
import itertools
import re
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest

import govdisclosure
from govdisclosure.cli import main
from govdisclosure.exporters.pdf_exporter import CHARS_PER_LINE, PdfExporter
from govdisclosure.exporters.pdf_fonts import FontNotFoundError, choose_fonts, installed_face
from govdisclosure.rendering import RenderError, exporter_for, formats
from tests.helpers import EXAMPLES

NAMES = ["huaian-city-2024", "harbin-qts-2011", "county-trial-2020"]
KAI_FREE = ("AR PL UKai CN", "LXGW WenKai")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf-faces")
    return {
        name: govdisclosure.render_file(govdisclosure.load(EXAMPLES / f"{name}.yaml"), folder / f"{name}.pdf")
        for name in NAMES
    }


def _layout(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _ideographs(text: str) -> str:
    return "".join(c for c in text if unicodedata.name(c, "").startswith("CJK UNIFIED"))


def _faces_of(pdf: bytes, needles: dict[str, str]) -> dict[str, set[str]]:
    """For each needle, the fonts (BaseFont, subset tag removed) of the text pieces holding all its ideographs."""
    found: dict[str, set[str]] = {key: set() for key in needles}
    keys = {key: _ideographs(needle) for key, needle in needles.items()}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: object, tm: object, font: object, size: object) -> None:
            if not isinstance(font, dict):
                return
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            piece = _ideographs(text)
            for key, needle in keys.items():
                if needle in piece:
                    found[key].add(name)

        page.extract_text(visitor_text=visit)
    return found


def _line_pitches(pdf: Path, page: int) -> list[float]:
    ys: set[float] = set()

    def visit(text: str, cm: object, tm: list[float], font: object, size: object) -> None:
        if len(_ideographs(text)) >= 10:  # a line of running text
            ys.add(round(tm[5] * cm[3] + cm[5], 2))  # type: ignore[index]

    pypdf.PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    ordered = sorted(ys)
    return [b - a for a, b in itertools.pairwise(ordered)]


def _has_kai() -> bool:
    return any(installed_face(name) for name in KAI_FREE)


def test_each_role_is_drawn_in_its_own_face(huaian: govdisclosure.Report) -> None:
    faces = _faces_of(
        govdisclosure.render(huaian, "pdf"),
        {"title": "2024年政府信息公开工作年度报告", "h1": "一、总体情况", "runin": "（一）主动公开情况。"},
    )
    assert faces["title"] in ({"Noto-Serif-CJK-SC-Bold"}, {"Noto-Serif-CJK-SC-Black"})
    assert faces["h1"] == {"Noto-Sans-CJK-SC-Bold"}
    if _has_kai():
        assert faces["runin"]
        assert all(re.search(r"UKai|WenKai", face) for face in faces["runin"]), faces["runin"]
    else:
        assert faces["runin"] == {"Noto-Serif-CJK-SC"}
    every = set().union(*faces.values())
    assert "Noto-Serif-CJK-SC" not in faces["h1"] | faces["title"]  # headings never look like the body
    assert len(every) >= 3


def test_formats_says_which_face_each_role_got(capsys: pytest.CaptureFixture[str]) -> None:
    (pdf,) = [info for info in formats() if info.name == "pdf"]
    roles = dict(pdf.fonts)
    assert set(roles) == {"title 小标宋", "body 仿宋", "heading 黑体", "kai 楷体"}
    assert roles["heading 黑体"].startswith("Noto Sans CJK SC bold")
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "  pdf body 仿宋: Noto Serif CJK SC (free stand-in, installed)" in out
    if _has_kai():
        assert re.search(r"  pdf kai 楷体: (AR PL UKai CN|LXGW WenKai) \(free stand-in, installed\)", out)


def test_a_face_that_is_not_installed_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if installed_face("仿宋") is not None:
        pytest.skip("仿宋 is installed here")
    with pytest.raises(RenderError, match=r"body_font: no face named '仿宋' installed here; install it, or give"):
        exporter_for("pdf", body_font="仿宋")
    code = main(["render", str(EXAMPLES / "huaian-city-2024.yaml"), "--to", "pdf", "-O", "pdf.body_font=仿宋",
                 "-o", str(tmp_path / "out")])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "no face named '仿宋'" in err
    assert "Traceback" not in err
    assert "__init__" not in err
    assert not (tmp_path / "out").exists()


def test_an_installed_face_can_be_chosen_by_name(huaian: govdisclosure.Report) -> None:
    data = govdisclosure.render(huaian, "pdf", body_font="Noto Sans CJK SC", kai_font="Noto Serif CJK SC")
    faces = _faces_of(data, {"body": "我市坚持以习近平新时代中国特色社会主义思想", "runin": "（一）主动公开情况。"})
    assert faces["body"] == {"Noto-Sans-CJK-SC"}
    assert faces["runin"] == {"Noto-Serif-CJK-SC"}


@pytest.fixture(scope="module")
def licensed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A font folder holding a face named as the licensed 楷体_GB2312 (made from a free Kai face)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = next((face for face in map(installed_face, KAI_FREE) if face is not None), None)
    if source is None:
        pytest.skip("no free Kai face to make a test font from")
    font = TTFont(source.file, fontNumber=source.index)
    options = subset.Options()
    options.name_IDs, options.name_languages, options.notdef_outline = ["*"], ["*"], True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="（一）二三四五主动公开情况。依申请政府信息管理平台建设监督保障")
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "楷体_GB2312"
        elif record.nameID == 6:
            record.string = "KaiTi_GB2312"
    folder = tmp_path_factory.mktemp("licensed")
    (folder / "notes.txt").write_text("not a font", encoding="utf-8")
    font.save(str(folder / "simkai_gb2312.ttf"))
    return folder


def test_a_font_folder_supplies_the_licensed_face(licensed_folder: Path, huaian: govdisclosure.Report) -> None:
    chosen = choose_fonts({}, str(licensed_folder))
    assert chosen is not None
    assert (chosen.kai.family, chosen.kai.from_folder, chosen.kai.stand_in) == ("楷体_GB2312", True, False)
    assert chosen.body.stand_in  # the folder has no 仿宋: the free face stays
    for options in ({"font_dir": str(licensed_folder)}, {"font_dir": str(licensed_folder), "kai_font": "楷体_GB2312"}):
        data = govdisclosure.render(huaian, "pdf", **options)
        faces = _faces_of(data, {"runin": "（一）主动公开情况。"})
        assert faces["runin"] in ({"KaiTi_GB2312"}, {"楷体_GB2312"}), options


def test_a_font_folder_without_the_named_face_says_what_it_has(licensed_folder: Path) -> None:
    with pytest.raises(FontNotFoundError, match=r"no face named '仿宋_GB2312' in the font folder .* \(the folder has"):
        choose_fonts({"body": "仿宋_GB2312"}, str(licensed_folder))
    with pytest.raises(RenderError, match="is not a folder"):
        exporter_for("pdf", font_dir=str(licensed_folder / "missing"))


def _cjk_line_lengths(text: str) -> collections.Counter[int]:
    lengths: collections.Counter[int] = collections.Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and all(unicodedata.east_asian_width(c) in "WF" for c in stripped):
            lengths[len(stripped)] += 1
    return lengths


def test_28_characters_a_line(pdfs: dict[str, Path]) -> None:
    lengths = _cjk_line_lengths(_layout(pdfs["huaian-city-2024"]))
    assert max(lengths) == CHARS_PER_LINE == 28
    assert lengths.most_common(1)[0][0] == 28, lengths  # full lines are 28 characters, not 27


def test_22_lines_a_page(pdfs: dict[str, Path]) -> None:
    pitches = _line_pitches(pdfs["huaian-city-2024"], 2)  # a page of running text
    assert len(pitches) >= 15
    pitch = (297 - 37 - 35) / 25.4 * 72 / 22  # 225 mm, 22 lines
    assert all(abs(step - pitch) < 0.2 for step in pitches), pitches  # (a Kai run-in sits 0.2 pt lower)


def test_run_in_headings_end_visibly(pdfs: dict[str, Path]) -> None:
    text = re.sub(r"\s+", "", _layout(pdfs["county-trial-2020"]))
    assert "（一）主动公开情况。全年通过县政府门户网站" in text  # the title had no "。"
    huaian = re.sub(r"\s+", "", _layout(pdfs["huaian-city-2024"]))
    assert "（一）主动公开情况。2024年" in huaian  # it had one: not doubled
    assert "。。" not in huaian


def test_the_signature_stays_with_the_text(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["county-trial-2020"]
    pages = _layout(pdf).split("\f")
    (last,) = [page for page in pages if "二〇二一年三月二十六日" in page]
    lines = [line.strip() for line in last.splitlines() if line.strip() and "—" not in line]
    assert lines[-2:] == ["澜溪县人民政府", "二〇二一年三月二十六日"]
    assert len(lines) >= 4, lines  # the text's last lines came along: the date is not alone


def test_narrow_headers_break_between_words_and_the_unit_is_printed(pdfs: dict[str, Path]) -> None:
    raw = subprocess.run(
        ["pdftotext", str(pdfs["county-trial-2020"]), "-"], check=True, capture_output=True, text=True
    ).stdout
    for cut in ("不予公\n", "无法提\n", "结果维\n", "尚未审\n", "其他处\n", "度办\n", "本年\n度"):
        assert cut not in raw, cut
    flat = re.sub(r"\s+", "", raw)
    assert "采购总金额（单位：万元）" in flat
    assert "18736.52" in flat


def _width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text if not c.isspace())


def test_an_address_leaves_no_gap(pdfs: dict[str, Path]) -> None:
    for name in ("county-trial-2020", "harbin-qts-2011"):
        lines = [line for line in _layout(pdfs[name]).splitlines() if line.strip()]
        for line, following in itertools.pairwise(lines):
            if following.startswith("  ") or "—" in line:
                continue  # the last line of a paragraph, or a page number
            if re.search(r"www|http|@|\.example|\.gov", line + following):
                assert _width(line) >= 26, f"{name}: a short line before an address: {line.strip()!r}"


def test_exporter_options_are_listed() -> None:
    names = [option.name for option in PdfExporter.options()]
    assert names == ["variant", "title_font", "body_font", "heading_font", "kai_font", "font_dir"]


def _face_count(file: Path) -> range:
    head = file.read_bytes()[:12]
    return range(int.from_bytes(head[8:12], "big") if head[:4] == b"ttcf" else 1)


def test_the_character_map_reader_agrees_with_fonttools_on_every_installed_face() -> None:
    from fontTools.ttLib import TTFont

    from govdisclosure.exporters.pdf_fonts import drawable_ranges

    files = sorted(p for p in Path("/usr/share/fonts").rglob("*") if p.suffix.lower() in {".ttf", ".ttc", ".otf"})
    assert any("CJK" in p.name for p in files), "the Noto CJK fonts are installed by the set-up"
    for file in files:
        for index in _face_count(file):
            font = TTFont(str(file), fontNumber=index, lazy=True)
            expected = set(font["cmap"].getBestCmap() or {})
            font.close()
            read = {code for first, last in drawable_ranges(str(file), index) for code in range(first, last + 1)}
            assert read == expected, f"{file} face {index}: {sorted(read ^ expected)[:10]}"


def test_the_character_map_reader_reads_format_4_with_glyph_arrays(tmp_path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import TTFont

    from govdisclosure.exporters.pdf_fonts import Coverage, drawable_ranges, face_ranges

    glyphs = [".notdef", *(f"g{i}" for i in range(40))]
    # Consecutive codes on glyphs out of order make a segment with a glyph array (idRangeOffset),
    # scattered ones segments with a delta; one code on .notdef is not drawable.
    mapping = {0x4E00 + 3 * i: f"g{i}" for i in range(20)} | {0x41 + i: f"g{39 - i}" for i in range(20)}
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(glyphs)
    builder.setupCharacterMap(mapping | {0x3000: ".notdef"})
    builder.setupGlyf({name: _empty_glyph() for name in glyphs})
    builder.setupHorizontalMetrics(dict.fromkeys(glyphs, (500, 0)))
    builder.setupHorizontalHeader()
    builder.setupNameTable({"familyName": "Probe", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path = tmp_path / "probe.ttf"
    builder.save(str(path))
    table = TTFont(str(path))["cmap"].getcmap(3, 1)
    assert table.format == 4
    data = table.compile(TTFont(str(path)))
    segments = int.from_bytes(data[6:8], "big") // 2
    offsets = data[16 + 6 * segments : 16 + 8 * segments]
    assert any(offsets[i : i + 2] != b"\0\0" for i in range(0, len(offsets), 2)), "a glyph-array segment"
    read = {code for first, last in drawable_ranges(str(path)) for code in range(first, last + 1)}
    assert read == set(mapping)
    coverage = Coverage.of_faces([face_ranges(str(path))])  # the glyph check reads format 4 the same way
    assert {code for code in range(0x10000) if code in coverage} == set(mapping)


def test_the_coverage_of_several_faces_answers_as_their_merged_ranges() -> None:
    """The PDF's glyph check asks each face in turn instead of merging them: the same answers for
    every code point up to U+2FFFF, over the faces the PDF draws with (a code only 楷体 has included)."""
    from govdisclosure.exporters.pdf_fonts import Coverage, drawable_ranges, face_ranges, installed_face

    names = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN", "DejaVu Sans")
    faces = [(face.file, face.index) for face in map(installed_face, names) if face is not None]
    assert len(faces) >= 3, "the set-up installs the Noto CJK faces and AR PL UKai"
    each = Coverage.of_faces(face_ranges(file, index) for file, index in faces)
    merged = Coverage(pair for file, index in faces for pair in drawable_ranges(file, index))
    first = Coverage(drawable_ranges(*faces[0]))
    assert any(c in merged and c not in first for c in range(0x30000)), "some code points only a later face draws"
    for code in range(0x30000):
        assert (code in each) == (code in merged), hex(code)


def test_format_12_groups_out_of_order_or_overlapping_are_merged() -> None:
    """A format-12 map is read as its groups only when they are sorted and apart, as the format
    requires; a font that breaks the rule is merged, so the binary search still answers right."""
    import struct

    from govdisclosure.exporters.pdf_fonts import Coverage, _format_12

    def table(groups: list[tuple[int, int, int]]) -> bytes:
        body = b"".join(struct.pack(">III", *group) for group in groups)
        return struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body

    good = [(0x41, 0x5A, 1), (0x61, 0x7A, 30), (0x4E00, 0x4E05, 60)]
    assert _format_12(table(good), 0) == ((0x41, 0x61, 0x4E00), (0x5A, 0x7A, 0x4E05))
    bad = [(0x61, 0x7A, 30), (0x41, 0x5A, 1), (0x50, 0x62, 80), (0x100, 0x100, 0), (0x4E00, 0x4E05, 60)]
    firsts, lasts = _format_12(table(bad), 0)
    assert (firsts, lasts) == ((0x41, 0x4E00), (0x7A, 0x4E05))
    coverage = Coverage.of_faces([(firsts, lasts)])
    expected = {c for first, last, glyph in bad if glyph for c in range(first, last + 1)}
    assert {c for c in range(0x5000) if c in coverage} == expected
    # A group whose first code falls on glyph 0 (.notdef) still draws the codes after it.
    notdef = [(0x41, 0x5A, 1), (0x200, 0x205, 0), (0x4E00, 0x4E05, 60)]
    coverage = Coverage.of_faces([_format_12(table(notdef), 0)])
    assert {c for c in range(0x5000) if c in coverage} == {
        *range(0x41, 0x5B),
        *range(0x201, 0x206),
        *range(0x4E00, 0x4E06),
    }


def _empty_glyph() -> object:
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


def _fc_match(family: str) -> tuple[str, int, str] | None:
    """What fontconfig itself answers for ``family`` (the lookup without the fc-list short cut)."""
    result = subprocess.run(
        ["fc-match", "--format=%{file}\\n%{index}\\n%{family}", f"{family}:lang=zh-cn"],
        capture_output=True,
        text=True,
        check=True,
    )
    file, index, families = result.stdout.split("\n")[:3]
    return (file, int(index or 0), family) if family in families.split(",") else None


def test_the_installed_family_list_never_changes_what_fontconfig_answers() -> None:
    from govdisclosure.exporters import pdf_fonts

    listed = subprocess.run(["fc-list", "--format=%{family}\\n"], capture_output=True, text=True, check=True).stdout
    names = {name for line in listed.splitlines() for name in line.split(",")}
    names |= {name for role in pdf_fonts._LICENSED.values() for name in role}
    names |= {name for role in pdf_fonts._FREE.values() for name, _ in role}
    names |= {*pdf_fonts.FALLBACK.values(), "AR PL UKai", "Noto Serif CJK", "noto serif cjk sc", "NoSuchFace 体"}
    for name in sorted(names):
        face = installed_face(name)
        assert (None if face is None else (face.file, face.index, face.family)) == _fc_match(name), name


def test_glyph_coverage_answers_as_the_set_of_its_code_points() -> None:
    from govdisclosure.exporters.pdf_fonts import Coverage

    ranges = [(0x4E00, 0x4E10), (0x41, 0x5A), (0x4E11, 0x4E20), (0x30, 0x39), (0x35, 0x40), (0x100, 0xFF)]
    coverage = Coverage(ranges)
    expected = {code for first, last in ranges for code in range(first, last + 1)}
    assert coverage.ranges() == ((0x30, 0x5A), (0x4E00, 0x4E20))
    assert len(coverage) == len(expected)
    for code in range(0x4F00):
        assert (code in coverage) == (code in expected), hex(code)
    assert -1 not in coverage
    assert "A" not in coverage
    assert 0 not in Coverage([])
