from __future__ import annotations

from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.model import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed() -> Report:
    return govdisclosure.load(EXAMPLES / "harbin-qts-2011.yaml")


@pytest.fixture(scope="session")
def huaian() -> Report:
    return govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")


def department_files(folder: Path, count: int) -> list[str]:
    """``count`` copies of the city department example, each of another agency, for batch tests."""
    source = (EXAMPLES / "city-department-2023.yaml").read_text(encoding="utf-8")
    names = []
    for index in range(count):
        path = folder / f"dept-{index:02d}.yaml"
        path.write_text(source.replace("云澜市自然资源和规划局", f"云澜市第{index}局"), encoding="utf-8")
        names.append(str(path))
    return names


def json_cells(data: object, prefix: str = "") -> dict[str, object]:
    """A JSON document flattened to dotted paths: ``requests.received.total`` → 3119."""
    out: dict[str, object] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out |= json_cells(value, f"{prefix}.{key}" if prefix else key)
    else:
        out[prefix] = data
    return out
