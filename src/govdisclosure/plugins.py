"""Finding and loading plugins, and calling their hooks through pluggy.

Nothing is loaded at import time: :func:`get_plugin_manager` builds a manager with the
built-in plugins (``DEFAULT_PLUGINS``) and, unless told not to, every installed plugin of
the entry-point group ``govdisclosure``, loaded one at a time; :func:`default_plugins` is
the one manager of the process, built on first use.

Every hook is called through pluggy (``manager.hook.register_exporters(registry=…)``), so
``tryfirst``/``trylast`` and hook wrappers work as pluggy documents them.  Each of a
plugin's hook implementations runs inside a guard that (1) tells the registries whose turn
it is (:func:`govdisclosure.registry.registering`), so every registry knows which plugin
registered what, and (2) contains a failure: a plugin whose hook raises is reported as a
:class:`PluginProblem` and what it registered is withdrawn, while the other plugins'
implementations still run.  ``check_pending()`` runs after loading: a plugin implementing
a hook that does not exist (a misspelled name) is reported and skipped.
``GOVDISCLOSURE_STRICT_PLUGINS=1`` makes every such problem fatal (for CI); a plugin is
disabled by name with ``GOVDISCLOSURE_DISABLE_PLUGINS=name,name`` or ``disabled``.
"""

from __future__ import annotations

import difflib
import functools
import os
import types
import warnings
from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

import attrs
import pluggy

from govdisclosure import _discovery, hookspecs
from govdisclosure._guard import is_plugin_fault, plugin_output
from govdisclosure.exporters import ExporterRegistry, RegisteredExporter
from govdisclosure.registry import Registry, registering
from govdisclosure.validation.registry import RuleRegistry

__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_ENV",
    "STRICT_ENV",
    "PluginError",
    "PluginInfo",
    "PluginProblem",
    "PluginWarning",
    "Plugins",
    "default_plugins",
    "get_plugin_manager",
    "get_plugins",
]

#: The built-in plugins: (plugin name, object as an entry point names it).  Registered like any other plugin.
DEFAULT_PLUGINS: tuple[tuple[str, str], ...] = (
    ("govdisclosure-json", "govdisclosure.exporters.builtin:JSON"),
    ("govdisclosure-html", "govdisclosure.exporters.builtin:HTML"),
    ("govdisclosure-docx", "govdisclosure.exporters.builtin:DOCX"),
    ("govdisclosure-pdf", "govdisclosure.exporters.builtin:PDF"),
    ("govdisclosure-rules", "govdisclosure.validation.builtin"),
    ("govdisclosure-import", "govdisclosure.importing.rules"),
)
STRICT_ENV = "GOVDISCLOSURE_STRICT_PLUGINS"
DISABLE_ENV = "GOVDISCLOSURE_DISABLE_PLUGINS"

R = TypeVar("R", bound=Registry[Any])


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


#: Registries whose names clash raise these; a clash is the user's to resolve, never skipped.
_CLASHES: tuple[type[Exception], ...] = (ExporterRegistry.clash, RuleRegistry.clash)


