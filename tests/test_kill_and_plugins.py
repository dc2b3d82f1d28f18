"""Nothing half-written when a batch is killed; misbehaving plugins contained."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

import pytest

from govdisclosure import Exporter, Report
from govdisclosure.cli import main
from tests.helpers import EXAMPLES, department_files, exporters_plugin, with_plugins


def _files(folder: Path, count: int) -> list[str]:
    return department_files(folder, count)


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data)
        return True
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.testzip() is None and "word/document.xml" in archive.namelist()


@pytest.mark.slow
def test_a_killed_batch_leaves_only_complete_files_and_a_rerun_finishes(tmp_path: Path) -> None:
    names = _files(tmp_path, 40)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "govdisclosure", "render", *names, "--to", "docx,json", "-o", str(out), "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60

    def finished() -> int:  # the files written, not the hidden staging folder beside them
        return sum(1 for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else 0

    while time.monotonic() < deadline and finished() < 6:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, mid-run
    process.wait(timeout=30)
    written = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    assert 6 <= len(written) < 80, len(written)
    assert all(_complete(path) for path in written)  # whole files only: partial ones are in the hidden staging
    assert [p.name[:23] for p in out.iterdir() if p.name.startswith(".")] == [".govdisclosure-staging-"]
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert len(list(out.iterdir())) == 80
    assert all(_complete(path) for path in out.iterdir())
    assert not list(out.glob(".govdisclosure-staging-*"))  # the killed run's leftovers were cleared


class _Hanging(Exporter):
    name = "hang"
    suffix = ".hang"
    media_type = "application/x-hang"

    def export(self, report: Report, out: BinaryIO) -> None:
        time.sleep(30)


class _Empty(Exporter):
    name = "empty"
    suffix = ".empty"
    media_type = "application/x-empty"

    def export(self, report: Report, out: BinaryIO) -> None:
        return None


def test_a_hanging_or_empty_exporter_is_stopped_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_plugins(monkeypatch, ("bad-plugin", exporters_plugin(_Hanging, _Empty)))
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    start = time.monotonic()
    status = main(["render", seed, "--to", "hang,empty,json", "-o", str(tmp_path / "out"), "--timeout", "1", "-j", "1"])
    assert time.monotonic() - start < 10
    assert status == 1
    err = capsys.readouterr().err
    assert "the hang exporter (plugin bad-plugin) took longer than 1 s and was stopped" in err
    assert "the empty exporter (plugin bad-plugin) wrote nothing" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["harbin-qts-2011.json"]
    assert main(["render", seed, "-o", str(tmp_path / "x"), "--timeout", "0"]) == 2


class _Swallowing(Exporter):
    """An exporter whose code swallows every exception, the deadline's included, and finishes late."""

    name = "swallow"
    suffix = ".swallow"
    media_type = "application/x-swallow"

    def export(self, report: Report, out: BinaryIO) -> None:
        end = time.monotonic() + 3
        while time.monotonic() < end:
            with contextlib.suppress(Exception):  # what a careless library does
                time.sleep(0.05)
        out.write(b"late")


def test_a_deadline_an_exporter_swallows_is_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_plugins(monkeypatch, ("careless", exporters_plugin(_Swallowing)))
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    status = main(["render", seed, "--to", "swallow,json", "-o", str(tmp_path / "out"), "--timeout", "0.5", "-j", "1"])
    assert status == 1
    assert "the swallow exporter (plugin careless) took longer than 0.5 s and was stopped" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["harbin-qts-2011.json"]


@pytest.mark.slow
def test_a_timeout_in_the_first_file_leaves_the_next_files_renderable(tmp_path: Path) -> None:
    """The libraries are loaded before any deadline: an alarm during WeasyPrint's first import once
    left it half-imported, and every later PDF of the run failed."""
    canonical = json.loads(govdisclosure_json())
    large = dict(canonical, preamble=[f"第{i}段，政府信息公开工作情况说明。" for i in range(3000)])
    (tmp_path / "a-large.json").write_text(json.dumps(large, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b-small.json").write_text(json.dumps(canonical, ensure_ascii=False), encoding="utf-8")
    names = [str(tmp_path / "a-large.json"), str(tmp_path / "b-small.json")]
    command = [sys.executable, "-m", "govdisclosure", "render", *names, "--to", "pdf", "--timeout", "2", "-j", "1"]
    result = subprocess.run(
        [*command, "-o", str(tmp_path / "out")], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 1, result.stderr
    assert "a-large.json: the pdf exporter (plugin govdisclosure-pdf) failed: ExportTimeoutError" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["b-small.pdf"]


def govdisclosure_json() -> str:
    import govdisclosure

    return govdisclosure.dumps_json(govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"))
