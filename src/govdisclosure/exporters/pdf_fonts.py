"""The PDF's typefaces by role: which face draws the title, the body, the headings and 楷体.

A government report uses four faces (GB/T 9704-2012): 方正小标宋 for the title, 仿宋_GB2312
for the body, 黑体 for first-level headings and 楷体_GB2312 for second-level ones.  Offices
have them as licensed fonts; this machine may not.  For each role, :func:`choose_fonts` takes

1. the face the user named (``-O pdf.body_font=仿宋``), from the font folder the user gave
   (``-O pdf.font_dir=PATH``) or installed (fontconfig); a name found in neither is an error
   naming both places, never a silent substitute;
2. otherwise the licensed faces, first from the font folder, then installed;
3. otherwise the closest free face Debian ships, weighted so each heading level looks
   different from the body: Noto Serif CJK SC at its heaviest weight for 小标宋, Noto Serif
   CJK SC for 仿宋, Noto Sans CJK SC bold for 黑体, LXGW WenKai or AR PL UKai for 楷体.

Only faces fontconfig really has count: asked for "仿宋" it answers with DejaVu Sans, which
would draw no Chinese at all, so a lookup whose answer has another family name finds nothing.
"""

from __future__ import annotations

import bisect
import functools
import operator
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

__all__ = [
    "ROLES",
    "Coverage",
    "Face",
    "FontChoice",
    "FontNotFoundError",
    "choose_fonts",
    "drawable_ranges",
    "face_ranges",
    "folder_faces",
    "installed_face",
]

ROLES = ("title", "body", "heading", "kai")
"""The roles, as the options name them (``pdf.title_font`` …)."""

ROLE_NAMES = {"title": "小标宋", "body": "仿宋", "heading": "黑体", "kai": "楷体"}

_LICENSED: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "方正小标宋"),
    "body": ("仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", "STFangsong"),
    "heading": ("黑体", "SimHei", "STHeiti"),
    "kai": ("楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi", "STKaiti"),
}
#: The free stand-ins, best first, with the weight that makes each role look like the face it stands for.
_FREE: dict[str, tuple[tuple[str, int], ...]] = {
    "title": (("Noto Serif CJK SC", 900), ("Source Han Serif SC", 900)),
    "body": (("Noto Serif CJK SC", 400), ("Source Han Serif SC", 400)),
    "heading": (("Noto Sans CJK SC", 700), ("Source Han Sans SC", 700)),
    "kai": (("LXGW WenKai", 400), ("AR PL UKai CN", 400), ("Noto Serif CJK SC", 400)),
}
#: What draws a character the chosen face lacks (a licensed GB2312 face has no 𠮷, say).
FALLBACK = {
    "title": "Noto Serif CJK SC",
    "body": "Noto Serif CJK SC",
    "heading": "Noto Sans CJK SC",
    "kai": "Noto Serif CJK SC",
}
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_MAX_FOLDER_FILES = 500


class FontNotFoundError(ValueError):
    """A face the user named is neither in the font folder nor installed."""


@attrs.frozen
class Face:
    """A face as the PDF uses it."""

    family: str
    file: str
    index: int = 0
    weight: int = 400
    """The CSS weight drawn: a free stand-in is drawn heavier to look like the face it replaces."""
    from_folder: bool = False
    """Loaded from the user's font folder (embedded through @font-face), not an installed face."""
    stand_in: bool = False
    """A free face standing in for the licensed one."""

    def describe(self) -> str:
        weight = {700: " bold", 900: " at its heaviest weight"}.get(self.weight, "")
        where = f"{Path(self.file).name} in the font folder" if self.from_folder else "installed"
        kind = "free stand-in, " if self.stand_in else ""
        return f"{self.family}{weight} ({kind}{where})"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@attrs.frozen
