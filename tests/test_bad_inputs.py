"""Every bad input is refused cleanly: a message naming the problem and its path, exit 2,
bounded time and memory, and nothing written to the output folder.

The corpus is tests/data/bad/; a 100 MB file and an unwritable output folder are made here.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.cli import main
from tests.helpers import DATA, EXAMPLES

BAD = sorted((DATA / "bad").iterdir())

#: What the first problem of each file must say (a part of its message), and where.
EXPECTED = {
    "amount-letters.yaml": ("$.proactive.fees.amount_10k_yuan", "expected an amount"),
    "billion-laughs.yaml": ("$", "more than 200,000 values"),
    "binary.yaml": ("$", "not UTF-8"),
    "body-item-number.yaml": ("$.sections[0].body[0]", "expected a paragraph"),
    "bom-with-error.yaml": ("$.year", "appears twice"),
    "change-letters.yaml": ("$.proactive.licensing.change", "whole number (may be negative)"),
    "chinese-impossible-date.yaml": ("$.published_on", "not a date in the calendar"),
    "control-char-escaped.yaml": ("$.title", "control character U+0007"),
    "control-char-raw.yaml": ("$", "YAML syntax error"),
    "count-as-bool.yaml": ("$.requests.received.total", "yes/no"),
    "count-as-text.yaml": ("$.requests.received.total", "got the text '12'"),
    "custom-tag.yaml": ("$.title", "YAML tag '!secret' is not supported"),
    "deep-nesting.json": ("$", "nested too deeply"),
    "deep-nesting.yaml": ("$", "maximum nesting depth"),
    "duplicate-key.json": ("$", "appears twice"),
    "duplicate-key.yaml": ("$.year", "appears twice"),
    "empty-agency-name.yaml": ("$.agency.name", "expected a name"),
    "empty.yaml": ("$", "the file is empty"),
    "fractional-count.yaml": ("$.requests.received.total", "whole number"),
    "gbk.yaml": ("$", "GBK"),
    "huge-count.yaml": ("$.requests.received.total", "which no report can hold"),
    "impossible-date.yaml": ("$.published_on", "date"),
    "json-huge-number.json": ("$.proactive.fees.amount_10k_yuan", "which no report can hold"),
    "json-infinity.json": ("$", "Infinity is not a number"),
    "json-nan.json": ("$", "NaN is not a number"),
    "merge-key.yaml": ("$.agency", "merge keys"),
    "missing-agency-name.yaml": ("$.agency.name", "required, but missing"),
    "missing-edition.yaml": ("$.edition", "required, but missing"),
    "missing-year.yaml": ("$.year", "required, but missing"),
    "mixed-other-handling.yaml": ("$.requests.other_handling.no_correction", "unknown key"),
    "negative-amount.yaml": ("$.proactive.fees.amount_10k_yuan", "amount ≥ 0"),
    "negative-count.yaml": ("$.requests.withheld.state_secret.natural_person", "got -3"),
    "nul-byte.yaml": ("$", "YAML syntax error"),
    "null-edition.yaml": ("$.edition", "expected one of"),
    "only-comments.yaml": ("$", "the file is empty"),
    "postcode-as-list.yaml": ("$.contacts.enquiries.postcode", "expected text"),
    "python-tag.yaml": ("$.title", "is not supported"),
    "sections-as-text.yaml": ("$.sections", "expected a list"),
    "slash-cell.yaml": ("$.proactive.regulations.issued", "not stated blank"),
    "tab-indent.yaml": ("$", "YAML syntax error"),
    "top-level-array.json": ("$", "expected a report"),
    "top-level-list.yaml": ("$", "expected a report"),
    "top-level-scalar.yaml": ("$", "expected a report"),
    "trailing-comma.json": ("$", "JSON syntax error"),
    "truncated.json": ("$", "JSON syntax error"),
    "truncated.yaml": ("$", "YAML syntax error"),
    "two-documents.yaml": ("$", "YAML syntax error"),
    "unknown-edition.yaml": ("$.edition", "did you mean 'national-2021'"),
    "unknown-key.yaml": ("$.requests.withheld.state_secrt", "did you mean 'state_secret'"),
    "unknown-layout.yaml": ("$.proactive.layout", "expected a layout"),
    "unknown-top-key.yaml": ("$.agencyy", "did you mean 'agency'"),
    "utf16.yaml": ("$", "not UTF-8"),
    "wrong-schema-version.yaml": ("$.schema_version", "schema version 7"),
    "year-as-date.yaml": ("$.year", "expected a year"),
    "year-as-text.yaml": ("$.year", "expected a year"),
    "year-out-of-range.yaml": ("$.year", "got 1999"),
    "yaml-inf.yaml": ("$.proactive.fees.amount_10k_yuan", "amount ≥ 0"),
    "yaml-nan.yaml": ("$.proactive.fees.amount_10k_yuan", "amount ≥ 0"),
}


def test_the_corpus_is_large_and_every_file_is_expected() -> None:
    assert len(BAD) >= 40
    assert {p.name for p in BAD} == set(EXPECTED)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_refused_with_its_path_and_a_plain_message(path: Path) -> None:
    with pytest.raises(govdisclosure.ReportLoadError) as caught:
        govdisclosure.load(path)
    where, says = EXPECTED[path.name]
    problems = caught.value.problems
    assert problems
    assert any(p.path.startswith(where) and says in p.message for p in problems), [str(p) for p in problems]


def _limited() -> None:
    limit = 1536 * 2**20  # 1.5 GB of address space: a file that tried to blow memory up would die, not swap
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.slow
def test_the_command_exits_2_quickly_and_writes_nothing(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * 2**20)  # a 100 MB file
    out = tmp_path / "out"
    files = [str(p) for p in BAD] + [str(huge)]
    for name in files:
        start = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "govdisclosure", "render", name, "--to", "json,html", "-o", str(out), "-j", "1"],
            capture_output=True, text=True, timeout=60, preexec_fn=_limited, check=False,
        )  # fmt: skip
        assert result.returncode == 2, (name, result.stderr)
        assert "Traceback" not in result.stderr, name
        assert "cannot be read as a report" in result.stderr, name
        assert time.monotonic() - start < 20, name
        assert not any(out.iterdir()), name
    assert "the file is 100 MB" in result.stderr


def test_an_output_folder_that_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores permissions: use a path under a file instead
            target = tmp_path / "a-file"
            target.write_text("x")
            out = str(target / "out")
        else:
            out = str(locked)
        assert main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-o", out]) == 2
        assert "output folder" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def test_hostile_text_is_accepted_and_printed_as_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp; \"'; DROP TABLE"
    source = (EXAMPLES / "city-department-2023.yaml").read_text(encoding="utf-8")
    report = govdisclosure.loads(source)
    import attrs

    from govdisclosure import model as m

    evil = attrs.evolve(
        report,
        agency=attrs.evolve(report.agency, name=hostile),
        title=hostile,
        preamble=(m.Paragraph(hostile),),
        contacts=m.Contacts(enquiries=m.Contact(name=hostile, address=hostile, email=hostile)),
    )
    path = tmp_path / "evil.json"
    path.write_text(govdisclosure.dumps_json(evil), encoding="utf-8")
    assert govdisclosure.load(path) == evil
    import io
    import zipfile

    html = govdisclosure.render(evil, "html").decode()
    document = zipfile.ZipFile(io.BytesIO(govdisclosure.render(evil, "docx"))).read("word/document.xml").decode()
    for text in (html, document):
        assert "<script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
