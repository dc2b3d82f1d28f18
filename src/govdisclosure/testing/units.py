"""Unit reports with known, varied figures, for roll-up tests and benchmarks.

Each unit is the sample report of its edition (:func:`govdisclosure.testing.sample_report`)
with another agency name and tables filled from a seeded random generator so that every
table adds up: the units pass validation, and a test can compute any sum itself from the
reports.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import attrs

from govdisclosure import model as m
from govdisclosure.editions import spec_for

__all__ = ["unit_report", "unit_reports", "write_units"]

T = TypeVar("T")

_BASE_CACHE: dict[m.Edition, m.Report] = {}


def _base(edition: m.Edition) -> m.Report:
    if edition not in _BASE_CACHE:
        from govdisclosure.testing import sample_report

        _BASE_CACHE[edition] = sample_report(edition)
    return _BASE_CACHE[edition]


def _counts(parts: list[int]) -> m.ApplicantCounts:
    natural, business, research, public_interest, legal, other = parts
    return m.ApplicantCounts(natural, business, research, public_interest, legal, other, sum(parts))


def _row(rng: random.Random, high: int) -> m.ApplicantCounts:
    parts = [rng.choice((0, 0, rng.randint(0, high))) for _ in range(6)]
    parts[0] = rng.randint(0, high)  # 自然人 nearly always has some
    return _counts(parts)


def _filled(rng: random.Random, cls: type[T]) -> T:
    return cls(*(_row(rng, 4) for _ in attrs.fields(cls)))  # type: ignore[arg-type]


def _requests(rng: random.Random, trial: bool) -> m.RequestTable:
    other: m.OtherHandling | m.ApplicantCounts = (
        _row(rng, 3) if trial else m.OtherHandling(_row(rng, 2), _row(rng, 2), _row(rng, 2))
    )
    table = m.RequestTable(
        disclosed=_row(rng, 60),
        partially_disclosed=_row(rng, 10),
        withheld=_filled(rng, m.Withheld),
        cannot_provide=_filled(rng, m.CannotProvide),
        not_processed=_filled(rng, m.NotProcessed),
        other_handling=other,
    )
    outcomes = table.computed_outcomes_total
    forward = _row(rng, 5)
    done, left = [p or 0 for p in outcomes.parts()], [p or 0 for p in forward.parts()]
    over_parts = [min(rng.randint(0, 5), o + f) for o, f in zip(done, left, strict=True)]
    received_parts = [o + f - c for o, f, c in zip(done, left, over_parts, strict=True)]
    return attrs.evolve(
        table,
        outcomes_total=outcomes,
        carried_forward=forward,
        carried_over=_counts(over_parts),
        received=_counts(received_parts),
    )


def _appeals(rng: random.Random) -> m.AppealsTable:
    def group() -> m.AppealsGroup:
        upheld, corrected, other, pending = (rng.randint(0, 3) for _ in range(4))
        return m.AppealsGroup(upheld, corrected, other, pending, upheld + corrected + other + pending)

    return m.AppealsTable(group(), group(), group())


def _proactive(rng: random.Random, trial: bool) -> m.ProactiveTable | m.TrialProactiveTable:
    if trial:

        def items() -> m.ItemCounts:
            return m.ItemCounts(rng.randint(0, 50), rng.randint(-5, 5), rng.randint(0, 900))

        def docs() -> m.TrialDocumentCounts:
            return m.TrialDocumentCounts(*(rng.randint(0, 20) for _ in range(3)))

        return m.TrialProactiveTable(
            docs(), docs(), items(), items(), items(), items(),
            m.FeeItems(rng.randint(0, 9), rng.randint(-2, 2)),
            m.Procurement(rng.randint(0, 30), Decimal(rng.randint(0, 10**7)) / 100, "万元"),
        )  # fmt: skip
    return m.ProactiveTable(
        m.DocumentCounts(0, 0, 0),
        m.DocumentCounts(rng.randint(0, 12), rng.randint(0, 3), rng.randint(10, 90)),
        m.DecisionCount(rng.randint(0, 5000)),
        m.DecisionCount(rng.randint(0, 800)),
        m.DecisionCount(rng.randint(0, 40)),
        m.FeeAmount(Decimal(rng.randint(0, 10**6)) / 10000),
    )


def unit_report(index: int, edition: m.Edition = m.Edition.NATIONAL_2021, *, year: int | None = None) -> m.Report:
    """Unit ``index``: a consistent report of ``edition`` with its own agency and figures."""
    rng = random.Random(f"{edition.value}-{index}")
    base = _base(edition)
    trial = edition is m.Edition.NATIONAL_2019_TRIAL
    spec = spec_for(edition)
    sections = tuple(
        m.Section(title=s.title, key=s.key, body=(m.Paragraph(f"第{index}单位{s.title}的说明。"),))
        for s in spec.sections
    )
    return attrs.evolve(
        base,
        agency=attrs.evolve(base.agency, name=f"云澜市第{index}单位", parent=None),
        year=year or base.year,
        preamble=(m.Paragraph("本报告依据《中华人民共和国政府信息公开条例》编制。"),),
        sections=sections,
        problems=(),
        improvements=(),
        metrics=(),
        proactive=_proactive(rng, trial),
        requests=_requests(rng, trial),
        appeals=_appeals(rng),
    )


def unit_reports(count: int, edition: m.Edition = m.Edition.NATIONAL_2021) -> list[m.Report]:
    return [unit_report(index, edition) for index in range(count)]


def write_units(folder: Path, reports: list[m.Report]) -> list[str]:
    """The reports as YAML files in ``folder``, named unit-NNN.yaml."""
    from govdisclosure.serialization import dumps_yaml

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index, report in enumerate(reports):
        path = folder / f"unit-{index:03d}.yaml"
        path.write_text(dumps_yaml(report), encoding="utf-8")
        names.append(str(path))
    return names
