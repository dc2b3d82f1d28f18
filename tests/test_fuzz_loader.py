"""Fuzzing the loader: whatever bytes a file holds, load() returns a report or raises ReportLoadError.

CI runs a few hundred inputs of each kind; `bench/fuzz.py` runs tens of thousands (docs/reliability.md).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.testing import check_loads, mutate
from tests.helpers import EXAMPLES

SEEDS = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]


mutations = st.builds(
    mutate,
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_mutated_reports(data: bytes) -> None:
    check_loads(data, "yaml")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes(data: bytes) -> None:
    check_loads(data, "yaml")
    check_loads(data, "json")
