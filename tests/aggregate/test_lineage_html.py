"""The lineage profile page in a real browser: every figure tells its sources on hover."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

from govdisclosure.cli import main
from govdisclosure.testing.units import unit_reports, write_units

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed"),
]


def test_hovering_a_figure_shows_its_sources(tmp_path: Path) -> None:
    reports = unit_reports(4)
    assert reports[1].requests is not None
    row = attrs.evolve(reports[1].requests.carried_forward, other_org=None)
    reports[1] = attrs.evolve(reports[1], requests=attrs.evolve(reports[1].requests, carried_forward=row))
    names = write_units(tmp_path / "units", reports)
    out = tmp_path / "city.yaml"
    args = ["aggregate", *names, "--agency", "云澜市人民政府", "--year", "2023", "--include-failing", "--html"]
    assert main([*args, "-o", str(out)]) == 0
    page = tmp_path / "city.yaml.lineage.html"
    assert "<script src" not in page.read_text(encoding="utf-8")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", "--virtual-time-budget=3000", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    titles = {
        path: html.unescape(title) for path, title in re.findall(r'data-path="([^"]+)"[^>]*?title="([^"]*)"', dom, re.S)
    }
    assert len(titles) == 200
    blank = titles["requests.carried_forward.other_org"]
    assert blank.startswith("$.requests.carried_forward.other_org = （空）")
    assert "未填，故合计留空：云澜市第1单位" in blank
    received = titles["requests.received.total"].splitlines()
    ordered = sorted(((r.requests.received.total, r.agency.name) for r in reports), key=lambda x: -x[0])  # type: ignore[union-attr]
    assert received[0] == f"$.requests.received.total = {sum(v for v, _ in ordered)}"
    assert [line.split() for line in received[2:]] == [[str(v), n] for v, n in ordered]
    assert re.search(r'data-path="requests.carried_forward.other_org"[^>]*gd-blank-units', dom)
