"""The plugin spine keeps pluggy's contract: order, tryfirst/trylast, wrappers, check_pending, attribution."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, BinaryIO

import pytest

from govdisclosure import Exporter, ExporterRegistry, hookimpl
from govdisclosure.model import Report
from govdisclosure.plugins import PluginError, PluginWarning, get_plugin_manager
from govdisclosure.validation import RuleRegistry


def _exporter(format_name: str) -> type[Exporter]:
    class Made(Exporter):
        name = format_name
        suffix = f".{format_name}"
        media_type = "text/plain"

        def export(self, report: Report, out: BinaryIO) -> None:
            out.write(report.agency.name.encode())

    return Made


class _Recording:
    """A plugin that notes when its hook is called and registers one format."""

    def __init__(self, calls: list[str], label: str) -> None:
        self.calls, self.label = calls, label

    def _register(self, registry: ExporterRegistry) -> None:
        self.calls.append(self.label)
        registry.add(_exporter(f"fmt-{self.label}"))


class _Plain(_Recording):
    @hookimpl
    def register_exporters(self, registry: ExporterRegistry) -> None:
        self._register(registry)


class _First(_Recording):
    @hookimpl(tryfirst=True)
    def register_exporters(self, registry: ExporterRegistry) -> None:
        self._register(registry)


class _Last(_Recording):
    @hookimpl(trylast=True)
    def register_exporters(self, registry: ExporterRegistry) -> None:
        self._register(registry)


class _Wrapper:
    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    @hookimpl(wrapper=True)
    def register_exporters(self, registry: ExporterRegistry) -> Generator[None, object, object]:
        self.calls.append("wrapper:before")
        registry.add(_exporter("fmt-wrapper"))
        result = yield
        self.calls.append(f"wrapper:after:{len(registry.names())}")
        return result


def test_pluggy_orders_tryfirst_and_trylast_and_wraps_the_call() -> None:
    calls: list[str] = []
    extra = [
        ("last", _Last(calls, "last")),
        ("plain-1", _Plain(calls, "plain-1")),
        ("wrapper", _Wrapper(calls)),
        ("first", _First(calls, "first")),
        ("plain-2", _Plain(calls, "plain-2")),
    ]
    plugins = get_plugin_manager(entry_points=False, extra=extra)
    registry = plugins.exporters
    # The wrapper runs around everything; tryfirst runs before and trylast after the plain ones,
    # which run in the order the plugins were given.
    assert calls == ["wrapper:before", "first", "plain-1", "plain-2", "last", f"wrapper:after:{len(registry.names())}"]
    assert registry.names()[:2] == ("fmt-wrapper", "fmt-first")
    assert registry.names()[-1] == "fmt-last"
    # Each registration is attributed to the plugin whose hook made it, the wrapper's included.
    assert registry.plugin_of("fmt-first") == "first"
    assert registry.plugin_of("fmt-wrapper") == "wrapper"
    assert registry.plugin_of("json") == "govdisclosure-json"
    assert registry.names_of("plain-2") == ("fmt-plain-2",)


class _Misspelled:
    @hookimpl
    def register_exporter(self, registry: ExporterRegistry) -> None:  # missing the final "s"
        registry.add(_exporter("never"))


def test_a_misspelled_hook_is_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_STRICT_PLUGINS", raising=False)
    with pytest.warns(
        PluginWarning, match=r"plugin 'typo'.*unknown hook 'register_exporter'.*did you mean 'register_exporters'"
    ):
        plugins = get_plugin_manager(entry_points=False, extra=[("typo", _Misspelled())])
    assert [p.plugin for p in plugins.problems] == ["typo"]
    assert "typo" not in [info.name for info in plugins.info()]
    assert "never" not in plugins.exporters.names()


def test_a_misspelled_hook_is_fatal_in_strict_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDISCLOSURE_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError, match="unknown hook 'register_exporter'"):
        get_plugin_manager(entry_points=False, extra=[("typo", _Misspelled())])


class _HalfBroken:
    """Registers one format, then fails: what it registered is withdrawn, the others still run."""

    @hookimpl(tryfirst=True)
    def register_exporters(self, registry: ExporterRegistry) -> None:
        registry.add(_exporter("half"))
        raise RuntimeError("lost its font")

    @hookimpl
    def register_rules(self, registry: RuleRegistry) -> None:
        raise SystemExit(3)  # a plugin that exits must not end the run


def test_a_failing_plugin_is_withdrawn_and_the_others_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_STRICT_PLUGINS", raising=False)
    calls: list[str] = []
    plugins = get_plugin_manager(entry_points=False, extra=[("broken", _HalfBroken()), ("fine", _Plain(calls, "x"))])
    with pytest.warns(PluginWarning, match="lost its font"):
        names = plugins.exporters.names()
    assert "half" not in names
    assert "fmt-x" in names  # called after the broken one
    with pytest.warns(PluginWarning, match="SystemExit"):
        codes = [rule.code for rule in plugins.rules.rules()]
    assert "T3-BALANCE" in codes


def test_hook_arguments_are_checked_against_the_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    class WrongArgument:
        @hookimpl
        def register_exporters(self, registy: Any) -> None:  # pluggy refuses an argument the hook does not pass
            raise AssertionError("never called")

    monkeypatch.delenv("GOVDISCLOSURE_STRICT_PLUGINS", raising=False)
    with pytest.warns(PluginWarning, match="plugin 'wrong'"):
        plugins = get_plugin_manager(entry_points=False, extra=[("wrong", WrongArgument())])
    assert plugins.exporters.names() == ("json", "html", "docx", "pdf")
