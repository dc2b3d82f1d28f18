"""The acknowledgements file: findings a person reviewed, with the reason.

::

    # govdisclosure acknowledgements
    acknowledgements:
      - fingerprint: 3f2a9c0d1e4b5a67
        code: XY-CARRY                 # optional, for the reader
        reason: 2024年机构改革，上年结转申请由原市国土局移交

An acknowledged finding stays listed but no longer fails the run.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from govdisclosure.serialization import YamlReadError, read_yaml

__all__ = ["Acknowledgement", "AcknowledgementsError", "load_acknowledgements"]


@attrs.frozen
class Acknowledgement:
    fingerprint: str
    reason: str
    code: str | None = None


class AcknowledgementsError(ValueError):
    """The acknowledgements file cannot be used; the message says where and why."""


_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


def load_acknowledgements(path: str | Path) -> tuple[Acknowledgement, ...]:
    path = Path(path)
    try:
        data, positions = read_yaml(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise AcknowledgementsError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise AcknowledgementsError(f"{path}: the file is not UTF-8 text") from None
    except YamlReadError as exc:
        raise AcknowledgementsError(f"{path}:{exc.line or 1}: {exc.message}") from None
    entries = data.get("acknowledgements") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise AcknowledgementsError(f"{path}: expected a list under the key 'acknowledgements'")
    out = []
    for index, entry in enumerate(entries):
        where = f"$.acknowledgements[{index}]"
        line = positions.get(where, (None,))[0]
        prefix = f"{path}:{line}: {where}" if line else f"{path}: {where}"
        if not isinstance(entry, dict):
            raise AcknowledgementsError(f"{prefix}: expected fingerprint and reason")
        fingerprint, reason = entry.get("fingerprint"), entry.get("reason")
        if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint):
            raise AcknowledgementsError(f"{prefix}.fingerprint: expected the 16-character fingerprint of a finding")
        if not isinstance(reason, str) or not reason.strip():
            raise AcknowledgementsError(f"{prefix}.reason: say why the finding is acceptable")
        unknown = set(entry) - {"fingerprint", "reason", "code"}
        if unknown:
            raise AcknowledgementsError(f"{prefix}: unknown key {sorted(unknown)[0]!r}")
        code = entry.get("code")
        out.append(Acknowledgement(fingerprint, reason.strip(), code if isinstance(code, str) else None))
    return tuple(out)
