"""Re-make the reference page pictures the visual regression tests compare against.

    .venv/bin/python -m tests.visual.remake          # PDF and DOCX (DOCX needs LibreOffice)
    .venv/bin/python -m tests.visual.remake pdf      # one kind

(run from the repository's top folder).

Run it after a layout change that is meant, look at the pictures that changed (git diff shows
them side by side in most review tools), and commit them with the change.  Needs pdftoppm
(Debian: poppler-utils) and, for DOCX, soffice (libreoffice-writer-nogui).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.visual.pages import KINDS, MANIFEST, REFERENCE, environment, page_images, reference_name, render

ROOT = Path(__file__).resolve().parents[2]


def main(kinds: tuple[str, ...]) -> None:
    REFERENCE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            for old in REFERENCE.glob(f"*-{kind}-p*.png"):
                old.unlink()
            for name, pdf in render(kind, Path(tmp) / kind).items():
                for number, page in enumerate(page_images(pdf), start=1):
                    page.save(REFERENCE / reference_name(name, kind, number), optimize=True)
                print(f"{kind}: {name}")
    MANIFEST.write_text(json.dumps(environment(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}")


if __name__ == "__main__":
    wanted = tuple(sys.argv[1:]) or KINDS
    unknown = [kind for kind in wanted if kind not in KINDS]
    if unknown:
        sys.exit(f"unknown kind {unknown[0]!r}; expected one of {', '.join(KINDS)}")
    main(wanted)
