"""Local rule packs: a province's or city's own requirements, as data, with no code in govdisclosure.

A pack is a YAML file (``validate --rules-pack FILE``) or an installed plugin that hands one to the
``register_rules`` hook (:meth:`RulePack.plugin`).  It can

- change the severity of any rule (``severities: {DEADLINE: error}``);
- add its own submission deadline, by the kind of body (``deadline: {government: "02-28", department:
  "01-20"}``, month and day of the year after the report's): rule ``<code>-DEADLINE``;
- require topics in a section, section 六 by default (``required_topics: [{title: …, words: […]}]``):
  rule ``<code>-TOPICS``.

examples/packs/ holds an example pack.  A pack file that cannot be used raises :class:`PackError`
naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from govdisclosure._patterns import lazy
from govdisclosure._yaml import yaml
from govdisclosure.chinese import format_date
from govdisclosure.hookspecs import hookimpl
from govdisclosure.model import AgencyKind
from govdisclosure.validation._text import section_text
from govdisclosure.validation.findings import Evidence, Issue, Severity, Status
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["PackError", "RulePack", "Topic", "load_pack", "parse_pack"]


class PackError(ValueError):
    """A rule pack that cannot be used: the message names the file and the field."""


@attrs.frozen
class Topic:
    """A topic the pack requires: found when the section contains one of ``words``."""

    title: str
    words: tuple[str, ...]


@attrs.frozen
class RulePack:
    name: str
    code: str
    """Prefix of the pack's own rule codes (``JS`` → ``JS-DEADLINE``, ``JS-TOPICS``)."""
    source: str = ""
    severities: Mapping[str, Severity] = attrs.field(factory=dict)
    deadlines: Mapping[AgencyKind, tuple[int, int]] = attrs.field(factory=dict)
    """(month, day) in the year after the report's, by the kind of body that reports."""
    topics: tuple[Topic, ...] = ()
    topics_section: str = "other_matters"

    def register_rules(self, registry: RuleRegistry) -> None:
        """Add the pack's rules and severity changes to ``registry``."""
        for code, severity in self.severities.items():
            registry.set_severity(code, severity)
        if self.deadlines:
            registry.rule(
                f"{self.code}-DEADLINE",
                self.severities.get(f"{self.code}-DEADLINE", Severity.WARNING),
                title=f"Submission deadline of {self.name}",
                title_zh=f"{self.name}规定的报送期限",
                description="Published by the pack's own deadline: "
                + ", ".join(f"{kind.value} {m:02d}-{d:02d}" for kind, (m, d) in self.deadlines.items())
                + " of the following year.",
                source=self.source or self.name,
            )(self._deadline)
        if self.topics:
            registry.rule(
                f"{self.code}-TOPICS",
                self.severities.get(f"{self.code}-TOPICS", Severity.WARNING),
                title=f"Topics {self.name} requires",
                title_zh=f"{self.name}要求报告的事项",
                description=f"Section {self.topics_section} covers: " + "; ".join(t.title for t in self.topics) + ".",
                source=self.source or self.name,
                scope="tables",
            )(self._topics)

    def plugin(self) -> object:
        """A plugin object for ``get_plugin_manager(extra=[(name, pack.plugin())])`` or an entry point."""
        return _PackPlugin(self)

    def _deadline(self, ctx: Context) -> Iterator[Issue]:
        report = ctx.report
        kind = report.agency.acting_kind
        if kind is None or kind not in self.deadlines:
            return
        month, day = self.deadlines[kind]
        due = dt.date(report.year + 1, month, day)
        if report.published_on is None:
            yield Issue(
                ("$.published_on",),
                f"未填写发布日期，无法核对是否在{self.name}规定的{format_date(due)}前报送公布。",
                f"No publication date: the pack's deadline {due.isoformat()} cannot be checked.",
                status=Status.UNDETERMINED,
            )
        elif report.published_on > due:
            late = (report.published_on - due).days
            yield Issue(
                ("$.published_on",),
                f"发布日期{format_date(report.published_on)}晚于{self.name}规定的{format_date(due)}，逾期{late}天。",
                f"Published {late} days after the pack's deadline {due.isoformat()}.",
                Evidence("published_on ≤ pack deadline", report.published_on.toordinal(), due.toordinal()),
            )

    def _topics(self, ctx: Context) -> Iterator[Issue]:
        section = ctx.report.find_section(self.topics_section)
        text = section_text(section) if section is not None else ""
        absent = [topic.title for topic in self.topics if not any(word in text for word in topic.words)]
        if absent:
            yield Issue(
                ("$.sections",),
                f"按{self.name}的要求，“{section.title if section else self.topics_section}”应报告：{'、'.join(absent)}，未见。",
                f"{self.name} requires these topics in section {self.topics_section}: {', '.join(absent)}.",
            )


