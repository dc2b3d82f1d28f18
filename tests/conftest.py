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
