"""``bind``: the examples bound without a byte of their printed text changing; disagreeing figures named."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure import fields, serialization
from govdisclosure.cli import main
from govdisclosure.exporters.docx_exporter import DOCX_PART
from govdisclosure.model import LegacyProactive, Paragraph, Report
from tests.helpers import EXAMPLES

ROOT = EXAMPLES.parent
BEFORE_BINDING = "c9272e6"
"""The commit of main before the examples were bound: their prose as typed, figures and all."""
NAMES = ("huaian-city-2024", "city-department-2023", "county-trial-2020", "harbin-qts-2011")


def _original(name: str) -> str:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("the original examples are read from git history")
    show = [git, "-C", str(ROOT), "show", f"{BEFORE_BINDING}:examples/{name}.yaml"]
    return subprocess.run(show, check=True, capture_output=True, text=True).stdout


def _paragraphs(report: Report) -> dict[str, Paragraph]:
    found: dict[str, Paragraph] = {}
    fields.map_paragraphs(report, found.setdefault)
    return found


@pytest.fixture(scope="module", params=NAMES)
def pair(request: pytest.FixtureRequest) -> tuple[str, Report, Report]:
    name: str = request.param
    return name, serialization.loads(_original(name)), serialization.load(EXAMPLES / f"{name}.yaml")


def test_the_committed_examples_are_bound(pair: tuple[str, Report, Report]) -> None:
    name, original, bound = pair
    assert all(p.source is None for p in _paragraphs(original).values())
    sources = [p.source for p in _paragraphs(bound).values() if p.source is not None]
    assert sources, f"{name}: no paragraph is bound"
    assert fields.bind(original).report == bound  # what bind gives is exactly what is committed


def test_the_printed_text_is_the_original_one(pair: tuple[str, Report, Report]) -> None:
    _, original, bound = pair
    assert [p.text for p in _paragraphs(bound).values()] == [p.text for p in _paragraphs(original).values()]
    assert fields.unbind(bound) == original


def test_html_is_byte_for_byte_the_original(pair: tuple[str, Report, Report]) -> None:
    _, original, bound = pair
    assert govdisclosure.render(bound, "html") == govdisclosure.render(original, "html")


def test_docx_is_byte_for_byte_the_original_but_for_the_embedded_data(pair: tuple[str, Report, Report]) -> None:
    _, original, bound = pair
    embedded = {DOCX_PART.lstrip("/"), "docProps/core.xml"}  # the data and its SHA-256, which now carry the fields
    a = zipfile.ZipFile(io.BytesIO(govdisclosure.render(original, "docx")))
    b = zipfile.ZipFile(io.BytesIO(govdisclosure.render(bound, "docx")))
    assert a.namelist() == b.namelist()
    for part in a.namelist():
        if part not in embedded:
            assert a.read(part) == b.read(part), part


def test_pdf_text_is_byte_for_byte_the_original(pair: tuple[str, Report, Report], tmp_path: Path) -> None:
    _, original, bound = pair
    texts = []
    for report in (original, bound):
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(govdisclosure.render(report, "pdf"))
        texts.append(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout)
    assert texts[0] == texts[1]


def test_json_prints_the_original_text(pair: tuple[str, Report, Report]) -> None:
    _, original, bound = pair
    data = json.loads(govdisclosure.render(bound, "json"))

    def printed(node: object) -> object:
        if isinstance(node, dict):
            if set(node) == {"text", "printed"}:
                return node["printed"]
            return {key: printed(value) for key, value in node.items()}
        if isinstance(node, list):
            return [printed(item) for item in node]
        return node

    assert printed(data) == json.loads(govdisclosure.render(original, "json"))


def test_the_seed_channel_counts_cannot_drift(seed: Report) -> None:
    paragraph = seed.sections[0].subsections[0].body[0]
    assert isinstance(paragraph, Paragraph)
    assert isinstance(seed.proactive, LegacyProactive)
    assert "{proactive.channels[4].count}" in (paragraph.source or "")
    channels = list(seed.proactive.channels)
    channels[4] = attrs.evolve(channels[4], count=1557)
    changed = attrs.evolve(seed, proactive=attrs.evolve(seed.proactive, channels=tuple(channels)))
    html = govdisclosure.render(changed, "html").decode()
    assert "通过触摸屏和电子大屏幕以布信息1557条" in html
    assert "1556" not in html


WRONG = "2024年，全市共受理政府信息公开申请3120件，答复3050件"


@pytest.fixture
def disagreeing(tmp_path: Path) -> Path:
    text = _original("huaian-city-2024").replace("2024年，全市共受理政府信息公开申请3119件，答复3050件", WRONG)
    path = tmp_path / "huaian.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bind_leaves_a_disagreeing_figure_and_names_it(disagreeing: Path) -> None:
    binding = fields.bind(serialization.load(disagreeing))
    wrong = [u for u in binding.unbound if u.figure == "3120"]
    assert len(wrong) == 1
    assert wrong[0].named == "requests.received.total"
    assert wrong[0].value == "3119"
    paragraph = binding.report.sections[0].subsections[1].body[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.source is not None
    assert "全市共受理政府信息公开申请3120件，答复{requests.outcomes_total.total}件" in paragraph.source


def test_bind_command_writes_a_new_file_with_the_comments(
    disagreeing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = disagreeing.read_bytes()
    assert main(["bind", str(disagreeing)]) == 0
    assert disagreeing.read_bytes() == before  # never the input
    out = disagreeing.with_name("huaian.bound.yaml")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 淮安市人民政府2024年政府信息公开工作年度报告")  # comments kept
    assert "# Table 3: 三、收到和处理政府信息公开申请情况" in text
    assert "答复{requests.outcomes_total.total}件" in text
    err = capsys.readouterr().err
    assert "1 figure(s) disagree with the report" in err
    assert "申请3120: the words name {requests.received.total}, which is 3119" in err
    line = serialization.read_yaml(before.decode())[1]["$.sections[0].subsections[1].body[0]"][0]
    assert f"{disagreeing}:{line}: $.sections[0].subsections[1].body[0]" in err
    assert fields.unbind(serialization.load(out)) == serialization.load(disagreeing)


def test_bind_refuses_to_write_over_its_input(disagreeing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bind", str(disagreeing), "-o", str(disagreeing)]) == 2
    assert "never writes over its input" in capsys.readouterr().err


def test_bind_a_json_report(tmp_path: Path) -> None:
    source = tmp_path / "county.json"
    source.write_text(serialization.dumps_json(serialization.loads(_original("county-trial-2020"))), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["bind", str(source), "-o", str(out)]) == 0
    assert serialization.load(out) == serialization.load(EXAMPLES / "county-trial-2020.yaml")


def test_bind_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("edition: national-2021\nyear: nineteen\n", encoding="utf-8")
    assert main(["bind", str(bad)]) == 2
    assert not bad.with_name("bad.bound.yaml").exists()
    assert "Traceback" not in capsys.readouterr().err


def test_binding_twice_changes_nothing(pair: tuple[str, Report, Report]) -> None:
    _, _, bound = pair
    again = fields.bind(bound)
    assert again.report == bound
    assert not again.bound


def test_a_paragraph_not_found_verbatim_is_written_anew(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _original("city-department-2023").replace(
        "2023年，本局新收政府信息公开申请", "2023年，\\t本局新收政府信息公开申请", 1
    )
    source = tmp_path / "typed.yaml"
    # The paragraph in double quotes with an escape: its text does not stand verbatim in the file.
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if "\\t本局新收" in line)
    head, _, body = lines[index].partition("- ")
    lines[index] = head + '- "' + body.replace('"', '\\"') + '"'
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "bound.yaml"
    assert main(["bind", str(source), "-o", str(out), "-v"]) == 0
    err = capsys.readouterr().err
    assert "its comments are not kept" in err
    assert "144 → {requests.received.total}" in err
    assert fields.unbind(serialization.load(out)) == serialization.load(source)


def test_bind_shares_with_the_rounding_printed() -> None:
    report = serialization.load(EXAMPLES / "city-department-2023.yaml")
    text = (
        "全年办结142件，其中予以公开66件，占46.5%，部分公开12件，占8.5%，无法提供34件，占比23.94%，不予处理8件，占9%。"
    )
    binding = fields.bind(attrs.evolve(report, preamble=(Paragraph(text),)))
    paragraph = binding.report.preamble[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == text
    assert paragraph.source is not None
    assert "占{pct(requests.disclosed, requests.outcomes_total, 1)}%" in paragraph.source
    assert "占{pct(requests.partially_disclosed, requests.outcomes_total, 1)}%" in paragraph.source
    assert "占比{pct(requests.cannot_provide, requests.outcomes_total, 2)}%" in paragraph.source
    (wrong,) = [u for u in binding.unbound if u.path == "$.preamble[0]"]  # 8 of 142 is 5.6%, not 9%
    assert (wrong.figure, wrong.disagrees) == ("9", True)
