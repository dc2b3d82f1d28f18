"""The code attrs and cattrs generate for govdisclosure's classes, compiled once and kept.

attrs writes each class's ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` as Python
source and compiles it when the class is defined; cattrs does the same for each class's
structure and unstructure functions.  For the ~100 classes a ``validate`` loads that is
180 KB of source and 55 ms of ``compile()`` at every start, a fifth of the command's time
(attrs issue #575: generated code gets no ``.pyc``).

This module keeps the compiled code objects the way Python keeps ``.pyc`` files:

- in the package's ``__pycache__`` (or under ``PYTHONPYCACHEPREFIX``), one file per
  interpreter (its cache tag and bytecode magic number) and optimisation level;
- keyed by the generated file name and the exact source, so a changed class, attrs or
  cattrs simply compiles again, and the file is rewritten when something was compiled;
- not written when ``PYTHONDONTWRITEBYTECODE`` is set or the folder is read-only;
- a file that cannot be read (truncated, another interpreter's) is ignored and replaced.

Only the names attrs and cattrs give govdisclosure's own classes
(``<attrs generated methods govdisclosure.model.report.Report>``) and the libraries' own
(``attr.validators``, ``cattrs.dispatch``: 30 more scripts, 8 ms) go through the cache;
anybody else's classes compile as before.  attrs puts one per-process number in the
source of ``__hash__`` (the hash of a string, which changes with the hash seed): it is
replaced by a fixed marker before the lookup and put back into the code's constants.

The patch is the module-level name ``compile`` in ``attr._make`` and ``cattrs.gen``, the
two places the libraries compile their scripts.  It is set as those modules are imported,
before their code runs, so the classes ``attr._make`` defines for itself are cached too (an
import hook that removes itself), or at once if they already are imported.
"""

from __future__ import annotations
import __future__

import builtins
import contextlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

__all__ = ["cache_path", "install", "stats"]

_PATCHED = ("attr._make", "cattrs.gen")
#: The modules whose classes' generated code is cached (as they appear in the generated file name).
_CACHED = (" govdisclosure.", " attr.", " cattrs.")
_GENERATED = ("<attrs generated ", "<cattrs generated ")
# Stands for attrs' per-process type hash in the cached source; put back at load.
_MARKER = 0x5EED_C0DE_0DDB_A11
_MAGIC = importlib.util.MAGIC_NUMBER + b"gdcc1"

_compile = builtins.compile


def cache_path() -> str:
    """Where the compiled code is kept: beside the package's ``.pyc`` files."""
    source = Path(__file__).resolve().with_name("generated-code.py")
    return importlib.util.cache_from_source(str(source)).removesuffix(".pyc") + ".marshal"


