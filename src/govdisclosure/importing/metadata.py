"""Who filed the report, for which year, and when it was published: from the page and its text.

The title comes from the page's metadata (``ArticleTitle``), the title lines of the
article, or the page's ``<title>``; the year from the title (2021年度…) or the statistical
period (统计期限自2021年1月1日); the agency from the line above the title, or the title's
words before the year; the date from ``PubDate`` or the signature's date.  What is inferred
rather than printed is recorded as a guess.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.chinese import parse_date
from govdisclosure.importing.document import Line
from govdisclosure.importing.record import Note
from govdisclosure.importing.text import clean_line
from govdisclosure.model import AgencyKind

__all__ = ["TITLE_WORDS", "Facts", "read_facts"]

_YEAR = lazy(r"((?:19|20|21)\d{2})\s*年")
_PERIOD = lazy(r"统计期限(?:为|是)?(?:自|从)?\s*((?:19|20|21)\d{2})\s*年")
TITLE_WORDS = lazy(r"政府信息公开.{0,12}报告")
_DATE_PREFIX = lazy(r"^(?:发布|成文|印发)?(?:日期|时间)[:：]\s*")
_SITE_SUFFIX = lazy(r"\s*[_|\-—–]+\s*[^_|\-—–]{2,40}$")


@attrs.frozen
class Facts:
    title: str
    agency: str
    year: int
    published_on: dt.date | None
    kind: AgencyKind | None
    consumed: frozenset[int]
    """Indexes of the lines that were title, agency or signature, not text."""
    notes: tuple[Note, ...]


def _date(text: str) -> dt.date | None:
    text = _DATE_PREFIX.sub("", clean_line(text))
    try:
        return parse_date(text)
    except ValueError:
        pass
    found = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", text)
    if found:
        try:
            return dt.date(*(int(part) for part in found.groups()))
        except ValueError:
            return None
    return None


def _title_lines(lines: list[Line]) -> tuple[list[int], list[int]]:
    """Indexes of the title lines and of the agency line above them, at the start of the text."""
    titles = [i for i, line in enumerate(lines[:6]) if line.role == "title"]
    if not titles:
        for i, line in enumerate(lines[:4]):
            text = clean_line(line.text)
            if len(text) <= 60 and TITLE_WORDS.search(text) and not text.endswith("。"):
                titles = [i]
                break
    if not titles:
        return [], []
    first = titles[0]
    agency = [first - 1] if first >= 1 and len(clean_line(lines[first - 1].text)) <= 40 else []
    if len(titles) > 1 and not agency:
        agency, titles = titles[:1], titles[1:]
    return titles, agency


def read_facts(lines: list[Line], meta: dict[str, str], source: str) -> tuple[Facts | None, list[str]]:
    """The report's identity from its lines and metadata, or the problems that prevent it."""
    notes: list[Note] = []
    titles, agency_lines = _title_lines(lines)
    consumed = set(titles) | set(agency_lines)
    printed_title = "".join(clean_line(lines[i].text) for i in titles)
    page_title = meta.get("title") or _SITE_SUFFIX.sub("", meta.get("page_title", ""))
    title = printed_title or page_title
    agency = clean_line(lines[agency_lines[0]].text) if agency_lines else ""
    year_match = _YEAR.search(title)
    if agency and title.startswith(agency) and not (printed_title and agency_lines):
        title = title[len(agency) :]
    elif not agency and year_match and year_match.start() > 0:
        agency = title[: year_match.start()].strip()
        title = title[year_match.start() :]
        notes.append(_guess(f"机关名称取自标题：“{agency}”。", f"The agency name is taken from the title: {agency!r}."))
    publisher = meta.get("publisher", "")
    if not agency and publisher:
        agency = publisher
        notes.append(
            _guess(f"机关名称取自网页的来源：“{publisher}”。", f"The agency is the page's source {publisher!r}.")
        )
    elif publisher and publisher != agency:
        notes.append(
            Note(
                "doubtful",
                f"网页来源为“{publisher}”，而报告由“{agency}”发布：请核对发布机关。",
                f"The page's source is {publisher!r}, but the report is the agency {agency!r}'s: check who published it.",
                "$.agency.name",
            )
        )
    year = int(year_match.group(1)) if year_match else None
    if year is None:
        for line in lines[:12]:
            if found := _PERIOD.search(line.text):
                year = int(found.group(1))
                notes.append(_guess(f"年度取自统计期限：{year}年。", f"The year is taken from the period: {year}."))
                break
    problems = []
    if year is None:
        problems.append("no reporting year: the title does not name one (2021年…) and the text states no 统计期限")
    if not agency:
        problems.append("no agency: neither the title, the line above it nor the page's metadata names one")
    if problems:
        return None, problems
    assert year is not None
    published, used = _published(lines, meta, titles, agency, notes)
    consumed |= used
    kind = _kind(agency)
    if kind is not None:
        notes.append(
            _guess(f"机关类别按名称推定为{kind.value}。", f"The agency kind {kind.value} follows from its name.")
        )
    return Facts(title, agency, year, published, kind, frozenset(consumed), tuple(notes)), []


def _published(
    lines: list[Line], meta: dict[str, str], titles: list[int], agency: str, notes: list[Note]
) -> tuple[dt.date | None, set[int]]:
    used: set[int] = set()
    stated = _date(meta["date"]) if "date" in meta else None
    signed = None
    after_title = (titles[-1] + 1) if titles else None
    if after_title is not None and after_title < len(lines) and (found := _date(lines[after_title].text)):
        signed = found
        used.add(after_title)
    elif lines and (found := _date(lines[-1].text)):
        signed = found
        used.add(len(lines) - 1)
        if len(lines) > 1 and (lines[-2].role == "signature" or clean_line(lines[-2].text) == agency):
            used.add(len(lines) - 2)
    if stated and signed and stated != signed:
        notes.append(
            Note(
                "doubtful",
                f"网页发布日期{stated.isoformat()}与落款日期{signed.isoformat()}不一致；采用网页发布日期。",
                f"The page's date {stated.isoformat()} differs from the signed date {signed.isoformat()}; "
                "the page's date is used.",
                "$.published_on",
            )
        )
    return stated or signed, used


def _kind(agency: str) -> AgencyKind | None:
    if agency.endswith("街道办事处"):
        return AgencyKind.STREET_OFFICE
    if re.search(r"[乡镇]人民政府$", agency):
        return AgencyKind.TOWNSHIP
    if agency.endswith("人民政府"):
        return AgencyKind.GOVERNMENT
    return None


def _guess(message: str, message_en: str) -> Note:
    return Note("guess", message, message_en)