class FontChoice:
    """The face of each role."""

    title: Face
    body: Face
    heading: Face
    kai: Face

    def faces(self) -> tuple[tuple[str, Face], ...]:
        return tuple((role, getattr(self, role)) for role in ROLES)

    def folder_files(self) -> frozenset[str]:
        """The font files the PDF may load (the fetcher refuses every other URL)."""
        return frozenset(face.file for _, face in self.faces() if face.from_folder)

    def stack(self, role: str) -> str:
        face: Face = getattr(self, role)
        fallback = FALLBACK[role]
        generic = "sans-serif" if role == "heading" else "serif"
        names = dict.fromkeys((face.family, fallback))
        return ", ".join([*(_css_string(name) for name in names), generic])

    def css(self) -> str:
        """@font-face rules for the folder's faces and the role rules of the print stylesheet."""
        rules = [
            f"@font-face {{ font-family: {_css_string(face.family)}; src: url({_css_string(Path(face.file).as_uri())}); }}"
            for face in dict.fromkeys(face for _, face in self.faces() if face.from_folder)
        ]
        body = self.stack("body")
        rules += [
            f".gd-report, .gd-table, .gd-h3, .gd-h4, .gd-date, .gd-signature {{ font-family: {body}; }}",
            f".gd-agency, .gd-title {{ font-family: {self.stack('title')}; font-weight: {self.title.weight}; }}",
            f".gd-h1 {{ font-family: {self.stack('heading')}; font-weight: {self.heading.weight}; }}",
            f".gd-h2, .gd-runin2 {{ font-family: {self.stack('kai')}; font-weight: {self.kai.weight}; }}",
        ]
        return "\n".join(rules) + "\n"


