"""The package builds as a wheel and works when installed from it (not only editable)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, ROOT

SRC = ROOT / "src" / "govdisclosure"


@pytest.mark.slow
def test_wheel_holds_the_package_and_runs_installed(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("govdisclosure-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"govdisclosure/{p.relative_to(SRC).as_posix()}" for p in SRC.rglob("*") if p.is_file()}
    expected = {name for name in expected if "__pycache__" not in name}
    assert expected <= names, expected - names
    assert "govdisclosure/py.typed" in names
    assert any(name.endswith("entry_points.txt") for name in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    # -S keeps the editable install of the working tree off the path: only the wheel's copy is found.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])}
    where = subprocess.run(
        [sys.executable, "-S", "-c", "import govdisclosure; print(govdisclosure.__file__, govdisclosure.__version__)"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    assert where.startswith(str(target))
    assert "0+unknown" not in where
    check = subprocess.run(
        [sys.executable, "-S", "-m", "govdisclosure", "check", str(EXAMPLES / "harbin-qts-2011.yaml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "4811   agrees" in check.stdout
