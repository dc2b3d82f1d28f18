"""The HTML in a real browser (Debian's headless Chromium), at desktop and phone widths.

The set-up (scripts/setup.sh dev) installs chromium and fonts-noto-cjk.  Screenshots are
written to the test's temporary folder, or to $GOVDISCLOSURE_SCREENSHOTS when it is set,
so a person can look at them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from tests.helpers import EXAMPLES

WIDTHS = {"desktop": 1280, "phone": 390}
EXAMPLES_SHOWN = ["huaian-city-2024", "harbin-qts-2011"]

_MEASURE = """
<script>
window.addEventListener('load', () => {
  const tables = [...document.querySelectorAll('table')].map((t) => {
    const box = t.getBoundingClientRect();
    const wrap = t.parentElement;
    const cells = [...t.querySelectorAll('td, th')];
    return {
      key: t.dataset.table, left: box.left, right: box.right, height: box.height,
      wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth,
      clipped: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
      emptyRows: [...t.rows].filter((r) => r.getBoundingClientRect().height < 8).length,
    };
  });
  const out = {
    viewport: window.innerWidth, page: document.documentElement.scrollWidth, tables,
    serif: document.fonts.check('16px "Noto Serif CJK SC"'), sans: document.fonts.check('16px "Noto Sans CJK SC"'),
    family: getComputedStyle(document.querySelector('p')).fontFamily,
  };
  const pre = document.createElement('pre');
  pre.id = 'gd-measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("headless Chromium is needed: `bash scripts/setup.sh dev` installs Debian's chromium")
    return found


def _run(page: Path, width: int, profile: Path, *extra: str) -> str:
    result = subprocess.run(
        [
            _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={profile}", f"--window-size={width},1000", *extra, page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for name in EXAMPLES_SHOWN:
        path = folder / f"{name}.html"
        govdisclosure.render_file(govdisclosure.load(EXAMPLES / f"{name}.yaml"), path)
        out[name] = path
    return out


def _measure(page: Path, width: int, tmp_path: Path) -> dict[str, Any]:
    probe = tmp_path / f"probe-{width}-{page.name}"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _run(probe, width, tmp_path / "profile", "--dump-dom", "--virtual-time-budget=3000")
    match = re.search(r'<pre id="gd-measure">(.*?)</pre>', dom, re.S)
    assert match, "the page did not finish loading in Chromium"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))  # type: ignore[no-any-return]


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES_SHOWN)
@pytest.mark.parametrize("device", WIDTHS)
def test_tables_are_fully_visible_and_laid_out(pages: dict[str, Path], name: str, device: str, tmp_path: Path) -> None:
    width = WIDTHS[device]
    measured = _measure(pages[name], width, tmp_path)
    assert measured["serif"], "Noto Serif CJK SC is not available to the browser"
    assert measured["sans"], "Noto Sans CJK SC is not available to the browser"
    assert measured["family"].startswith('"Noto Serif CJK SC"')
    assert measured["page"] <= measured["viewport"], f"the page scrolls sideways at {width}px"
    expected = ["proactive", "requests", "appeals"] if name != "harbin-qts-2011" else []
    assert [t["key"] for t in measured["tables"]] == expected
    for table in measured["tables"]:
        assert table["left"] >= 0, table["key"]
        assert table["right"] <= measured["viewport"], f"{table['key']} is cut off at {width}px"
        assert table["wrapScroll"] <= table["wrapClient"], f"{table['key']} needs sideways scrolling at {width}px"
        assert table["clipped"] == [], f"{table['key']}: cells too narrow for their text: {table['clipped'][:5]}"
        assert table["emptyRows"] == 0
        assert table["height"] > 60


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES_SHOWN)
@pytest.mark.parametrize("device", WIDTHS)
def test_screenshots(pages: dict[str, Path], name: str, device: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("GOVDISCLOSURE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"{name}-{device}.png"
    width = WIDTHS[device]
    _run(pages[name], width, tmp_path / "profile", f"--screenshot={shot}", f"--window-size={width},4000")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == width
    assert len(data) > 50_000  # a page of text and tables, not a blank image
