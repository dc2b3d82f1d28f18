"""The import benchmark: a typical published page, warm, and 1,000 pages on one core.

    .venv/bin/python bench/import_bench.py            # about a minute
    .venv/bin/python bench/import_bench.py --pages 200

The pages are the three real 平潭 pages (one per edition, the shared data) and the huaian
example as a full government web page (site chrome around the CMS fragment) and as our
own DOCX read without its embedded data.  Prints the median warm time per page and the
time for the batch; targets: under 50 ms a page, 1,000 pages under 60 s on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROME = ROOT / "tests" / "data" / "site-chrome"

PINGTAN = Path("/work/shared/real/pingtan")


def _pages() -> dict[str, bytes]:
    chrome_head = (CHROME / "head.html").read_text(encoding="utf-8")
    chrome_tail = (CHROME / "tail.html").read_text(encoding="utf-8")
    import govdisclosure

    report = govdisclosure.load(ROOT / "examples" / "huaian-city-2024.yaml")
    fragment = govdisclosure.render(report, "html", profile="fragment").decode()
    pages = {"huaian full page (html)": (chrome_head + fragment + chrome_tail).encode()}
    pages["huaian (docx, no embedded data)"] = govdisclosure.render(report, "docx")
    for name in ("2021.html", "2019.html", "county-2013.html"):
        if (PINGTAN / name).exists():
            pages[f"pingtan {name}"] = (PINGTAN / name).read_bytes()
    return pages


def _median_ms(content: bytes, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is steadier on a shared machine)."""
    from govdisclosure.importing import import_report

    import_report(content)
    import_report(content)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        import_report(content)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000, help="pages in the batch (default 1000)")
    parser.add_argument("--runs", type=int, default=30, help="runs per page for the warm median")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from govdisclosure.importing import import_report

    pages = _pages()
    figures: dict[str, dict[str, float]] = {}
    for name, content in pages.items():
        wall, cpu = _median_ms(content, args.runs)
        figures[name] = {"wall_ms": round(wall, 1), "cpu_ms": round(cpu, 1)}
        print(f"{name:36} {wall:7.1f} ms warm, {cpu:6.1f} ms CPU (median of {args.runs})  target < 50 ms")
    html_pages = [content for name, content in pages.items() if "docx" not in name]
    start, start_cpu = time.perf_counter(), time.process_time()
    for index in range(args.pages):
        import_report(html_pages[index % len(html_pages)])
    batch, batch_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.pages} pages on one core: {batch:.1f} s wall, {batch_cpu:.1f} s CPU "
        f"({batch / args.pages * 1000:.1f} ms a page; target < 60 s); peak RSS {rss:.0f} MB"
    )
    out = {
        "warm_ms": figures,
        "batch_pages": args.pages,
        "batch_seconds": round(batch, 2),
        "batch_cpu_seconds": round(batch_cpu, 2),
        "peak_rss_mb": round(rss),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
