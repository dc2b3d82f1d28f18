from __future__ import annotations

import pytest

import govdisclosure
from govdisclosure.model import Report
from tests.helpers import EXAMPLES


@pytest.fixture(scope="session")
def seed() -> Report:
    return govdisclosure.load(EXAMPLES / "harbin-qts-2011.yaml")


@pytest.fixture(scope="session")
def huaian() -> Report:
    return govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
