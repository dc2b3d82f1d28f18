"""A long fuzzing run over the loader (the short one is tests/test_fuzz_loader.py).

    .venv/bin/python bench/fuzz.py 20000

Feeds the loader N mutated example files and N arbitrary inputs (as YAML and as JSON); any
exception other than ReportLoadError, or a ReportLoadError without a usable problem, is a bug.
Prints the counts and the time for docs/reliability.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.testing import check_loads, mutate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.yaml"))]
mutations = st.builds(
    mutate,
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    tried = {"mutated": 0, "arbitrary": 0}
    common = {"max_examples": count, "deadline": None, "database": None, "suppress_health_check": list(HealthCheck)}

    @settings(**common)
    @given(mutations)
    def mutated(data: bytes) -> None:
        tried["mutated"] += 1
        check_loads(data, "yaml")

    @settings(**common)
    @given(st.binary(max_size=4000) | st.text(max_size=4000).map(lambda t: t.encode("utf-8", "surrogatepass")))
    def arbitrary(data: bytes) -> None:
        tried["arbitrary"] += 1
        check_loads(data, "yaml")
        check_loads(data, "json")

    start = time.monotonic()
    mutated()
    arbitrary()
    print(f"{tried['mutated']} mutated reports and {tried['arbitrary']} arbitrary inputs (as YAML and JSON) "
          f"in {time.monotonic() - start:.0f} s: no crash")  # fmt: skip


if __name__ == "__main__":
    main()
