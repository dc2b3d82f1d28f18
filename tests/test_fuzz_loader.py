"""Fuzzing the loader: whatever bytes a file holds, load() returns a report or raises ReportLoadError.

CI runs a few hundred inputs of each kind; `bench/fuzz.py` runs tens of thousands (docs/reliability.md).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.serialization import ReportLoadError
from tests.conftest import EXAMPLES

SEEDS = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, position, value in edits:
        if not out:
            break
        at = position % len(out)
        if kind == 0:
            out[at] = value  # flip a byte
        elif kind == 1:
            del out[at : at + value % 64]  # cut a run
        else:
            out[at:at] = out[(at * 7) % len(out) : (at * 7) % len(out) + value % 64]  # duplicate a run
    return bytes(out)


mutations = st.builds(
    _mutate,
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
)


def _loads(data: bytes, fmt: str) -> None:
    problems: tuple[object, ...] = ()
    try:
        govdisclosure.loads(data, format=fmt)
    except ReportLoadError as exc:
        problems = exc.problems
        if not problems:
            raise AssertionError("a ReportLoadError without problems") from exc
    for problem in problems:
        assert problem.path.startswith("$")  # type: ignore[attr-defined]
        assert problem.message  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_mutated_reports(data: bytes) -> None:
    _loads(data, "yaml")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes(data: bytes) -> None:
    _loads(data, "yaml")
    _loads(data, "json")
