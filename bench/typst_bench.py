"""The three PDF routes side by side in one run: Typst, WeasyPrint, and DOCX → LibreOffice.

Not a test: a measurement.  Each route turns the same N copies of examples/huaian-city-2024.yaml
into PDFs, through the command a user runs, with 1 and with 2 workers; the routes are
interleaved round by round so that load from other work on the machine falls on all of them
alike, and the best round of each is kept (the least disturbed by other load).

- ``typst``: ``govdisclosure render --to pdf-typst --jobs W`` (the govdisclosure-typst plugin);
- ``weasyprint``: ``govdisclosure render --to pdf --jobs W``;
- ``libreoffice``: ``govdisclosure render --to docx --jobs W``, then W ``soffice --headless
  --convert-to pdf`` processes at once, each converting its share of the files in one call with
  its own profile (``-env:UserInstallation``; the profiles are created before timing);
- ``typst-raw``: the same documents compiled by the raw ``typst`` binding and nothing of
  govdisclosure: W Python processes at once, each starting, reading Typst's font book and
  compiling its share of the template's inputs (made from the reports before timing) to PDF/A-3b
  files.  What Typst itself does on this machine, start-up included: the ceiling of the
  ``typst`` route, which also loads, validates and checks each report and attaches its data.

Then the soak: one process renders the report again and again with the Typst exporter and
its resident memory is sampled.

    .venv/bin/python bench/typst_bench.py                 # 20 copies, 2 rounds, soak of 200
    .venv/bin/python bench/typst_bench.py --soak 500      # the issue's soak: 500 reports
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "huaian-city-2024.yaml"
CLI = [sys.executable, "-m", "govdisclosure"]
ROUTES = ("typst", "weasyprint", "libreoffice", "typst-raw")
BATCH_ROUTES = {"typst", "typst-raw"}
"""The routes also measured on the long batch (``--batch``): the two that start quickly enough to matter."""


def _copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the report, each under its own agency name, as the reports of a batch differ.

    Typst memoizes layout across the documents a process compiles: twenty identical files would
    measure that cache (0.05 s a report, against 0.13 s for reports that differ), and favour one
    worker, which sees every repeat, over two.
    """
    source = EXAMPLE.read_text(encoding="utf-8")
    agency = "  name: 淮安市人民政府\n"
    assert agency in source
    paths = []
    for index in range(count):
        path = folder / f"huaian-{index:03d}.yaml"
        path.write_text(source.replace(agency, f"  name: 淮安市第{index + 1}人民政府\n", 1), encoding="utf-8")
        paths.append(path)
    return paths


def _render(files: list[Path], fmt: str, out: Path, workers: int) -> None:
    result = subprocess.run(
        [*CLI, "render", *map(str, files), "--to", fmt, "--jobs", str(workers), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"render --to {fmt} failed:\n{result.stderr}")


def _soffice(docx: list[Path], out: Path, profiles: list[Path]) -> None:
    shares = [docx[i :: len(profiles)] for i in range(len(profiles))]
    processes = [
        subprocess.Popen(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, share),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for profile, share in zip(profiles, shares, strict=True)
        if share
    ]
    for process in processes:
        if process.wait() != 0:
            raise SystemExit("soffice failed")


_SPIN = "x = 0\nfor i in range(8_000_000):\n    x += i\n"

# The template's inputs for each report, made by the plugin's own code before timing.
_INPUTS = """
import json, sys
import govdisclosure
from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME
from govdisclosure_typst._document import template_inputs
from govdisclosure_typst._fonts import installed_stacks
inputs = [template_inputs(govdisclosure.load(path), installed_stacks(), ATTACHMENT_NAME)[0] for path in sys.argv[2:]]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(inputs, out, ensure_ascii=False)
"""

# One raw Typst process: its share (every COUNT-th input from SHARE) compiled and written, nothing else.
_RAW = """
import datetime as dt, json, sys
from importlib.util import find_spec
import typst
inputs_file, out, share, count = sys.argv[1:5]
folder = find_spec("govdisclosure_typst").submodule_search_locations[0]
with open(inputs_file, encoding="utf-8") as source:
    inputs = json.load(source)
fonts = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)
compiler = typst.Compiler(folder + "/report.typ", root=folder, font_paths=fonts, ignore_system_fonts=True)
stamp = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
for index in range(int(share), len(inputs), int(count)):
    pdf = compiler.compile(format="pdf", sys_inputs=inputs[index], pdf_standards=["a-3b"], timestamp=stamp)
    with open(f"{out}/{index:03d}.pdf", "wb") as written:
        written.write(pdf)
"""


def _raw_inputs(files: list[Path], target: Path) -> Path:
    subprocess.run([sys.executable, "-c", _INPUTS, str(target), *map(str, files)], check=True)
    return target


def _raw(inputs: Path, out: Path, workers: int) -> None:
    processes = [
        subprocess.Popen([sys.executable, "-c", _RAW, str(inputs), str(out), str(share), str(workers)])
        for share in range(workers)
    ]
    if any(process.wait() != 0 for process in processes):
        raise SystemExit("raw Typst failed")


def _machine(workers: int) -> float:
    """Seconds for ``workers`` processes to each run the same pure-Python loop at once.

    The machine's own ceiling: two CPU-bound processes on two shared virtual cores run 1.5–2×
    as fast as one, depending on what else the host runs at that minute.
    """
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(workers)]
    for process in processes:
        process.wait()
    return time.perf_counter() - start


