"""Paths and small helpers shared by the tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from govdisclosure.testing import agency_copies

if TYPE_CHECKING:
    import pytest

__all__ = ["DATA", "EXAMPLES", "ROOT", "department_files", "exporters_plugin", "json_cells", "with_plugins"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


def department_files(folder: Path, count: int) -> list[str]:
    """``count`` copies of the city department example, each of another agency, for batch tests."""
    return agency_copies(EXAMPLES / "city-department-2023.yaml", folder, count)


def json_cells(data: object, prefix: str = "") -> dict[str, object]:
    """A JSON document flattened to dotted paths: ``requests.received.total`` → 3119."""
    out: dict[str, object] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out |= json_cells(value, f"{prefix}.{key}" if prefix else key)
    else:
        out[prefix] = data
    return out


def exporters_plugin(*exporters: type) -> object:
    """A plugin whose one hook registers ``exporters``, as a package adding formats would."""
    from govdisclosure import ExporterRegistry, hookimpl

    class ExportersPlugin:
        @hookimpl
        def register_exporters(self, registry: ExporterRegistry) -> None:
            for exporter in exporters:
                registry.add(exporter)

    return ExportersPlugin()


def with_plugins(monkeypatch: pytest.MonkeyPatch, *plugins: tuple[str, object]) -> None:
    """Make every plugin manager built during the test (the command line's too) also load ``plugins``."""
    import govdisclosure.plugins as plugins_module

    original = plugins_module.get_plugin_manager
    monkeypatch.setattr(plugins_module, "get_plugin_manager", lambda **kw: original(**kw, extra=list(plugins)))
