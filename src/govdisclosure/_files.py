"""Writing output files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

__all__ = ["STAGING_PREFIX", "Staging", "reproducible_zip", "write_atomic"]

STAGING_PREFIX = ".govdisclosure-staging-"
"""Staging folders are hidden folders of this name inside the output folder."""
_LOCK = "lock"
_YOUNG = 60.0
"""A staging folder without its lock file yet, younger than this (seconds), is being set up: left alone."""


def write_atomic(path: str | Path, data: bytes, *, staging: str | Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file is in ``staging`` (a folder on the same file system) or else beside
    ``path``.  If anything fails, ``path`` is untouched and no temporary file is left behind;
    if the process is killed, the only leftover is in ``staging``, not among the outputs.
    """
    path = Path(path)
    # In a staging folder of our own a short name is enough; beside the target, the name is cut so that
    # it never exceeds the file-name limit when the target's name fits.
    prefix = "." if staging else f".{path.name[:64]}."
    fd, name = tempfile.mkstemp(dir=staging or path.parent, prefix=prefix, suffix=".part")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """The same zip archive (DOCX, XLSX…) with every entry stamped ``when``, so equal input gives equal bytes.

    Zip entries carry the time they were written; office libraries write "now".  The
    entries, their order and their compression are kept.
    """
    stamp = (min(max(when.year, 1980), 2107), when.month, when.day, 0, 0, 0)  # what a zip entry can hold
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class Staging:
    """A hidden folder inside ``output`` where files are written before they are renamed into place.

    Inside the output folder, so on the same file system as the targets (a rename, never a copy
    across devices), and usable when ``output`` is a mount point or its parent is not writable.
    The folder holds a lock file, locked (``flock``) for as long as the run lives: a run that
    starts removes the staging folders whose lock it can take, which are those of runs that
    died, whatever PID namespace or container they ran in.  Use as a context manager; leaving
    removes the folder.
    """

    def __init__(self, output: str | Path) -> None:
        self.output = Path(output)
        self.path: Path | None = None
        self._lock: int | None = None

    def __enter__(self) -> Path:
        self.remove_dead()
        self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.output))
        self._lock = os.open(self.path / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def remove_dead(self) -> list[Path]:
        """Remove the staging folders of runs that are gone (their lock is free); return them."""
        removed = []
        for folder in self.output.glob(STAGING_PREFIX + "*"):
            if folder.is_dir() and _dead(folder):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        return removed


def _dead(folder: Path) -> bool:
    try:
        fd = os.open(folder / _LOCK, os.O_RDWR)
    except FileNotFoundError:
        try:
            return time.time() - folder.stat().st_mtime > _YOUNG
        except OSError:
            return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # locked: its run is alive
    finally:
        os.close(fd)  # closing releases a lock we took
    return True
