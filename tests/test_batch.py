"""`govdisclosure render --jobs`: many files, a worker pool, failures contained, the same bytes."""

from __future__ import annotations

import gc
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest

from govdisclosure import Exporter, Report
from govdisclosure.cli import main
from tests.helpers import EXAMPLES, ROOT, department_files, exporters_plugin, with_plugins


def _files(folder: Path, count: int) -> list[str]:
    broken = folder / "broken.yaml"
    broken.write_text("edition: national-2021\nagency: {name: x}\nyear: 1999\n", encoding="utf-8")
    return [*department_files(folder, count), str(broken)]


def test_a_pool_renders_what_one_process_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = _files(tmp_path, 4)
    assert main(["render", *names, "--to", "json,docx,html", "-o", str(tmp_path / "one"), "-j", "1"]) == 2
    one = capsys.readouterr()
    assert main(["render", *names, "--to", "json,docx,html", "-o", str(tmp_path / "two"), "-j", "2", "-v"]) == 2
    two = capsys.readouterr()
    written = sorted(p.name for p in (tmp_path / "two").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(written) == 12  # 4 good files × 3 formats; the broken one wrote nothing
    for name in written:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    for captured in (one, two):
        assert "broken.yaml:3:7: $.year: expected a year from 2008 to 2100, got 1999" in captured.err
        assert "govdisclosure: 5 files, 4 rendered, 1 with problems; 12 files written" in captured.err
    assert sorted(line.split("/")[-1] for line in two.out.splitlines()) == written


def test_jobs_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-o", str(tmp_path), "-j", "0"]) == 2
    assert "--jobs must be 1 or more" in capsys.readouterr().err


def test_help_shows_jobs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "render", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "-j N, --jobs N" in out
    assert "--jobs" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_commands_that_check_import_no_heavy_library() -> None:
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    probe = (
        "import sys; from govdisclosure.cli import main; main(['--help']) if False else None; "
        f"main(['check', {seed!r}]); main(['validate', {seed!r}]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'weasyprint', 'openpyxl', 'jinja2', 'lxml'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False).stdout
    assert out.strip().splitlines()[-1] == "[]"
    help_probe = "import sys\ntry:\n    from govdisclosure.cli import main; main(['--help'])\nexcept SystemExit: pass\nprint(sorted(m for m in sys.modules if m.startswith(('govdisclosure.model', 'cattrs', 'yaml'))))"
    out = subprocess.run([sys.executable, "-c", help_probe], capture_output=True, text=True, check=False).stdout
    assert out.strip().splitlines()[-1] == "[]"  # --help loads neither the model nor the file readers


def test_the_floor_builds_the_same_document(huaian: object) -> None:
    """bench/floor.py is only a fair floor if it makes the same tables as the library."""
    spec = importlib.util.spec_from_file_location("floor", ROOT / "bench" / "floor.py")
    assert spec is not None
    assert spec.loader is not None
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)

    import govdisclosure
    from govdisclosure.exporters.html_exporter import stylesheet
    from tests.htmltables import parse_tables

    ours = parse_tables(govdisclosure.render(huaian, "html").decode())  # type: ignore[arg-type]
    theirs = parse_tables(floor.floor_html(floor.load_dict(), stylesheet()))
    for key in ("proactive", "requests", "appeals"):
        mine = [[(c.text, c.colspan, c.rowspan) for c in row] for row in ours[key]]
        base = [[(c.text, c.colspan, c.rowspan) for c in row] for row in theirs[key]]
        assert base == mine, key


class _FreezeProbe(Exporter):
    """An exporter that writes how many objects the garbage collector had frozen when it ran."""

    name = "freeze-probe"
    suffix = ".probe"
    media_type = "text/plain"

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(str(gc.get_freeze_count()).encode())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_freezes_what_it_loaded_and_unfreezes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    with_plugins(monkeypatch, ("freeze-probe", exporters_plugin(_FreezeProbe)))
    files = [str(path) for path in department_files(tmp_path, 3)]
    assert gc.get_freeze_count() == 0
    assert main(["render", *files, "--to", "freeze-probe", "-j", jobs, "-o", str(tmp_path / "out")]) == 0
    counts = [int(path.read_text()) for path in (tmp_path / "out").glob("*.probe")]
    assert len(counts) == 3
    assert min(counts) > 10_000  # the libraries and the model, frozen before the workers forked
    assert gc.get_freeze_count() == 0  # and given back to the collector afterwards
    # A caller that froze objects itself keeps them frozen.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert main(["render", files[0], "--to", "freeze-probe", "-o", str(tmp_path / "again")]) == 0
        assert gc.get_freeze_count() > frozen // 2  # not unfrozen (objects freed since leave it)
    finally:
        gc.unfreeze()