@functools.cache
def _installed_families() -> frozenset[str] | None:
    """Every family name of every installed font, in each language fontconfig has it; None if unknown.

    One ``fc-list`` (20 ms) spares an ``fc-match`` (10 ms each) for every name looked for
    that no font has: most of the licensed faces an office may have, on most machines."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return None
    result = subprocess.run(
        ["fc-list", "--format=%{family}\\n"], capture_output=True, text=True, check=False, timeout=30
    )
    if result.returncode != 0:
        return None
    return frozenset(name for line in result.stdout.splitlines() for name in line.split(","))


@functools.cache
def installed_face(family: str) -> Face | None:
    """The installed face fontconfig has under exactly this family name (no substitute), or None."""
    import shutil
    import subprocess

    families = _installed_families()
    if shutil.which("fc-match") is None or (families is not None and family not in families):
        return None
    result = subprocess.run(
        ["fc-match", "--format=%{file}\\n%{index}\\n%{family}", f"{family}:lang=zh-cn"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    parts = result.stdout.split("\n")
    if result.returncode == 0 and len(parts) >= 3 and family in parts[2].split(","):
        return Face(family, parts[0], int(parts[1] or 0))
    return None


def folder_faces(folder: str) -> dict[str, str]:
    """Family name (in every language the font gives) → font file, for the font files in ``folder``.

    Only the first face of a collection (.ttc) is used: a stylesheet cannot pick another.
    """
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise FontNotFoundError(f"font_dir {folder!r} is not a folder")
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in _font_files(path)))
    return dict(_read_folder(stamp))


def _font_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())
    return files[:_MAX_FOLDER_FILES]


@functools.cache
def _read_folder(stamp: tuple[tuple[str, int], ...]) -> tuple[tuple[str, str], ...]:
    from fontTools.ttLib import TTFont, TTLibError

    found: dict[str, str] = {}
    for file, _ in stamp:
        try:
            font = TTFont(file, fontNumber=0, lazy=True)
        except (TTLibError, OSError, ValueError, AssertionError):
            continue  # not a font we can read: the folder may hold other things
        try:
            for record in font["name"].names:
                if record.nameID in (1, 4, 16):
                    try:
                        name = record.toUnicode().strip()
                    except UnicodeDecodeError:
                        continue
                    if name:
                        found.setdefault(name, file)
        except (KeyError, TTLibError):
            continue
        finally:
            font.close()
    return tuple(found.items())


def _lookup(name: str, folder: dict[str, str]) -> Face | None:
    if name in folder:
        return Face(name, str(Path(folder[name]).resolve()), 0, 400, from_folder=True)
    return installed_face(name)


def _default(role: str, folder: dict[str, str]) -> Face | None:
    for name in _LICENSED[role]:
        face = _lookup(name, folder)
        if face is not None:
            return face
    for name, weight in _FREE[role]:
        face = installed_face(name)
        if face is not None:
            return attrs.evolve(face, weight=weight, stand_in=True)
    return None


def choose_fonts(requested: dict[str, str | None], font_dir: str | None = None) -> FontChoice | None:
    """The face of each role (see the module's doc); None when some role has no face at all."""
    folder = folder_faces(font_dir) if font_dir else {}
    chosen: dict[str, Face] = {}
    for role in ROLES:
        name = requested.get(role)
        if name:
            face = _lookup(name, folder)
            if face is None:
                where = f"in the font folder {font_dir} or " if font_dir else ""
                shown = ", ".join(sorted(folder)[:12]) or "no faces"
                known = f" (the folder has {shown})" if font_dir else ""
                raise FontNotFoundError(
                    f"{role}_font: no face named {name!r} {where}installed here{known}; "
                    f"install it, or give the folder holding it with -O pdf.font_dir=PATH"
                )
            free = dict(_FREE[role])
            chosen[role] = attrs.evolve(face, weight=free.get(name, 400))
            continue
        default = _default(role, folder)
        if default is None:
            return None
        chosen[role] = default
    return FontChoice(**chosen)


#: The character maps a face may have, best first, as fontTools' ``getBestCmap`` takes them:
#: (platform, encoding) of Unicode full repertoire, then the Basic Multilingual Plane.
_CMAP_PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def drawable_ranges(file: str, index: int = 0) -> tuple[tuple[int, int], ...]:
    """The code points face ``index`` of the font ``file`` maps to a glyph, as (first, last) ranges.

    Reads only the font's table directory and its ``cmap`` table (formats 4 and 12, which every
    CJK face uses): a few kilobytes, where parsing the map with fontTools takes a quarter of a
    second per Noto CJK face.  Other formats are read with fontTools.
    """
    firsts, lasts = face_ranges(file, index)
    return _merged(zip(firsts, lasts, strict=True))


def face_ranges(file: str, index: int = 0) -> tuple[Sequence[int], Sequence[int]]:
    """What :func:`drawable_ranges` reads, as the firsts and the lasts of sorted, disjoint ranges,
    not merged where one range ends next to the next: a face's format-12 groups as they stand
    (15,600 of them in a Noto CJK face, 2,000 once merged), which is all :class:`Coverage` needs."""
    with Path(file).open("rb") as font:

        def read(offset: int, size: int) -> bytes:
            font.seek(offset)
            data = font.read(size)
            if len(data) != size:
                raise ValueError(f"{file}: the font file ends inside a table")
            return data

        start = 0
        if read(0, 4) == b"ttcf":
            count = struct.unpack(">I", read(8, 4))[0]
            if not 0 <= index < count:
                raise ValueError(f"{file} has no face {index}")
            start = struct.unpack(">I", read(12 + 4 * index, 4))[0]
        tables = struct.unpack(">H", read(start + 4, 2))[0]
        directory = read(start + 12, 16 * tables)
        where = {
            directory[i : i + 4]: struct.unpack(">II", directory[i + 8 : i + 16]) for i in range(0, len(directory), 16)
        }
        if b"cmap" not in where:
            return (), ()
        offset, length = where[b"cmap"]
        cmap = read(offset, length)
    subtables = {
        struct.unpack(">HH", cmap[4 + 8 * i : 8 + 8 * i]): struct.unpack(">I", cmap[8 + 8 * i : 12 + 8 * i])[0]
        for i in range(struct.unpack(">H", cmap[2:4])[0])
    }
    for key in _CMAP_PREFERENCE:
        if key in subtables:
            at = subtables[key]
            kind = struct.unpack(">H", cmap[at : at + 2])[0]
            if kind == 12:
                return _format_12(cmap, at)
            ranges = _format_4(cmap, at) if kind == 4 else _ranges_by_fonttools(file, index)
            return tuple(first for first, _ in ranges), tuple(last for _, last in ranges)
    return (), ()


def _format_12(cmap: bytes, at: int) -> tuple[Sequence[int], Sequence[int]]:
    groups = struct.unpack(">I", cmap[at + 12 : at + 16])[0]
    values = struct.unpack(f">{3 * groups}I", cmap[at + 16 : at + 16 + 12 * groups])
    firsts, lasts, glyphs = values[0::3], values[1::3], values[2::3]
    if 0 in glyphs:  # a code mapped to glyph 0 (.notdef) has no glyph, as fontTools reads it
        firsts = tuple(first + (glyph == 0) for first, glyph in zip(firsts, glyphs, strict=True))
    # The format requires the groups sorted and apart; a font that breaks the rule is merged.
    if all(map(operator.le, firsts, lasts)) and all(map(operator.lt, lasts[:-1], firsts[1:])):
        return firsts, lasts
    merged = _merged(zip(firsts, lasts, strict=True))
    return tuple(first for first, _ in merged), tuple(last for _, last in merged)


def _format_4(cmap: bytes, at: int) -> tuple[tuple[int, int], ...]:
    segments = struct.unpack(">H", cmap[at + 6 : at + 8])[0] // 2
    ends = struct.unpack(f">{segments}H", cmap[at + 14 : at + 14 + 2 * segments])
    base = at + 16 + 2 * segments
    starts = struct.unpack(f">{segments}H", cmap[base : base + 2 * segments])
    deltas = struct.unpack(f">{segments}h", cmap[base + 2 * segments : base + 4 * segments])
    range_at = base + 4 * segments
    range_offsets = struct.unpack(f">{segments}H", cmap[range_at : range_at + 2 * segments])
    found: list[tuple[int, int]] = []
    for i, (first, last, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets, strict=True)):
        if first > last or first == 0xFFFF:
            continue  # the closing segment maps 0xFFFF to no glyph
        if range_offset == 0:  # code c draws glyph c + delta; glyph 0 is no glyph
            zero = (-delta) & 0xFFFF
            found += [(first, zero - 1), (zero + 1, last)] if first <= zero <= last else [(first, last)]
            continue
        for c in range(first, last + 1):
            glyph_at = range_at + 2 * i + range_offset + 2 * (c - first)
            glyph = struct.unpack(">H", cmap[glyph_at : glyph_at + 2])[0] if glyph_at + 2 <= len(cmap) else 0
            if glyph and (glyph + delta) & 0xFFFF:
                found.append((c, c))
    return _merged(found)


