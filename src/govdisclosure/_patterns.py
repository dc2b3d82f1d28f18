"""Regular expressions compiled on their first use.

The rule modules hold about a hundred patterns; compiling them all when the modules are
imported cost ``validate`` 40 ms of its start-up, although a report meets only the patterns
of its edition and of the words it contains.  ``lazy(source, flags)`` stands for
``re.compile(source, flags)`` and compiles at the first search, match or substitution.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["LazyPattern", "lazy"]


#: The methods of ``re.Pattern`` the rules call: after compiling, each is the compiled
#: pattern's own (bound, in a slot), so a search costs no Python call of this class.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A pattern's source, compiled on first use; every method of ``re.Pattern`` works on it."""

    __slots__ = ("_compiled", "_flags", "pattern", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(self.pattern, self._flags)
            for name in _METHODS:
                setattr(self, name, getattr(found, name))
        return found

    def __getattr__(self, name: str) -> Any:  # a method before the first use; flags, groups, groupindex…
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done at the pattern's first use."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