class Plugins:
    """A plugin manager and what its plugins registered, with the problems met on the way."""

    def __init__(
        self, manager: pluggy.PluginManager, problems: list[PluginProblem], packages: dict[str, tuple[str, str]]
    ):
        self.manager = manager
        self.problems = problems
        self._packages = packages
        self._registries: dict[type[Registry[Any]], Registry[Any]] = {}

    # ----------------------------------------------------------------- problems

    def _package(self, name: str) -> str:
        return " ".join(part for part in self._packages.get(name, ("", "")) if part)

    def _fail(self, plugin: str, error: str) -> None:
        problem = PluginProblem(plugin, self._package(plugin), error)
        if _strict():
            raise PluginError(f"{problem} ({STRICT_ENV} is set)")
        self.problems.append(problem)
        warnings.warn(str(problem), PluginWarning, stacklevel=4)

    # ----------------------------------------------------------------- guarding each implementation

    def _guarded_plugin(self, name: str, plugin: object) -> object:
        """``plugin``'s hook implementations, each run attributed to it and with its failures contained.

        pluggy registers the returned namespace in the plugin's place; the markers and
        signatures of the implementations are kept (``functools.wraps``), so pluggy
        orders and wraps them exactly as it would the plugin's own functions.
        """
        guarded = types.SimpleNamespace()
        marker = f"{hookspecs.PROJECT_NAME}_impl"
        for attribute in dir(plugin):
            if not hasattr(getattr(plugin, attribute, None), marker):
                continue  # pluggy's own test, done first cheaply: a rule module has hundreds of names
            opts = self.manager.parse_hookimpl_opts(plugin, attribute)
            if opts is None:
                continue
            function = getattr(plugin, attribute)
            if opts.get("wrapper") or opts.get("hookwrapper"):
                wrapped = self._guarded_wrapper(function, name, bool(opts.get("wrapper")))
            else:
                wrapped = self._guarded_function(function, name, attribute)
            setattr(guarded, attribute, functools.wraps(function)(wrapped))
        guarded.__govdisclosure_plugin__ = plugin
        return guarded

    def _guarded_function(self, function: Callable[..., Any], name: str, hook: str) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                with registering(name), plugin_output():
                    return function(*args, **kwargs)
            except _CLASHES as exc:
                raise PluginError(str(exc)) from None
            except (
                BaseException
            ) as exc:  # a broken plugin (sys.exit, its own KeyboardInterrupt) must not break the others
                if not is_plugin_fault(exc):
                    raise
                for value in (*args, *kwargs.values()):
                    if isinstance(value, Registry):
                        value.withdraw(name)
                self._fail(name, f"{hook} raised {type(exc).__name__}: {exc}")
                return None

        return guarded

    def _guarded_wrapper(self, function: Callable[..., Any], name: str, new_style: bool) -> Callable[..., Any]:
        fail = self._fail

        def guarded(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
            inner = function(*args, **kwargs)
            try:
                with registering(name), plugin_output():
                    value = next(inner)
            except BaseException as exc:  # a broken wrapper becomes a transparent one
                if not is_plugin_fault(exc):
                    raise
                fail(name, f"a hook wrapper raised {type(exc).__name__}: {exc}")
                return (yield) if new_style else None
            while True:
                try:
                    sent = yield value
                except GeneratorExit:
                    inner.close()
                    raise
                except BaseException as exc:  # noqa: BLE001 - handed on to the plugin's wrapper, as pluggy does
                    step: Callable[[], Any] = functools.partial(inner.throw, exc)
                else:
                    step = functools.partial(inner.send, sent)
                try:
                    with registering(name):
                        value = step()
                except StopIteration as stop:
                    return stop.value

        return guarded

    def register(self, name: str, plugin: object) -> None:
        """Register ``plugin`` under ``name``; a plugin pluggy refuses is reported, not fatal."""
        try:
            self.manager.register(self._guarded_plugin(name, plugin), name=name)
        except pluggy.PluginValidationError as exc:
            self._fail(name, str(exc))

    def check_pending(self) -> None:
        """Report and skip every plugin that implements a hook govdisclosure does not have."""
        known = [hook for hook in dir(hookspecs) if hook.startswith("register_")]
        while True:
            try:
                self.manager.check_pending()
            except pluggy.PluginValidationError as exc:
                name = self.manager.get_name(exc.plugin) or repr(exc.plugin)
                unknown = [
                    caller.name
                    for caller in self.manager.get_hookcallers(exc.plugin) or ()
                    if not caller.has_spec() and not all(i.optionalhook for i in caller.get_hookimpls())
                ]
                hints = [
                    f"{hook!r}" + "".join(f" (did you mean {m!r}?)" for m in difflib.get_close_matches(hook, known, 1))
                    for hook in unknown
                ]
                self.manager.unregister(exc.plugin)
                self._fail(name, f"it implements the unknown hook {', '.join(hints)}; the hooks are {', '.join(known)}")
            else:
                return

    # ----------------------------------------------------------------- registries

    def registry(self, kind: type[R]) -> R:
        """The registry ``kind`` (exporters, rules…), filled by every plugin's hook once, through pluggy."""
        found = self._registries.get(kind)
        if found is None:
            found = kind()
            try:
                getattr(self.manager.hook, kind.hook)(registry=found)
            except PluginError:
                raise
            except Exception as exc:  # noqa: BLE001 - only a hook wrapper's teardown can get here
                self._fail("<a hook wrapper>", f"{kind.hook} raised {type(exc).__name__}: {exc}")
            self._registries[kind] = found
        return found  # type: ignore[return-value]

    @property
    def exporters(self) -> ExporterRegistry:
        """Every registered exporter, asked of each plugin once."""
        return self.registry(ExporterRegistry)

    @property
    def rules(self) -> RuleRegistry:
        """Every registered validation rule, asked of each plugin once."""
        return self.registry(RuleRegistry)

    def exporter(self, name: str) -> RegisteredExporter | None:
        return self.exporters.get(name)

    def info(self) -> tuple[PluginInfo, ...]:
        """The registered plugins with their package, version, hooks and formats."""
        import importlib.metadata

        try:
            own = importlib.metadata.version("govdisclosure")
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source tree that is not installed
            own = "0+unknown"
        out = []
        for name, plugin in reversed(self.manager.list_name_plugin()):  # registered in reverse (see below)
            if plugin is None:
                continue
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ()))
            package, version = self._packages.get(name, ("govdisclosure", own))
            builtin = name in dict(DEFAULT_PLUGINS)
            formats, rules = self.exporters.names_of(name), self.rules.names_of(name)
            out.append(PluginInfo(name, package, version, builtin, hooks, formats, rules))
        return tuple(out)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, not looking at the private names of what it registers.

    pluggy inspects every name ``dir()`` gives of a registered plugin (with
    ``inspect.getattr_static``): for the namespace each plugin's hooks are registered in, that is
    some thirty names of ``object``'s and one hook, 12 ms of every start for eight plugins.  No
    hook's name starts with "_" (a misspelled public one is still found and reported).
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if name.startswith("_"):
            return None
        return super().parse_hookimpl_opts(plugin, name)


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
    manager = _Manager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    blocked = set(disabled) | _disabled_by_env()
    for name in blocked:
        manager.set_blocked(name)
    packages: dict[str, tuple[str, str]] = {}
    plugins = Plugins(manager, [], packages)
    loaded: dict[str, object] = {}
    for name, value in DEFAULT_PLUGINS:
        if name not in blocked:
            loaded[name] = _discovery.EntryPoint(name, value, "govdisclosure", "").load()
    for name, plugin in extra:
        if name not in blocked:
            loaded.setdefault(name, plugin)
    if entry_points:
        for entry_point in _discovery.entry_points(hookspecs.PROJECT_NAME):
            name = entry_point.name
            if name in blocked or name in loaded:
                continue
            packages[name] = (entry_point.package, entry_point.version)
            try:
                with plugin_output():
                    loaded[name] = entry_point.load()
            except BaseException as exc:  # one broken plugin (even one exiting at import) must not break the others
                if not is_plugin_fault(exc):
                    raise
                plugins._fail(name, f"{type(exc).__name__}: {exc}")
    # pluggy calls the plugin registered last first: registering in reverse makes the plain call
    # order the loading order (built-ins first), which tryfirst/trylast then adjust.
    for name, plugin in reversed(loaded.items()):
        plugins.register(name, plugin)
    plugins.check_pending()
    return plugins


def get_plugins() -> Plugins:
    """A new manager with the plugins of this installation (built-ins and entry points)."""
    return get_plugin_manager()


@functools.cache
def default_plugins() -> Plugins:
    """This installation's plugins, loaded once per process: the one plugin cache."""
    return get_plugins()
