"""The lineage profile of a roll-up: the result's web page with each figure's sources on hover.

:func:`lineage_page` takes the HTML of the rolled-up report (as the HTML exporter writes it: each
figure a ``<td data-path="requests.received.total">``) and the lineage data, and adds the data and
a small script: hovering a figure shows its contributions largest first and the units that left
it blank; clicking it pins the same in a panel.  Everything is inline: the page works offline.
This module does not render the report itself (Aggregate does not use the exporters); the caller
passes the page in.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["lineage_page"]

_STYLE = """
td[data-path] { cursor: help; }
td[data-path].gd-blank-units { outline: 2px dashed #b00020; outline-offset: -3px; }
td[data-path]:hover { background: #fff2a8; }
#gd-lineage { position: fixed; right: 1em; bottom: 1em; max-width: 28em; max-height: 45vh; overflow: auto;
  background: #fff; border: 1px solid #555; padding: 0.6em 0.9em; font-size: 0.85em; display: none;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); white-space: pre-wrap; }
"""

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("gd-lineage-data").textContent);
  var units = data.units, cells = data.cells;
  function describe(path) {
    var cell = cells["$." + path];
    if (!cell) { return null; }
    var lines = ["$." + path + " = " + (cell.value === null ? "（空）" : cell.value)];
    if (cell.note) { lines.push(cell.note); }
    var parts = cell.contributions.slice().sort(function (a, b) { return Number(b[1]) - Number(a[1]); });
    lines.push("来源（" + parts.length + "个单位，从大到小）：");
    parts.forEach(function (p) { lines.push("  " + p[1] + "  " + units[p[0]].name); });
    if (cell.blank.length) {
      lines.push((data.aggregate.blank_as_zero ? "未填（按0计）：" : "未填，故合计留空：") +
        cell.blank.map(function (i) { return units[i].name; }).join("、"));
    }
    return lines.join("\\n");
  }
  var panel = document.getElementById("gd-lineage");
  document.querySelectorAll("td[data-path]").forEach(function (td) {
    var text = describe(td.getAttribute("data-path"));
    if (text === null) { return; }
    td.title = text;
    var cell = cells["$." + td.getAttribute("data-path")];
    if (cell.blank.length) { td.classList.add("gd-blank-units"); }
    td.addEventListener("click", function () { panel.textContent = text; panel.style.display = "block"; });
  });
  panel.addEventListener("click", function () { panel.style.display = "none"; });
})();
"""


def lineage_page(page: str, lineage: dict[str, Any]) -> str:
    """``page`` (a standalone HTML page of the roll-up) with the lineage of each figure built in."""
    payload = json.dumps(
        {"aggregate": lineage["aggregate"], "units": lineage["units"], "cells": lineage["cells"]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).replace("</", "<\\/")  # nothing in the data may close the script element
    addition = (
        f"<style>{_STYLE}</style>\n"
        '<div id="gd-lineage" role="status" title="点击关闭"></div>\n'
        f'<script type="application/json" id="gd-lineage-data">{payload}</script>\n'
        f"<script>{_SCRIPT}</script>\n"
    )
    if "</body>" not in page:
        raise ValueError("the page has no </body>: pass a standalone HTML page")
    head, _, tail = page.rpartition("</body>")
    return f"{head}{addition}</body>{tail}"
