"""The typefaces of the Typst PDF, by role, and the check that every character has one.

Typst matches family names exactly (no fontconfig substitution), so each role names the
face an office uses first and the free Debian face after it: 方正小标宋 → Noto Serif CJK SC
Bold for the title, 仿宋_GB2312 → Noto Serif CJK SC for the body, 黑体 → Noto Sans CJK SC
Bold for 一、 headings, 楷体_GB2312 → AR PL UKai (fonts-arphic-ukai) or LXGW WenKai for （一）
headings, 宋体 → Noto Serif CJK SC for page numbers.  Only the installed names are given
to Typst, each role's followed by the other roles' faces, and Typst's own fallback is off:
a character that none of the faces has would print as a blank box, so
:func:`check_glyphs` refuses it first, by code point and path.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from govdisclosure.model import Report
from govdisclosure_typst import MissingGlyphError

if TYPE_CHECKING:
    import typst

    from govdisclosure.exporters.pdf_fonts import Coverage

__all__ = ["ROLES", "check_glyphs", "font_book", "installed_stacks", "weights"]

#: Each role's faces in order of preference: the official (Windows/WPS) names, then free faces.
ROLES: dict[str, tuple[str, ...]] = {
    "title": ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", "Source Han Serif SC"),
    "body": ("FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC"),
    "h1": ("SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC"),
    "kai": (
        "KaiTi_GB2312",
        "楷体_GB2312",
        "KaiTi",
        "楷体",
        "AR PL UKai",
        "AR PL UKai CN",
        "LXGW WenKai",
        "Noto Serif CJK SC",
    ),
    "folio": ("SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC"),
}
#: The free faces, and the weight that makes each one look like the face it stands in for
#: (小标宋 and 黑体 are heavy faces; Typst takes the nearest weight installed).
_FREE_WEIGHTS: dict[str, dict[str, str]] = {
    "title": {"Noto Serif CJK SC": "black", "Source Han Serif SC": "black"},
    "h1": {"Noto Sans CJK SC": "bold", "Source Han Sans SC": "bold"},
}
#: The role that must be present for the format to run at all.
_REQUIRED = "body"


@functools.cache
def font_book() -> typst.Fonts:
    """The fonts Typst may use: the system's (read once per process), none of Typst's own."""
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)


@functools.cache
def _faces() -> dict[str, tuple[tuple[str, int], ...]]:
    """Installed family name (lower case, as Typst matches) → its font files (path, index)."""
    faces: dict[str, list[tuple[str, int]]] = {}
    for info in font_book().fonts():
        if info.path:
            faces.setdefault(info.family.lower(), []).append((info.path, info.index))
    return {family: tuple(sorted(files)) for family, files in faces.items()}


@functools.cache
def installed_stacks() -> dict[str, list[str]]:
    """Each role's installed faces, in order, then every other face of the PDF: what the template is given.

    Typst draws a character with the first face of the list that has it, and never with a face
    outside the list; so a character the role's own faces lack (a rare ideograph that Noto Sans
    has and Noto Serif has not) is drawn by another face of the PDF, and :func:`check_glyphs`,
    which asks whether any face of the PDF has it, says exactly what can be printed.
    A role with no face of its own starts with the body's.  Empty if the body has no face.
    """
    faces = _faces()
    own = {role: [name for name in names if name.lower() in faces] for role, names in ROLES.items()}
    if not own[_REQUIRED]:
        return {}
    every = list(dict.fromkeys(name for names in own.values() for name in names))
    return {role: list(dict.fromkeys([*(names or own[_REQUIRED]), *every])) for role, names in own.items()}


def weights(stacks: dict[str, list[str]]) -> dict[str, str]:
    """Each role's weight: the office's face as it is, a free stand-in as heavy as the face it replaces."""
    return {
        role: _FREE_WEIGHTS.get(role, {}).get(names[0], "regular") if names else "regular"
        for role, names in stacks.items()
    }


@functools.cache
def _coverage() -> Coverage:
    """Every code point the faces of the stacks can draw (read once per process)."""
    from govdisclosure.exporters.pdf_exporter import glyph_coverage

    faces = _faces()
    files = dict.fromkeys(f for names in installed_stacks().values() for n in names for f in faces[n.lower()])
    return glyph_coverage(tuple(files))


def check_glyphs(report: Report) -> None:
    """Raise :class:`MissingGlyphError` naming each character no face of the PDF can draw."""
    from govdisclosure.exporters.pdf_exporter import refuse_missing_glyphs

    faces = {name for names in installed_stacks().values() for name in names}
    refuse_missing_glyphs(report, _coverage(), faces, MissingGlyphError)
