"""Visual regression: every page of every example looks as the committed reference pictures do.

A layout change shows here, in review, not in a clerk's hands.  When a change is meant, re-make
the references (``.venv/bin/python -m tests.visual.remake``), look at them and commit them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from govdisclosure.exporters import pdf_exporter
from tests.visual.pages import EXAMPLES, TOLERANCE, compare, difference, environment, manifest, page_images, render

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")


def _same_machine(kind: str) -> None:
    made = manifest()
    if not made:
        pytest.fail(
            "tests/visual/reference has no manifest.json: run tests/visual/remake.py (`.venv/bin/python -m tests.visual.remake`)"
        )
    here = environment(libreoffice=kind == "docx")
    if here["pdf_faces"] != made["pdf_faces"]:
        pytest.skip(f"the references were drawn with other faces ({made['pdf_faces']}); these are {here['pdf_faces']}")
    if kind == "docx" and here["libreoffice"] != made["libreoffice"]:
        pytest.skip(f"the references were laid out by {made['libreoffice']}, this is {here['libreoffice'] or 'none'}")


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Image.Image]]:
    _same_machine("pdf")
    return {name: page_images(pdf) for name, pdf in render("pdf", tmp_path_factory.mktemp("visual-pdf")).items()}


@pytest.fixture(scope="module")
def docx_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Image.Image]]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    _same_machine("docx")
    return {name: page_images(pdf) for name, pdf in render("docx", tmp_path_factory.mktemp("visual-docx")).items()}


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_pages_look_as_the_references(name: str, pdf_pages: dict[str, list[Image.Image]], tmp_path: Path) -> None:
    problems = compare(name, "pdf", pdf_pages[name], failures=tmp_path)
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_docx_pages_look_as_the_references(name: str, docx_pages: dict[str, list[Image.Image]], tmp_path: Path) -> None:
    problems = compare(name, "docx", docx_pages[name], failures=tmp_path)
    assert not problems, "\n".join(problems)


def test_a_shifted_margin_is_seen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The comparison is not blind: 3 mm more left margin fails it, on every page."""
    _same_machine("pdf")
    css = pdf_exporter.PRINT_CSS
    assert "margin: 37mm 26mm 35mm 28mm;" in css
    monkeypatch.setattr(pdf_exporter, "PRINT_CSS", css.replace("35mm 28mm;", "35mm 31mm;"))
    (pdf,) = render("pdf", tmp_path, ("huaian-city-2024",)).values()
    problems = compare("huaian-city-2024", "pdf", page_images(pdf))
    assert problems
    assert all("of the pixels differ" in problem or "pages" in problem for problem in problems)


def test_a_changed_face_is_seen(tmp_path: Path) -> None:
    """The body in a sans face instead of the serif: the pages differ though nothing moved much."""
    _same_machine("pdf")
    (pdf,) = render("pdf", tmp_path, ("harbin-qts-2011",), body_font="Noto Sans CJK SC").values()
    assert compare("harbin-qts-2011", "pdf", page_images(pdf))


def test_the_same_page_matches_itself_and_a_blank_page_does_not() -> None:
    page = Image.new("L", (200, 280), 255)
    page.paste(0, (20, 20, 180, 40))
    assert difference(page, page.copy()) == 0
    assert difference(page, Image.new("L", (200, 280), 255)) > TOLERANCE
    assert difference(page, Image.new("L", (100, 100), 255)) == 1.0
