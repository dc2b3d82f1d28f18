"""Writing output files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

__all__ = ["reproducible_zip", "write_atomic"]


def write_atomic(path: str | Path, data: bytes, *, staging: str | Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file is in ``staging`` (a folder on the same file system) or else beside
    ``path``.  If anything fails, ``path`` is untouched and no temporary file is left behind;
    if the process is killed, the only leftover is in ``staging``, not among the outputs.
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(dir=staging or path.parent, prefix=f".{path.name}.", suffix=".part")
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
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
