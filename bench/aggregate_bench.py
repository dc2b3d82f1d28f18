"""Benchmark: a roll-up of 2,000 unit reports on one core (target: under 10 s).

Measured on one CPU core (the process is pinned where the system allows it), each as CPU
seconds (``*_cpu_s``: what the work costs, whatever else the machine runs) and wall seconds:

- ``rollup``: :func:`govdisclosure.aggregate.roll_up` over loaded reports — the sums and the
  lineage of every cell;
- ``aggregate``: :func:`govdisclosure.aggregate.aggregate` over loaded reports — validating each
  unit, the coverage, then the roll-up;
- ``load_yaml_and_aggregate`` / ``load_json_and_aggregate``: reading the 2,000 files, then ``aggregate``;
- ``command_yaml`` / ``command_json``: ``govdisclosure aggregate`` as a user runs it, in a new
  process: reading, validating, adding up, writing the result and its lineage file.

The unit files are the tests' units (govdisclosure.testing.units): the city department example with
varied, consistent tables.  Run ``.venv/bin/python bench/aggregate_bench.py [--units N]``; the
figures are printed as JSON and written to bench/aggregate_results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govdisclosure import default_plugins

RULES = default_plugins().rules.rules()

ROOT = Path(__file__).resolve().parent.parent


def _pin() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        return "not pinned"
    return "pinned to one core"


def _timed(results: dict[str, object], key: str, fn: Callable[[], object]) -> object:
    """Run ``fn``; record its CPU seconds (``key``) and wall seconds (``key_wall``)."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    results[f"{key}_cpu_s"] = round(time.process_time() - cpu, 3)
    results[f"{key}_wall_s"] = round(time.perf_counter() - wall, 3)
    return value


def _command(results: dict[str, object], key: str, command: list[str]) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    results[f"{key}_cpu_s"] = round(cpu, 3)
    results[f"{key}_wall_s"] = round(time.perf_counter() - wall, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    args = parser.parse_args()
    pinned = _pin()

    import govdisclosure
    from govdisclosure.aggregate import Unit, aggregate, roll_up
    from govdisclosure.serialization import dumps_json
    from govdisclosure.testing.units import unit_reports, write_units

    reports = unit_reports(args.units)
    agency = "云澜市人民政府"
    results: dict[str, object] = {"units": args.units, "cpu": pinned, "python": platform.python_version()}
    units = [Unit(r.agency.name, f"u{i}", r) for i, r in enumerate(reports)]
    pairs = [(f"u{i}", r) for i, r in enumerate(reports)]
    _timed(results, "rollup", lambda: roll_up(units, agency=agency, year=2023))
    _timed(results, "aggregate", lambda: aggregate(pairs, agency=agency, year=2023, rules=RULES))
    with tempfile.TemporaryDirectory() as tmp:
        yaml_names = write_units(Path(tmp) / "yaml", reports)
        json_names = []
        (Path(tmp) / "json").mkdir()
        for index, report in enumerate(reports):
            path = Path(tmp) / "json" / f"unit-{index:03d}.json"
            path.write_text(dumps_json(report), encoding="utf-8")
            json_names.append(str(path))
        for kind, names in (("yaml", yaml_names), ("json", json_names)):

            def load_and_aggregate(names: list[str] = names) -> object:
                loaded = [(name, govdisclosure.load(name)) for name in names]
                return aggregate(loaded, agency=agency, year=2023, rules=RULES)

            _timed(results, f"load_{kind}_and_aggregate", load_and_aggregate)
            exe = str(Path(sys.executable).parent / "govdisclosure")
            out = Path(tmp) / f"city-{kind}.yaml"
            command = [exe, "aggregate", *names, "--agency", agency, "--year", "2023", "-o", str(out)]
            if hasattr(os, "sched_getaffinity") and shutil.which("taskset"):
                command = ["taskset", "-c", str(min(os.sched_getaffinity(0))), *command]
            _command(results, f"command_{kind}", command)
        results["lineage_mb"] = round((Path(tmp) / "city-json.yaml.lineage.json").stat().st_size / 2**20, 2)
    results["target_s"] = 10
    print(json.dumps(results, indent=2, ensure_ascii=False))
    (ROOT / "bench" / "aggregate_results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
