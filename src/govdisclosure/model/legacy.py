"""Facts that reports of 2008–2018 (the ``legacy-2008`` edition) state in their prose.

Those reports have no fixed tables; the numbers and names are embedded in the text.
The model keeps the text as published (:mod:`govdisclosure.model.text`) and, beside
it, the facts as typed data, so a checker can compare the two.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govdisclosure.model import _checks
from govdisclosure.model.common import Item
from govdisclosure.model.tables import sum_stated

__all__ = [
    "ApplicationChannels",
    "Channel",
    "ChannelKind",
    "LeadingGroup",
    "LegacyAppeals",
    "LegacyProactive",
    "LegacyRequests",
    "Organisation",
    "Person",
    "Publication",
    "WorkSystem",
    "WorkSystemKind",
]


class ChannelKind(enum.Enum):
    """The kinds of publication channel (发布渠道) legacy reports list."""

    GOVERNMENT_PORTAL = "government_portal"  # 政府网站 / 政务公开网
    DEPARTMENT_WEBSITE = "department_website"  # 部门网站
    SERVICE_HALL = "service_hall"  # 行政服务大厅
    READING_ROOM = "reading_room"  # 信息查阅中心 / 查阅点
    ELECTRONIC_SCREEN = "electronic_screen"  # 触摸屏 / 电子显示屏
    NEWS_MEDIA = "news_media"  # 新闻媒体
    GAZETTE = "gazette"  # 政府公报
    PRESS_CONFERENCE = "press_conference"  # 新闻发布会
    NOTICE_BOARD = "notice_board"  # 公示栏 / 政务公开栏
    SOCIAL_MEDIA = "social_media"  # 政务微博 / 微信
    OTHER = "other"


@attrs.frozen
class Channel:
    """A publication channel with the number of items published through it."""

    name: str
    kind: ChannelKind = ChannelKind.OTHER
    count: int | None = attrs.field(default=None, validator=_checks.count)
    unit: str = "条"


@attrs.frozen
class LegacyProactive:
    """主动公开: the stated total and its breakdown by channel."""

    total_items: int | None = attrs.field(default=None, validator=_checks.count)
    """全年共发布信息 N 条, as stated."""
    channels: tuple[Channel, ...] = ()

    @property
    def computed_total(self) -> int | None:
        """The sum of the channels' counts (``None`` if there are none or one is blank)."""
        if not self.channels:
            return None
        return sum_stated(channel.count for channel in self.channels)


@attrs.frozen
class LegacyAppeals:
    """因政府信息公开申请行政复议、提起行政诉讼的情况: the counts, 0 when the report says none."""

    reviews: int | None = attrs.field(default=None, validator=_checks.count)
    lawsuits: int | None = attrs.field(default=None, validator=_checks.count)
    reviews_corrected: int | None = attrs.field(default=None, validator=_checks.count)
    """被依法纠错数 among the reviews, where the report states it."""
    lawsuits_corrected: int | None = attrs.field(default=None, validator=_checks.count)
    """被依法纠错数 among the lawsuits (lost), where the report states it."""


@attrs.frozen
class ApplicationChannels:
    """How the applications arrived (其中：1.当面 2.传真 3.电子邮件 4.网上 5.信函 6.其他形式), as the old tables list them."""

    in_person: int | None = attrs.field(default=None, validator=_checks.count)
    fax: int | None = attrs.field(default=None, validator=_checks.count)
    email: int | None = attrs.field(default=None, validator=_checks.count)
    online: int | None = attrs.field(default=None, validator=_checks.count)
    letter: int | None = attrs.field(default=None, validator=_checks.count)
    other: int | None = attrs.field(default=None, validator=_checks.count)

    def counts(self) -> tuple[int | None, ...]:
        return (self.in_person, self.fax, self.email, self.online, self.letter, self.other)

    @property
    def computed_total(self) -> int | None:
        """The sum of the channels; ``None`` when none is stated or one is blank."""
        if all(count is None for count in self.counts()):
            return None
        return sum_stated(self.counts())


@attrs.frozen
class LegacyRequests:
    """依申请公开、不予公开、收费及减免 under the 2007 Regulations (第三十二条第二、三项), as typed facts.

    Counts are what the report states (``None``: not stated; 0 when it says none).  Fees are in 元, the
    unit the old reports use ("未收取任何费用" is 0 and 0).
    """

    received: int | None = attrs.field(default=None, validator=_checks.count)
    """申请总数 / 受理依申请公开信息总数."""
    channels: ApplicationChannels = attrs.field(factory=ApplicationChannels)
    answered: int | None = attrs.field(default=None, validator=_checks.count)
    """对申请的答复总数."""
    disclosed: int | None = attrs.field(default=None, validator=_checks.count)
    """同意公开答复数."""
    partially_disclosed: int | None = attrs.field(default=None, validator=_checks.count)
    """同意部分公开答复数."""
    withheld: int | None = attrs.field(default=None, validator=_checks.count)
    """否决公开 / 不予公开答复数: the applications refused."""
    other_answers: int | None = attrs.field(default=None, validator=_checks.count)
    """Other answers (信息不存在, 非本机关掌握, 申请内容不明确, 告知通过其他途径办理…)."""
    fees_charged: Decimal | None = attrs.field(default=None, validator=_checks.amount)
    """Fees charged for search, copying and postage, in 元."""
    fees_waived: Decimal | None = attrs.field(default=None, validator=_checks.amount)
    """Fees waived (减免), in 元."""

    def answer_parts(self) -> tuple[int | None, ...]:
        return (self.disclosed, self.partially_disclosed, self.withheld, self.other_answers)


@attrs.frozen
class Person:
    name: str | None = None
    position: str | None = None


@attrs.frozen
class LeadingGroup:
    """领导小组: who leads it, who serves in it and what its office does."""

    leader: Person | None = None
    deputies: str | None = None
    members: str | None = None
    office: str | None = None
    """The office under the group (领导小组下设办公室) and its duties."""


class WorkSystemKind(enum.Enum):
    """The working rules (工作制度) legacy reports describe."""

    REVIEW = "review"  # 审核制度 (保密审查)
    ASSESSMENT = "assessment"  # 考核制度
    ACCOUNTABILITY = "accountability"  # 责任追究制度
    EVALUATION = "evaluation"  # 评议制度
    OTHER = "other"


@attrs.frozen
class WorkSystem:
    kind: WorkSystemKind
    name: str
    text: str | None = None


@attrs.frozen
class Publication:
    """The 政府信息公开目录 or 指南: its title and where it was published."""

    title: str
    published_at: tuple[str, ...] = ()


@attrs.frozen
class Organisation:
    """How the agency organises the work: group, rules, catalogue and guide, channels."""

    leading_group: LeadingGroup | None = None
    work_systems: tuple[WorkSystem, ...] = ()
    catalogue: Publication | None = None
    guide: Publication | None = None
    channel_measures: tuple[Item, ...] = ()
    """The measures the agency took to widen its publication channels."""