class _Cache:
    """What this process read from the cache file, used and compiled."""

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], CodeType] | None = None
        self.used: dict[tuple[str, str], CodeType] = {}
        self.hits = 0
        self.misses = 0

    def load(self) -> dict[tuple[str, str], CodeType]:
        if self.stored is None:
            self.stored = {}
            try:
                data = Path(cache_path()).read_bytes()
                if data.startswith(_MAGIC):
                    loaded = marshal.loads(data[len(_MAGIC) :])
                    if isinstance(loaded, dict):
                        self.stored = loaded
            except (OSError, EOFError, ValueError, TypeError):
                pass
        return self.stored

    def get(self, key: tuple[str, str], compile_it: Any) -> CodeType:
        code = self.load().get(key)
        if not isinstance(code, CodeType):  # not there (or a damaged file's entry)
            if not self.misses:
                import atexit

                atexit.register(self.save)
            self.misses += 1
            code = compile_it()
        else:
            self.hits += 1
        self.used[key] = code
        return code

    def save(self) -> None:
        """Write this run's code with what other runs stored for other classes (atomically)."""
        if sys.dont_write_bytecode or not self.misses:
            return
        names = {name for name, _ in self.used}
        kept = {key: code for key, code in self.load().items() if key[0] not in names}
        kept.update(self.used)
        path = Path(cache_path())
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(_MAGIC + marshal.dumps(kept))
            temporary.replace(path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temporary.unlink()


_cache = _Cache()


def stats() -> dict[str, int]:
    """How many generated scripts came from the cache (hits) and how many were compiled (misses)."""
    return {"hits": _cache.hits, "misses": _cache.misses}


def _type_hash(filename: str) -> int | None:
    """attrs' per-process number for the class a generated file name belongs to."""
    if not filename.startswith("<attrs generated "):
        return None
    _, _, qualified = filename[len("<attrs generated ") : -1].partition(" ")
    return hash(f"<attrs generated hash {qualified}>")


def _with_constant(code: CodeType, old: int, new: int) -> CodeType:
    consts = tuple(
        new
        if type(value) is int and value == old
        else _with_constant(value, old, new)
        if isinstance(value, CodeType)
        else value
        for value in code.co_consts
    )
    return code.replace(co_consts=consts) if consts != code.co_consts else code


def _future_flags(module: ModuleType) -> int:
    """The compiler flags of the ``__future__`` imports in ``module`` (those its own calls inherit)."""
    flags = 0
    for value in vars(module).values():
        if isinstance(value, __future__._Feature):
            flags |= value.compiler_flag
    return flags


def _compiler(module: ModuleType) -> Any:
    """``compile`` as ``module`` calls it, with that module's ``__future__`` flags.

    The flags are read at the first call: the patch is set before the module's code has run.
    """
    future: list[int] = []

    def compile(  # noqa: A001, PLR0917 - the builtin's name and signature, for attrs' and cattrs' namespace
        source: Any,
        filename: Any,
        mode: str,
        flags_: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
    ) -> Any:
        own = (
            isinstance(source, str)
            and isinstance(filename, str)
            and mode == "exec"
            and not flags_
            and not dont_inherit
            and optimize == -1
            and filename.startswith(_GENERATED)
            and any(module in filename for module in _CACHED)
        )
        if not future:
            future.append(_future_flags(module))
        flags = future[0]
        if not own:
            return _compile(source, filename, mode, flags_ | (0 if dont_inherit else flags), True, optimize)
        type_hash = _type_hash(filename)
        key_source = source
        if type_hash is not None and f" {type_hash}," in source:
            key_source = source.replace(f" {type_hash},", f" {_MARKER},")
        else:
            type_hash = None
        code = _cache.get((filename, key_source), lambda: _compile(key_source, filename, mode, flags, True))
        return code if type_hash is None else _with_constant(code, _MARKER, type_hash)

    return compile


def _patch(module: ModuleType) -> None:
    module.compile = _compiler(module)  # type: ignore[attr-defined]


class _PatchOnImport:
    """A meta path finder that patches ``attr._make`` and ``cattrs.gen`` as they are imported."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname not in self.names:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return None
        spec.loader = _PatchingLoader(loader, self, fullname)  # type: ignore[assignment]
        return spec


class _PatchingLoader:
    def __init__(self, loader: Any, finder: _PatchOnImport, name: str) -> None:
        self.loader = loader
        self.finder = finder
        self.name = name

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        _patch(module)  # before its code runs: attr._make makes classes of its own
        self.loader.exec_module(module)
        self.finder.names.discard(self.name)
        if not self.finder.names and self.finder in sys.meta_path:
            sys.meta_path.remove(self.finder)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


def install() -> None:
    """Route attrs' and cattrs' compiling of govdisclosure's classes through the cache (once)."""
    if any(isinstance(finder, _PatchOnImport) for finder in sys.meta_path):
        return
    waiting = set()
    for name in _PATCHED:
        module = sys.modules.get(name)
        if module is None:
            waiting.add(name)
        elif not getattr(getattr(module, "compile", None), "__qualname__", "").startswith("_compiler"):
            _patch(module)
    if waiting:
        sys.meta_path.insert(0, _PatchOnImport(waiting))
