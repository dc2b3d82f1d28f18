"""Running Typst: one compiler per process, and the one thing Typst cannot write itself.

- **One compiler per process.**  Building a :class:`typst.Compiler` reads the template and
  the font book; it is kept and reused, so a report costs only its own layout.
- **Fork safety.**  Typst lays out pages on a Rust thread pool that is started by the first
  compilation.  A process forked after that inherits the pool without its threads, and a
  compilation there would wait for ever.  govdisclosure's batch forks its workers before
  anything is compiled (``warm`` compiles nothing), so this does not happen in a batch; if
  a forked process finds that its parent had already compiled, it compiles in a fresh
  helper process of its own instead of hanging.
- **The data's hash in the document information.**  Typst writes the standard keys only;
  :func:`add_info_key` appends an incremental update that redefines the information
  dictionary with one more key, the way any PDF editor saves a change (PDF/A allows it).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

__all__ = ["add_info_key", "compile_pdf"]

TEMPLATE = "report.typ"
_compilers: dict[int, Any] = {}
_compiled_in: int | None = None
"""The process that started Typst's thread pool (inherited by forked children)."""


def _template_folder() -> str:
    return str(files("govdisclosure_typst"))


def _compiler() -> Any:
    pid = os.getpid()
    compiler = _compilers.get(pid)
    if compiler is None:
        import typst

        from govdisclosure_typst._fonts import font_book

        folder = _template_folder()
        # root: Typst may read files only inside the package folder, and the template reads none.
        compiler = typst.Compiler(
            str(Path(folder) / TEMPLATE), root=folder, font_paths=font_book(), ignore_system_fonts=True
        )
        _compilers.clear()  # a compiler inherited from a parent process is not used
        _compilers[pid] = compiler
    return compiler


def _compile_here(inputs: dict[str, str], standards: list[str], stamp: dt.datetime) -> bytes:
    global _compiled_in  # noqa: PLW0603 - process-wide by nature: Typst's thread pool is per process
    _compiled_in = os.getpid()
    result = _compiler().compile(format="pdf", sys_inputs=inputs, pdf_standards=standards, timestamp=stamp)
    assert isinstance(result, bytes)
    return result


def compile_pdf(inputs: dict[str, str], standards: list[str], stamp: dt.datetime) -> bytes:
    """The template compiled to PDF with ``inputs`` as ``sys.inputs``."""
    if _compiled_in is None or _compiled_in == os.getpid():
        return _compile_here(inputs, standards, stamp)
    return _Helper.get().compile(inputs, standards, stamp)


class _Helper:
    """A fresh Python process that compiles for a forked one: requests and PDFs as pickles on its pipes.

    A plain subprocess, not a multiprocessing child: a multiprocessing worker would wait for it
    when exiting.  It ends when its standard input closes, that is when this process ends.
    """

    _instance: _Helper | None = None

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "govdisclosure_typst._engine"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    @classmethod
    def get(cls) -> _Helper:
        if cls._instance is None or cls._instance.pid != os.getpid() or cls._instance.process.poll() is not None:
            cls._instance = cls()
        return cls._instance

    def compile(self, inputs: dict[str, str], standards: list[str], stamp: dt.datetime) -> bytes:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        pickle.dump((inputs, standards, stamp), self.process.stdin)
        self.process.stdin.flush()
        ok, result = pickle.load(self.process.stdout)
        if not ok:
            raise RuntimeError(f"Typst failed in the helper process: {result}")
        assert isinstance(result, bytes)
        return result


def _serve() -> None:
    """The helper's loop: compile each request from standard input until it closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            inputs, standards, stamp = pickle.load(stdin)
        except EOFError:
            return
        try:
            answer: tuple[bool, object] = (True, _compile_here(inputs, standards, stamp))
        except Exception as exc:  # noqa: BLE001 - reported to the caller, which raises it
            answer = (False, f"{type(exc).__name__}: {exc}")
        pickle.dump(answer, stdout)
        stdout.flush()


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def add_info_key(pdf: bytes, key: str, value: str) -> bytes:
    """``pdf`` with ``/key (value)`` added to its document information, as an incremental update.

    ``key`` is letters and digits and ``value`` printable ASCII without parentheses or
    backslashes (a hex digest): nothing needs escaping.
    """
    if not (key.isalnum() and key.isascii() and re.fullmatch(r"[ -'*-\[\]-~]*", value)):
        raise ValueError(f"cannot write {key!r}: {value!r} as a plain PDF string")
    trailer = _TRAILER.search(pdf)
    if trailer is None:
        raise ValueError("Typst's PDF has no classic trailer to update")
    fields = trailer.group(1)
    info = re.search(rb"/Info\s+(\d+)\s+0\s+R", fields)
    size = re.search(rb"/Size\s+(\d+)", fields)
    if info is None or size is None:
        raise ValueError("Typst's PDF has no document information to update")
    number = int(info.group(1))
    start = pdf.find(b"\n%d 0 obj\n<<" % number)
    end = pdf.find(b">>\nendobj", start)
    if start < 0 or end < 0:
        raise ValueError(f"the document information (object {number}) is not where the trailer says")
    entries = pdf[start + len(b"\n%d 0 obj\n<<" % number) : end]
    update = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offset = len(update)
    update += b"%d 0 obj\n<<%b/%b(%b)>>\nendobj\n" % (number, entries, key.encode(), value.encode())
    xref = len(update)
    update += b"xref\n%d 1\n%010d 00000 n\r\n" % (number, offset)
    rest = re.sub(rb"/Prev\s+\d+", b"", fields)
    update += b"trailer\n<<%b/Prev %b>>\nstartxref\n%d\n%%%%EOF\n" % (rest, trailer.group(2), xref)
    return bytes(update)


if __name__ == "__main__":
    _serve()
