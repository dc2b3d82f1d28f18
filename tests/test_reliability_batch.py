"""Batches stop the way a user expects: Ctrl-C, SIGTERM, a killed parent; staging that runs cannot break."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from govdisclosure._files import STAGING_PREFIX, Staging
from govdisclosure.cli import main
from tests.helpers import EXAMPLES, department_files


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, from the process table."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def _whole(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data)
        return True
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.testzip() is None


def _start(tmp_path: Path, count: int) -> tuple[subprocess.Popen[str], Path, list[int]]:
    names = department_files(tmp_path, count)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "govdisclosure",
        "render",
        *names,
        "--to",
        "docx,json",
        "-o",
        str(out),
        "-j",
        "2",
        "-v",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline:
        workers |= _children(process.pid)
        if out.exists() and len([p for p in out.iterdir() if not p.name.startswith(".")]) >= 4 and len(workers) >= 2:
            break
        time.sleep(0.02)
    assert len(workers) >= 2, "the batch never started its workers"
    return process, out, sorted(workers)


@pytest.mark.slow
@pytest.mark.parametrize(("signal_number", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_stop_a_batch_quickly(tmp_path: Path, signal_number: int, status: int) -> None:
    process, out, workers = _start(tmp_path, 60)
    sent = time.monotonic()
    process.send_signal(signal_number)
    stdout, stderr = process.communicate(timeout=30)
    took = time.monotonic() - sent
    assert process.returncode == status, stderr[-2000:]
    assert took < 2.5, took
    assert "govdisclosure: interrupted: " in stderr
    assert "files finished" in stderr
    assert "Traceback" not in stderr
    files = list(out.iterdir())
    assert files, "nothing was finished"
    assert all(not p.name.startswith(".") for p in files)  # the staging folder is gone
    assert all(_whole(p) for p in files)
    # Every file reported is there, whole.  A worker can still finish the file in its hands between
    # the signal and its exit; that file is whole too (checked above), though the stopped parent
    # never heard of it, so the report may name fewer files than the folder holds.
    reported = {Path(line.removeprefix("wrote ")).name for line in stdout.splitlines() if line.startswith("wrote ")}
    assert reported <= {p.name for p in files}
    time.sleep(0.5)
    assert not _alive(set(workers)), "workers outlived the batch"


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    process, out, workers = _start(tmp_path, 60)
    process.kill()  # the parent only, not its process group: the workers must notice
    process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while _alive(set(workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(set(workers)), "orphaned workers still run"
    assert all(_whole(p) for p in out.iterdir() if not p.name.startswith("."))
    # a new run clears the dead run's staging, whatever its PID was
    (tmp_path / "again").mkdir()
    names = department_files(tmp_path / "again", 1)
    assert main(["render", *names, "--to", "json", "-o", str(out)]) == 0
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_staging_is_kept_while_its_run_lives_and_removed_after(tmp_path: Path) -> None:
    with Staging(tmp_path) as first:
        assert first.parent == tmp_path  # inside the output folder: same file system, parent untouched
        with Staging(tmp_path) as second:
            assert first.is_dir()
            assert second.is_dir()
        assert first.is_dir()
        assert not second.exists()
    # A run in another PID namespace: its PID means nothing here, only its lock counts.
    held = tmp_path / f"{STAGING_PREFIX}elsewhere"
    held.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(held / 'lock')!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        dead = tmp_path / f"{STAGING_PREFIX}{os.getpid()}"  # named after a live PID, but nobody holds its lock
        dead.mkdir()
        (dead / "lock").touch()
        (dead / "half.part").write_bytes(b"half")
        removed = Staging(tmp_path).remove_dead()
        assert removed == [dead]
        assert held.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert Staging(tmp_path).remove_dead() == [held]  # its holder is gone: the lock is free


def test_long_names_and_an_input_inside_the_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = tmp_path / ("报" * 80 + ".yaml")  # 240 bytes of name; the outputs fit, their staging names must too
    long.write_bytes((EXAMPLES / "harbin-qts-2011.yaml").read_bytes())
    assert main(["render", str(long), "--to", "json,docx", "-o", str(tmp_path / "out")]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 2
    inside = tmp_path / "out" / "harbin.json"
    original = json.dumps(json.loads((tmp_path / "out" / ("报" * 80 + ".json")).read_text(encoding="utf-8")))
    inside.write_text(original, encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(inside), "--to", "json", "-o", str(tmp_path / "out")]) == 2
    assert "would overwrite the input itself" in capsys.readouterr().err
    assert inside.read_text(encoding="utf-8") == original


@pytest.mark.slow
def test_a_worker_killed_from_outside_costs_at_most_its_file(tmp_path: Path) -> None:
    process, out, workers = _start(tmp_path, 30)
    victim = sorted(_alive(_children(process.pid)))[0]
    os.kill(victim, signal.SIGKILL)  # what the OOM killer does
    _, stderr = process.communicate(timeout=300)
    written = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert all(_whole(p) for p in written)
    died = [line for line in stderr.splitlines() if "its worker process died while rendering it" in line]
    assert len(died) <= 1, stderr[-3000:]
    assert len(written) == 2 * (30 - len(died))
    assert process.returncode == (1 if died else 0), stderr[-3000:]
    # the file the worker was rendering was rendered again (and said so), or failed alone
    assert "it was rendered again in a fresh worker" in stderr or died, stderr[-3000:]
    assert not list(out.glob(".govdisclosure-staging-*"))
    assert not _alive(set(workers))
