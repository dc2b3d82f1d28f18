"""Finding and loading plugins, and a typed facade over their hooks.

Nothing is loaded at import time: :func:`get_plugin_manager` builds a manager with
the built-in plugins (``DEFAULT_PLUGINS``) and, unless told not to, every installed
plugin of the entry-point group ``govdisclosure``, loaded one at a time.  A plugin
that fails to load or to register is skipped with a warning naming its package and
the error; ``GOVDISCLOSURE_STRICT_PLUGINS=1`` makes that fatal (for CI).  A plugin is
disabled by name with ``GOVDISCLOSURE_DISABLE_PLUGINS=name,name`` or the
``disabled`` argument.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import warnings
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import attrs
import pluggy

from govdisclosure import hookspecs
from govdisclosure.exporters import DuplicateExporterError, ExporterRegistry, RegisteredExporter

if TYPE_CHECKING:
    from govdisclosure.validation.registry import RuleRegistry


class _Registry(Protocol):
    def _registering_for(self, plugin: str) -> None: ...
    def _snapshot(self) -> Any: ...
    def _restore(self, snapshot: Any) -> None: ...


__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_ENV",
    "STRICT_ENV",
    "PluginError",
    "PluginInfo",
    "PluginProblem",
    "PluginWarning",
    "Plugins",
    "get_plugin_manager",
    "get_plugins",
]

#: The built-in plugins: (plugin name, module).  Registered like any other plugin.
DEFAULT_PLUGINS: tuple[tuple[str, str], ...] = (
    ("govdisclosure-json", "govdisclosure.exporters.json_exporter"),
    ("govdisclosure-html", "govdisclosure.exporters.html_exporter"),
    ("govdisclosure-docx", "govdisclosure.exporters.docx_exporter"),
    ("govdisclosure-pdf", "govdisclosure.exporters.pdf_exporter"),
    ("govdisclosure-rules", "govdisclosure.validation.builtin"),
    ("govdisclosure-import", "govdisclosure.importing.rules"),
)
STRICT_ENV = "GOVDISCLOSURE_STRICT_PLUGINS"
DISABLE_ENV = "GOVDISCLOSURE_DISABLE_PLUGINS"


class PluginWarning(UserWarning):
    """A plugin was skipped because it is broken."""


class PluginError(RuntimeError):
    """A plugin is broken and strict mode is on, or two plugins clash."""


@attrs.frozen
class PluginProblem:
    """A plugin that could not be used, and why."""

    plugin: str
    package: str
    error: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} from {self.package} was skipped: {self.error}"


@attrs.frozen
class PluginInfo:
    """What ``govdisclosure plugins`` lists."""

    name: str
    package: str
    version: str
    builtin: bool
    hooks: tuple[str, ...]
    formats: tuple[str, ...]
    rules: tuple[str, ...] = ()


def _strict() -> bool:
    return os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def _disabled_by_env() -> set[str]:
    return {name.strip() for name in os.environ.get(DISABLE_ENV, "").split(",") if name.strip()}


def _package_of(entry_point: importlib.metadata.EntryPoint) -> tuple[str, str]:
    dist = entry_point.dist
    if dist is None:
        return "an unknown package", ""
    return dist.metadata["Name"] or dist.name, dist.version


class Plugins:
    """A plugin manager and what its plugins registered, with the problems met on the way."""

    def __init__(
        self, manager: pluggy.PluginManager, problems: list[PluginProblem], packages: dict[str, tuple[str, str]]
    ):
        self.manager = manager
        self.problems = problems
        self._packages = packages
        self._exporters: ExporterRegistry | None = None
        self._rules: RuleRegistry | None = None

    def _fail(self, problem: PluginProblem) -> None:
        if _strict():
            raise PluginError(f"{problem} ({STRICT_ENV} is set)")
        self.problems.append(problem)
        warnings.warn(str(problem), PluginWarning, stacklevel=3)

    def _fill(self, hook: str, registry: _Registry, clash: type[Exception]) -> None:
        """Call each plugin's ``hook`` with ``registry``; a failing plugin is skipped, its additions undone."""
        for impl in getattr(self.manager.hook, hook).get_hookimpls():
            name = impl.plugin_name
            registry._registering_for(name)
            before = registry._snapshot()
            try:
                impl.function(registry=registry)
            except clash as exc:
                raise PluginError(str(exc)) from None
            except Exception as exc:  # noqa: BLE001 - a broken plugin must not break the tool
                registry._restore(before)
                package = self._packages.get(name, ("", ""))[0]
                self._fail(PluginProblem(name, package, f"{hook} raised {type(exc).__name__}: {exc}"))

    @property
    def exporters(self) -> ExporterRegistry:
        """Every registered exporter, asked of each plugin once."""
        if self._exporters is None:
            registry = ExporterRegistry()
            self._fill("register_exporters", registry, DuplicateExporterError)
            self._exporters = registry
        return self._exporters

    @property
    def rules(self) -> RuleRegistry:
        """Every registered validation rule, asked of each plugin once."""
        if self._rules is None:
            from govdisclosure.validation.registry import DuplicateRuleError, RuleRegistry

            registry = RuleRegistry()
            self._fill("register_rules", registry, DuplicateRuleError)
            self._rules = registry
        return self._rules

    def exporter(self, name: str) -> RegisteredExporter | None:
        return self.exporters.get(name)

    def info(self) -> tuple[PluginInfo, ...]:
        """The registered plugins with their package, version, hooks and formats."""
        from govdisclosure import __version__

        formats: dict[str, list[str]] = {}
        for entry in self.exporters.entries():
            formats.setdefault(entry.plugin, []).append(entry.exporter.name)
        rules: dict[str, list[str]] = {}
        for rule in self.rules.rules():
            rules.setdefault(rule.plugin, []).append(rule.code)
        out = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:
                continue
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ()))
            package, version = self._packages.get(name, ("govdisclosure", __version__))
            out.append(
                PluginInfo(
                    name,
                    package,
                    version,
                    name in dict(DEFAULT_PLUGINS),
                    hooks,
                    tuple(formats.get(name, ())),
                    tuple(rules.get(name, ())),
                )
            )
        return tuple(out)


