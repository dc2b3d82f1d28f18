"""Regenerate the page pictures in docs/images from the examples.

    .venv/bin/python scripts/docs_images.py

Every example, in every route that makes pages: the DOCX through LibreOffice (with
tests/data/fonts.conf mapping the Windows font names to the Noto CJK SC faces), the PDF
exporter's PDF (WeasyPrint) and the Typst engine's (``pdf-typst``, when its plugin is
installed), the same pages of each, so the engines can be compared side by side.  The
pictures of a route are all written anew (the old ones removed first).  Needs soffice,
pdftotext and pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import govdisclosure

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = tuple(sorted(path.stem for path in (ROOT / "examples").glob("*.yaml")))
TABLE3_HEADING = "三、收到和处理政府信息公开申请情况"
#: More pictures of the county report: what docs/exporters.md shows (faces by role, the unit of
#: 采购总金额, the signature kept with the text's last lines).
EXTRA: dict[str, dict[str, str | int]] = {
    "county-trial-2020": {"page2": 2, "table2": "二、主动公开政府信息情况", "signature": -1}
}


def _pages(pdf: Path) -> list[str]:
    pages = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    return [page for page in pages if page.strip()]


def page_of(pdf: Path, needle: str | int) -> int | None:
    """The page holding ``needle`` (text), or the page numbered ``needle`` (-1: the last)."""
    pages = _pages(pdf)
    if isinstance(needle, int):
        return len(pages) if needle == -1 else needle
    return next((i + 1 for i, page in enumerate(pages) if needle in page.replace(" ", "")), None)


def picture(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
        check=True,
    )
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    images = ROOT / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    formats = {f.name for f in govdisclosure.formats() if f.available}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx_files = []
        for name in EXAMPLES:
            report = govdisclosure.load(ROOT / "examples" / f"{name}.yaml")
            docx_files.append(govdisclosure.render_file(report, folder / "docx" / f"{name}.docx"))
            if "pdf" in formats:
                govdisclosure.render_file(report, folder / "pdf" / f"{name}.pdf")
            if "pdf-typst" in formats:
                govdisclosure.render_file(report, folder / "typst" / f"{name}.pdf", "pdf-typst")
        env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "tests" / "data" / "fonts.conf")}
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
             "--outdir", str(folder / "docx"), *map(str, docx_files)],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        for kind in ("docx", "pdf", "typst"):
            for name in EXAMPLES:
                pdf = folder / kind / f"{name}.pdf"
                if not pdf.exists():
                    continue
                for old in images.glob(f"{name}-{kind}-*.png"):
                    old.unlink()
                wanted = {"page1": 1, "table3": TABLE3_HEADING} | EXTRA.get(name, {})
                for label, needle in wanted.items():
                    page = page_of(pdf, needle)
                    if page is not None:
                        picture(pdf, page, images / f"{name}-{kind}-{label}.png")


if __name__ == "__main__":
    main()
