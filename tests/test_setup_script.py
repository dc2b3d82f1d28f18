"""scripts/setup.sh waits for another apt's lock instead of failing, run against stub commands."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def checkout(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the script in a fake checkout whose .venv and system commands are stubs."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", root / "scripts" / "setup.sh")
    venv = root / ".venv" / "bin"
    venv.mkdir(parents=True)
    _stub(venv, "python", "exit 0")
    _stub(venv, "govdisclosure", "echo 'govdisclosure 0.0-test'")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "apt.log"
    _stub(bin_, "id", "echo 0")  # as root
    _stub(bin_, "dpkg-query", "echo 'deinstall ok config-files'")  # nothing is installed
    _stub(bin_, "apt-get", f'echo "apt-get $*" >> {log}')
    # Another apt holds the lock for the first three looks, then lets go.
    counter = tmp_path / "looks"
    _stub(bin_, "fuser", f'n=$(cat {counter} 2>/dev/null || echo 0); echo $((n+1)) > {counter}; [ "$n" -lt 3 ]')
    return root, bin_


def _run(root: Path, bin_: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{bin_}:/usr/bin:/bin", "SETUP_APT_POLL": "0", **env}
    return subprocess.run(
        ["bash", str(root / "scripts" / "setup.sh")], capture_output=True, text=True, env=environment, check=False
    )


def test_setup_waits_for_the_package_lock_with_a_message(checkout: tuple[Path, Path]) -> None:
    root, bin_ = checkout
    result = _run(root, bin_)
    assert result.returncode == 0, result.stderr
    assert "another apt/dpkg is running (it holds the package lock); waiting for it to finish" in result.stderr
    assert "the package lock is free" in result.stderr
    calls = (root.parent / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls[0] == "apt-get -o DPkg::Lock::Timeout=600 update -qq"
    assert calls[1].startswith("apt-get -o DPkg::Lock::Timeout=600 install")
    assert "fonts-arphic-ukai" in calls[1]
    assert (root.parent / "looks").read_text().strip() == "4"  # three busy looks, then a free one


def test_setup_gives_up_after_the_wait_limit_with_a_message(checkout: tuple[Path, Path]) -> None:
    root, bin_ = checkout
    _stub(bin_, "fuser", "exit 0")  # the lock is never released
    result = _run(root, bin_, SETUP_APT_WAIT="0")
    assert result.returncode == 1
    assert "still holds the package lock" in result.stderr
    assert not (root.parent / "apt.log").exists()