def get_plugin_manager(
    *,
    entry_points: bool = True,
    disabled: Iterable[str] = (),
    extra: Iterable[tuple[str, object]] = (),
) -> Plugins:
    """Build a plugin manager.

    ``entry_points=False`` gives the built-ins only (tests use that for a clean
    manager); ``disabled`` names plugins not to load, beside those in the
    ``GOVDISCLOSURE_DISABLE_PLUGINS`` variable; ``extra`` registers (name, plugin)
    pairs directly, as a test or an application embedding govdisclosure may.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    blocked = set(disabled) | _disabled_by_env()
    for name in blocked:
        manager.set_blocked(name)
    problems: list[PluginProblem] = []
    packages: dict[str, tuple[str, str]] = {}
    plugins = Plugins(manager, problems, packages)

    for name, module in DEFAULT_PLUGINS:
        if name not in blocked:
            manager.register(importlib.import_module(module), name=name)
    for name, plugin in extra:
        if name not in blocked:
            manager.register(plugin, name=name)
    if entry_points:
        for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME):
            name = entry_point.name
            if name in blocked or manager.has_plugin(name):
                continue
            packages[name] = _package_of(entry_point)
            package = " ".join(p for p in packages[name] if p)
            try:
                loaded: ModuleType | object = entry_point.load()
                manager.register(loaded, name=name)
            except Exception as exc:  # noqa: BLE001 - one broken plugin must not break the others
                plugins._fail(PluginProblem(name, package, f"{type(exc).__name__}: {exc}"))
    return plugins


def get_plugins() -> Plugins:
    """The plugins of this installation (built-ins and entry points)."""
    return get_plugin_manager()
