"""Page pictures of the bundled examples, and their comparison with the committed references.

Each example is rendered to PDF (WeasyPrint) and to DOCX (laid out by LibreOffice with
tests/data/fonts.conf), each page is drawn at a low resolution in grey, and compared pixel by
pixel with ``tests/visual/reference/{example}-{kind}-p{page}.png``.  A page differs when more
than :data:`TOLERANCE` of its pixels differ by more than :data:`THRESHOLD` grey levels: a
shifted margin, a face that changed, a table that moved to another page.  The references are
re-made with ``.venv/bin/python -m tests.visual.remake`` after a change that is meant;
``manifest.json`` records the faces and the LibreOffice they were made with, and the tests
skip (saying why) on a machine whose faces differ.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

import govdisclosure

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parent / "reference"
MANIFEST = REFERENCE / "manifest.json"
EXAMPLES = ("city-department-2023", "county-trial-2020", "harbin-qts-2011", "huaian-city-2024")
KINDS = ("pdf", "docx")
DPI = 24
THRESHOLD = 64
TOLERANCE = 0.003

__all__ = [
    "DPI",
    "EXAMPLES",
    "KINDS",
    "REFERENCE",
    "compare",
    "environment",
    "page_images",
    "reference_name",
    "render",
]


def environment(*, libreoffice: bool = True) -> dict[str, object]:
    """What the pictures depend on besides the code: the PDF's faces and LibreOffice's version."""
    from govdisclosure.exporters.pdf_exporter import PdfExporter

    version = ""
    if libreoffice and shutil.which("soffice"):
        result = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=False, timeout=120)
        version = " ".join(result.stdout.split()[:2])
    return {"pdf_faces": [list(pair) for pair in PdfExporter.font_roles()], "libreoffice": version}


def render(kind: str, folder: Path, names: tuple[str, ...] = EXAMPLES, **options: object) -> dict[str, Path]:
    """The examples as PDF files: exported (``pdf``) or exported and laid out by LibreOffice (``docx``)."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = {name: govdisclosure.load(ROOT / "examples" / f"{name}.yaml") for name in names}
    if kind == "pdf":
        return {name: govdisclosure.render_file(r, folder / f"{name}.pdf", **options) for name, r in reports.items()}
    paths = [str(govdisclosure.render_file(r, folder / f"{name}.docx", **options)) for name, r in reports.items()]
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "tests" / "data" / "fonts.conf")}
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
         "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    return {name: folder / f"{name}.pdf" for name in names}


def page_images(pdf: Path) -> list[Image.Image]:
    """Every page of ``pdf`` in grey at :data:`DPI`."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True, timeout=120)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(file).convert("L") for file in files]


def reference_name(name: str, kind: str, page: int) -> str:
    return f"{name}-{kind}-p{page}.png"


def difference(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels that differ by more than :data:`THRESHOLD` grey levels (1.0 if sizes differ)."""
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > THRESHOLD else 0)
    histogram = diff.histogram()
    return histogram[255] / (a.size[0] * a.size[1])


def compare(name: str, kind: str, pages: list[Image.Image], failures: Path | None = None) -> list[str]:
    """How the pages differ from the references, one line per problem; empty when they match.

    With ``failures``, the differing pages and their difference pictures are written there.
    """
    references = sorted(REFERENCE.glob(f"{name}-{kind}-p*.png"), key=lambda p: int(p.stem.rsplit("p", 1)[-1]))
    problems = []
    if len(references) != len(pages):
        problems.append(f"{name} ({kind}): {len(pages)} pages, the references have {len(references)}")
    for number, (page, reference) in enumerate(zip(pages, references, strict=False), start=1):
        expected = Image.open(reference).convert("L")
        share = difference(page, expected)
        if share > TOLERANCE:
            where = ""
            if failures is not None:
                failures.mkdir(parents=True, exist_ok=True)
                page.save(failures / reference_name(name, kind, number))
                if page.size == expected.size:
                    ImageChops.difference(page, expected).save(failures / f"diff-{reference_name(name, kind, number)}")
                where = f" (see {failures})"
            problems.append(f"{name} ({kind}) page {number}: {share:.2%} of the pixels differ{where}")
    return problems


def manifest() -> dict[str, object]:
    return dict(json.loads(MANIFEST.read_text(encoding="utf-8"))) if MANIFEST.exists() else {}