def _cpu() -> float:
    """CPU seconds used so far by the finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _route(route: str, files: list[Path], work: Path, workers: int, profiles: list[Path]) -> tuple[float, float]:
    """Wall-clock and CPU seconds for one route to turn ``files`` into PDFs with ``workers`` workers."""
    out = work / f"{route}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    cpu = _cpu()
    start = time.perf_counter()
    if route == "libreoffice":
        _render(files, "docx", out, workers)
        _soffice(sorted(out.glob("*.docx")), out, profiles[:workers])
    elif route == "typst-raw":
        _raw(files[0].parent / "inputs.json", out, workers)
    else:
        _render(files, "pdf-typst" if route == "typst" else "pdf", out, workers)
    elapsed = time.perf_counter() - start
    cpu = _cpu() - cpu
    made = len(list(out.glob("*.pdf")))
    if made != len(files):
        raise SystemExit(f"{route}: {made} PDFs for {len(files)} reports")
    return elapsed, cpu


def _soak(count: int) -> dict[str, object]:
    """Resident memory (MB) of one process exporting the report ``count`` times with Typst, and its pace."""
    code = f"""
import io, json, resource, time
import govdisclosure
from govdisclosure.rendering import exporter_for
report = govdisclosure.load({str(EXAMPLE)!r})
exporter = exporter_for("pdf-typst")
samples = []
start = time.perf_counter()
for index in range({count}):
    exporter.export(report, io.BytesIO())
    if index % max(1, {count} // 10) == 0 or index == {count} - 1:
        with open("/proc/self/statm") as statm:
            samples.append(int(statm.read().split()[1]) * resource.getpagesize() // 2**20)
print(json.dumps({{"rss_mb": samples, "exports_per_second": round({count} / (time.perf_counter() - start), 2)}}))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the soak failed:\n{result.stderr}")
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _measure(
    args: argparse.Namespace, routes: tuple[str, ...]
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, list[float]], list[float]]:
    """Seconds per route and workers, CPU seconds per route, the large Typst batch's seconds, the load."""
    with tempfile.TemporaryDirectory(prefix="typst-bench-") as tmp:
        work = Path(tmp)
        files = _copies(work, args.copies)
        if "typst-raw" in routes:
            _raw_inputs(files, work / "inputs.json")
        profiles = [work / f"lo-profile-{i}" for i in range(2)]
        warm = work / "warm"
        warm.mkdir()
        if "libreoffice" in routes:
            _render(files[:1], "docx", warm, 1)
            for profile in profiles:  # a profile's first start builds it: not part of the measurement
                _soffice(sorted(warm.glob("*.docx")), warm, [profile])
        load = [os.getloadavg()[0]]
        seconds: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for workers in (1, 2):
                seconds.setdefault(f"machine/{workers}", []).append(_machine(workers) / workers)
                for route in routes:
                    wall, used = _route(route, files, work, workers, profiles)
                    seconds.setdefault(f"{route}/{workers}", []).append(wall)
                    cpu.setdefault(route, []).append(used)
                    load.append(os.getloadavg()[0])
        batch: dict[str, list[float]] = {}
        if args.batch and BATCH_ROUTES & set(routes):
            (work / "batch").mkdir()
            many = _copies(work / "batch", args.batch)
            if "typst-raw" in routes:
                _raw_inputs(many, work / "batch" / "inputs.json")
            for _ in range(args.rounds):
                for workers in (1, 2):
                    batch.setdefault(f"machine/{workers}", []).append(_machine(workers) / workers)
                    for route in (route for route in routes if route in BATCH_ROUTES):
                        wall = _route(route, many, work, workers, profiles)[0]
                        batch.setdefault(f"{route}/{workers}", []).append(wall)
                    load.append(os.getloadavg()[0])
    return seconds, cpu, batch, load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument(
        "--batch", type=int, default=100, help="reports in the second scaling measurement, Typst only (0: none)"
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--soak", type=int, default=200, help="reports in the memory soak (0: none)")
    parser.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, of {', '.join(ROUTES)}")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "typst_results.json")
    args = parser.parse_args()
    routes = tuple(route for route in ROUTES if route in args.routes.split(","))
    if "libreoffice" in routes and shutil.which("soffice") is None:
        raise SystemExit("soffice not found: bash scripts/setup.sh dev installs LibreOffice")
    seconds, cpu, batch, load = _measure(args, routes)
    # machine/W holds seconds per process-loop: its "rate" is loops per second, comparable between 1 and 2.
    rates = {key: (1 if key.startswith("machine") else args.copies) / min(values) for key, values in seconds.items()}
    results = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "copies": args.copies,
        "rounds": args.rounds,
        "load_average_1min": [round(x, 2) for x in load],
        "cpus": os.cpu_count(),
        "seconds": {key: [round(v, 2) for v in values] for key, values in seconds.items()},
        "reports_per_second": {key: round(rate, 2) for key, rate in rates.items()},
        "typst_vs_libreoffice_2_workers": round(rates["typst/2"] / rates["libreoffice/2"], 2)
        if {"typst", "libreoffice"} <= set(routes)
        else None,
        # CPU seconds per report (all processes of the route): what the route costs whatever the load.
        "cpu_seconds_per_report": {route: round(min(values) / args.copies, 3) for route, values in cpu.items()},
        "scaling_1_to_2_workers": {
            route: round(rates[f"{route}/2"] / rates[f"{route}/1"], 2) for route in ("machine", *routes)
        },
        # Each round's own figures (the rounds ran under different load): machine and routes side by side.
        "scaling_by_round": [
            {route: round(seconds[f"{route}/1"][i] / seconds[f"{route}/2"][i], 2) for route in ("machine", *routes)}
            for i in range(args.rounds)
        ],
    }
    if batch:
        large = {key: (1 if key.startswith("machine") else args.batch) / min(values) for key, values in batch.items()}
        measured = ("machine", *(route for route in routes if route in BATCH_ROUTES))
        results["batch"] = {
            "reports": args.batch,
            "seconds": {key: [round(v, 2) for v in values] for key, values in batch.items()},
            "reports_per_second": {key: round(rate, 2) for key, rate in large.items()},
            "scaling_1_to_2_workers": {
                route: round(large[f"{route}/2"] / large[f"{route}/1"], 2) for route in measured
            },
            "scaling_by_round": [
                {route: round(batch[f"{route}/1"][i] / batch[f"{route}/2"][i], 2) for route in measured}
                for i in range(args.rounds)
            ],
        }
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.soak:
        results["typst_soak"] = {"reports": args.soak, **_soak(args.soak)}
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{'route':<12} {'1 worker':>10} {'2 workers':>10} {'2 / 1':>7}")
    for route in ("machine", *routes):
        one, two = rates[f"{route}/1"], rates[f"{route}/2"]
        print(f"{route:<12} {one:>8.2f}/s {two:>8.2f}/s {two / one:>6.2f}×")
    if batch:
        print(f"{args.batch} reports: {results['batch']}")
    if results["typst_vs_libreoffice_2_workers"] is not None:
        print(f"typst / libreoffice, 2 workers: {results['typst_vs_libreoffice_2_workers']}×")
    print(f"CPU seconds per report: {results['cpu_seconds_per_report']}")
    print(f"load average (1 min) during the run: {results['load_average_1min']}")
    if args.soak:
        print(f"typst soak, one process, {args.soak} reports: {results['typst_soak']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
