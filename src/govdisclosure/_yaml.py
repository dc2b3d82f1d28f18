"""PyYAML, imported with its regular expressions compiled on their first use.

PyYAML compiles about twenty patterns when it is imported: the pure-Python reader's check for
unprintable characters (9 ms: a class of the whole Unicode range), the default resolvers and
the timestamp pattern.  govdisclosure reads with libyaml's loader and its own resolvers, so
most of them never run, yet they cost every command that reads a report 16 ms of its start.
While PyYAML is imported (once per process), ``re.compile`` stands for
:func:`govdisclosure._patterns.lazy`, whose patterns compile at their first search or match.
A thread compiling a pattern in those milliseconds gets a lazy one too: it works as a
compiled pattern in every method, only ``isinstance(p, re.Pattern)`` tells it apart.
"""

from __future__ import annotations

import re

from govdisclosure._patterns import lazy

__all__ = ["yaml"]

_compile = re.compile
re.compile = lazy  # type: ignore[assignment]  # str patterns only, which is all PyYAML has
try:
    import yaml  # nothing happens if somebody imported it before
finally:
    re.compile = _compile