class _PackPlugin:
    def __init__(self, pack: RulePack) -> None:
        self.pack = pack

    @hookimpl
    def register_rules(self, registry: RuleRegistry) -> None:
        self.pack.register_rules(registry)


_MONTH_DAY = lazy(r"^(\d{1,2})-(\d{1,2})$")
_KINDS = {kind.value: kind for kind in AgencyKind}
_KEYS = {"pack", "code", "source", "example", "severities", "deadline", "required_topics", "topics_section"}


def parse_pack(data: object, source: str = "<pack>") -> RulePack:
    """A pack from its parsed YAML; :class:`PackError` names ``source`` and the field at fault."""

    def fail(field: str, problem: str) -> PackError:
        return PackError(f"{source}: {field}: {problem}")

    if not isinstance(data, Mapping):
        raise fail("$", "expected a mapping with pack, code and the pack's rules")
    unknown = sorted(set(map(str, data)) - _KEYS)
    if unknown:
        raise fail(f"$.{unknown[0]}", f"unknown key; expected one of {', '.join(sorted(_KEYS))}")
    name, code = data.get("pack"), data.get("code")
    if not isinstance(name, str) or not name.strip():
        raise fail("$.pack", "expected the pack's name")
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z][A-Z0-9]{0,11}", code):
        raise fail("$.code", "expected a short upper-case code such as JS (prefix of the pack's rule codes)")
    severities = {}
    for rule, value in _mapping(data.get("severities", {}), "$.severities", fail).items():
        try:
            severities[str(rule)] = Severity(value)
        except ValueError:
            raise fail(f"$.severities.{rule}", f"expected error, warning or info; got {value!r}") from None
    deadlines = {}
    for kind, value in _mapping(data.get("deadline", {}), "$.deadline", fail).items():
        match = _MONTH_DAY.match(str(value))
        if kind not in _KINDS:
            raise fail(f"$.deadline.{kind}", f"expected one of {', '.join(_KINDS)}")
        if match is None or not _valid_day(int(match.group(1)), int(match.group(2))):
            raise fail(f"$.deadline.{kind}", f'expected a month-day such as "01-20"; got {value!r}')
        deadlines[_KINDS[kind]] = (int(match.group(1)), int(match.group(2)))
    return RulePack(
        name.strip(),
        code,
        str(data.get("source", "")),
        severities,
        deadlines,
        _topics(data.get("required_topics", []), fail),
        str(data.get("topics_section", "other_matters")),
    )


def _valid_day(month: int, day: int) -> bool:
    try:
        dt.date(2001, month, day)  # not a leap year: 02-29 would pass one year in four
    except ValueError:
        return False
    return True


def _mapping(value: object, field: str, fail: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise fail(field, "expected a mapping")
    return value


def _topics(value: object, fail: Any) -> tuple[Topic, ...]:
    if not isinstance(value, list):
        raise fail("$.required_topics", "expected a list of {title, words}")
    topics = []
    for index, item in enumerate(value):
        field = f"$.required_topics[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("title"), str):
            raise fail(field, "expected a mapping with title and words")
        words = item.get("words", [item["title"]])
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise fail(f"{field}.words", "expected a list of words, one of which the section must contain")
        topics.append(Topic(item["title"], tuple(words)))
    return tuple(topics)


def load_pack(path: str | Path) -> RulePack:
    """Read a pack file; :class:`PackError` for a missing, unreadable or invalid one."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(f"{path}: cannot read the rule pack: {exc.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: not a YAML file: {exc}") from None
    return parse_pack(data, str(path))