def _ranges_by_fonttools(file: str, index: int) -> tuple[tuple[int, int], ...]:
    from fontTools.ttLib import TTFont

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        return _merged((c, c) for c in font["cmap"].getBestCmap())
    finally:
        font.close()


class Coverage:
    """The code points some fonts can draw: ``ord(char) in coverage``.

    Kept as each face's sorted, disjoint ranges, answered with a binary search per face: five
    Noto CJK faces draw some 200,000 code points, a set of which took 0.1 s to build before
    every PDF batch, and merging their 67,000 format-12 groups into one list 60 ms; a face's
    groups are read as the font stores them in 4 ms.  :meth:`ranges` and ``len`` merge when asked."""

    __slots__ = ("_faces",)
    _faces: list[tuple[Sequence[int], Sequence[int]]]

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged = _merged(ranges)
        self._faces = [([first for first, _ in merged], [last for _, last in merged])]

    @classmethod
    def of_faces(cls, faces: Iterable[tuple[Sequence[int], Sequence[int]]]) -> Coverage:
        """The coverage of faces given as :func:`face_ranges` reads them (sorted, disjoint ranges each).

        A face with the same map as one before it is searched once: the weights of a family
        share theirs (Noto Serif CJK Regular and Bold), so a character none of the faces has
        costs one search per distinct map."""
        coverage = cls.__new__(cls)
        coverage._faces = []
        for face in faces:
            if face[0] and face not in coverage._faces:
                coverage._faces.append(face)
        return coverage

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        for firsts, lasts in self._faces:
            at = bisect.bisect_right(firsts, code) - 1
            if at >= 0 and code <= lasts[at]:
                return True
        return False

    def __len__(self) -> int:
        return sum(last - first + 1 for first, last in self.ranges())

    def ranges(self) -> tuple[tuple[int, int], ...]:
        """The (first, last) ranges of all the faces, sorted and merged."""
        return _merged(pair for firsts, lasts in self._faces for pair in zip(firsts, lasts, strict=True))


def _merged(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    start = end = -2
    for first, last in sorted(ranges):
        if first > last:
            continue
        if first <= end + 1:
            if last > end:  # noqa: PLR1730 - max() costs this loop (15,000 groups a face) twice the time
                end = last
        else:
            if end >= 0:
                out.append((start, end))
            start, end = first, last
    if end >= 0:
        out.append((start, end))
    return tuple(out)
