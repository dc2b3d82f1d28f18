"""The one small base of the registries plugins fill (exporters, rules).

A registry maps names to what plugins registered under them, and remembers which plugin
registered each.  The plugin manager says whose turn it is with :func:`registering`
while it calls a plugin's hook, so a registry never needs to be told by the plugin
itself; outside a hook the owner is ``"<unknown>"``.  A name taken twice is an error
naming both plugins.  Nothing of the project is imported here.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import ClassVar, Generic, TypeVar

import attrs

__all__ = ["UNKNOWN_PLUGIN", "Registered", "Registry", "registering"]

T = TypeVar("T")
UNKNOWN_PLUGIN = "<unknown>"
_current: contextvars.ContextVar[str] = contextvars.ContextVar("govdisclosure_registering", default=UNKNOWN_PLUGIN)


@contextlib.contextmanager
def registering(plugin: str) -> Iterator[None]:
    """Attribute what is registered inside the ``with`` block to ``plugin``."""
    token = _current.set(plugin)
    try:
        yield
    finally:
        _current.reset(token)


@attrs.frozen
class Registered(Generic[T]):
    """One entry: its name, what was registered and the plugin that registered it."""

    name: str
    item: T
    plugin: str


class Registry(Generic[T]):
    """Names to registered items, in registration order, each with its plugin."""

    kind: ClassVar[str] = "name"
    """What the names are, for messages: "format name", "rule code"."""
    clash: ClassVar[type[Exception]] = ValueError
    """The error raised when a name is taken twice."""
    hook: ClassVar[str] = ""
    """The hook (:mod:`govdisclosure.hookspecs`) the plugin manager fills the registry with."""

    def __init__(self) -> None:
        self._entries: dict[str, Registered[T]] = {}

    @staticmethod
    def current_plugin() -> str:
        """The plugin whose hook is running now (see :func:`registering`)."""
        return _current.get()

    def describe(self, item: T) -> str:
        """How a clash message names an item; empty to name only the plugins."""
        return ""

    def _add(self, name: str, item: T) -> None:
        plugin = self.current_plugin()
        taken = self._entries.get(name)
        if taken is not None:
            first, second = self.describe(taken.item), self.describe(item)
            raise self.clash(
                f"two {self.__class__.__name__.removesuffix('Registry').lower()}s use the {self.kind} {name!r}: "
                f"{first + ' (' if first else ''}plugin {taken.plugin}{')' if first else ''} and "
                f"{second + ' (' if second else ''}plugin {plugin}{')' if second else ''}"
            )
        self._entries[name] = Registered(name, item, plugin)

    def get_entry(self, name: str) -> Registered[T] | None:
        return self._entries.get(name)

    def names(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def items(self) -> tuple[T, ...]:
        return tuple(entry.item for entry in self._entries.values())

    def registered(self) -> tuple[Registered[T], ...]:
        """Every entry with its plugin, in registration order."""
        return tuple(self._entries.values())

    def plugin_of(self, name: str) -> str | None:
        """The plugin that registered ``name``."""
        entry = self._entries.get(name)
        return entry.plugin if entry else None

    def names_of(self, plugin: str) -> tuple[str, ...]:
        """What ``plugin`` registered."""
        return tuple(name for name, entry in self._entries.items() if entry.plugin == plugin)

    def withdraw(self, plugin: str) -> None:
        """Remove everything ``plugin`` registered (a plugin that failed half-way)."""
        self._entries = {name: entry for name, entry in self._entries.items() if entry.plugin != plugin}

    def __len__(self) -> int:
        return len(self._entries)
