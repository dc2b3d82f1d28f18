"""Reading input files: every problem found, with its path, line and a plain message."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from govdisclosure import ReportLoadError, load, loads
from govdisclosure.model import ApplicantCounts, Edition, LegacyProactive, OtherHandling, TrialProactiveTable

MINIMAL = "edition: national-2021\nagency: {name: 某局}\nyear: 2023\n"


def problems(text: str, **kwargs: object) -> list[tuple[str, str, int | None]]:
    with pytest.raises(ReportLoadError) as caught:
        loads(text, **kwargs)  # type: ignore[arg-type]
    return [(p.path, p.message, p.line) for p in caught.value.problems]


def test_minimal_report() -> None:
    report = loads(MINIMAL)
    assert report.edition is Edition.NATIONAL_2021
    assert report.agency.name == "某局"
    assert report.requests is None


def test_three_mistakes_are_all_reported_with_paths_and_lines() -> None:
    text = textwrap.dedent(
        """\
        edition: national-2021
        agency: {name: 某局}
        year: 2023
        requests:
          received: {natural_person: 3, total: 3}
          withheld:
            state_secret: {natural_person: -3}
            state_secrt: {total: 1}
        appeals:
          review: {upheld: 1.5}
        """
    )
    assert problems(text) == [
        ("$.requests.withheld.state_secret.natural_person", "expected a whole number ≥ 0, got -3", 7),
        ("$.requests.withheld.state_secrt", "unknown key 'state_secrt'; did you mean 'state_secret'?", 8),
        ("$.appeals.review.upheld", "expected a whole number ≥ 0, got 1.5", 10),
    ]


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("edition: national-2020\nagency: {name: x}\nyear: 2023\n", "$.edition", "did you mean 'national-2021'?"),
        ("edition: national-2021\nagency: {}\nyear: 2023\n", "$.agency.name", "required, but missing"),
        ("edition: national-2021\nagency: {name: x}\n", "$.year", "required, but missing"),
        ("agency: {name: x}\nyear: 2023\n", "$.edition", "required, but missing"),
        ("edition: national-2021\nagency: {name: x}\nyear: '2023'\n", "$.year", "expected a year from 2008"),
        ("edition: national-2021\nagency: {name: x}\nyear: 1999\n", "$.year", "got 1999"),
        (MINIMAL + "requests: {received: {total: 2.5}}\n", "$.requests.received.total", "whole number"),
        (MINIMAL + "requests: {received: {total: '12'}}\n", "$.requests.received.total", "got the text '12'"),
        (
            MINIMAL + "requests: {received: {total: /}}\n",
            "$.requests.received.total",
            "leave a cell that is not stated blank",
        ),
        (MINIMAL + "requests: {received: {total: true}}\n", "$.requests.received.total", "yes/no"),
        (MINIMAL + "proactive: {fees: {amount_10k_yuan: -3.5}}\n", "$.proactive.fees.amount_10k_yuan", "amount ≥ 0"),
        (MINIMAL + "proactive: {fees: {amount_10k_yuan: .nan}}\n", "$.proactive.fees.amount_10k_yuan", "amount ≥ 0"),
        (MINIMAL + "proactive: {fees: {amount_10k_yuan: .inf}}\n", "$.proactive.fees.amount_10k_yuan", "amount ≥ 0"),
        (MINIMAL + "proactive: {layout: national-2020}\n", "$.proactive.layout", "expected a layout among"),
        (MINIMAL + "published_on: 明年\n", "$.published_on", "expected a date"),
        (MINIMAL + "sections: [{title: x, body: [3]}]\n", "$.sections[0].body[0]", "expected a paragraph"),
        (MINIMAL + "sections: {title: x}\n", "$.sections", "list"),
        (MINIMAL + "agencyy: {}\n", "$.agencyy", "did you mean 'agency'?"),
        (MINIMAL + "schema_version: 9\n", "$.schema_version", "schema version 9"),
        (MINIMAL + 'title: "a\\u0007b"\n', "$.title", "control character U+0007"),
    ],
)
def test_clear_messages(text: str, path: str, message: str) -> None:
    found = problems(text)
    assert any(p == path and message in msg for p, msg, _ in found), found


def test_yaml_syntax_error_has_line_and_column() -> None:
    ((path, message, line),) = problems("edition: national-2021\nagency: [x,\nyear: 2023\n")
    assert path == "$"
    assert message.startswith("YAML syntax error")
    assert line == 4


def test_duplicate_keys_are_refused() -> None:
    ((path, message, line),) = problems(MINIMAL + "year: 2024\n")
    assert path == "$.year"
    assert "appears twice" in message
    assert "line 3" in message
    assert line == 4


def test_billion_laughs_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]\n"
    ((_, message, _),) = problems(bomb)
    assert "more than 200,000 values" in message


def test_yaml_12_scalars_keep_postcodes_and_words_as_text() -> None:
    report = loads(
        MINIMAL
        + "contacts: {enquiries: {postcode: 010000, phone: 82805738, name: no, address: 2012-03-02}}\n"
        + "proactive: {fees: {amount_10k_yuan: 96171.6}}\n"
    )
    contact = report.contacts.enquiries
    assert contact is not None
    assert (contact.postcode, contact.phone, contact.name, contact.address) == (
        "010000",
        "82805738",
        "no",
        "2012-03-02",
    )
    assert report.proactive.fees.amount_10k_yuan == Decimal("96171.6")  # type: ignore[union-attr]


def test_chinese_dates_are_read() -> None:
    assert loads(MINIMAL + "published_on: 二〇二四年一月二十日\n").published_on == dt.date(2024, 1, 20)
    assert loads(MINIMAL + "published_on: 2024-01-20\n").published_on == dt.date(2024, 1, 20)


def test_layouts_follow_the_edition_unless_the_file_says_otherwise() -> None:
    legacy = loads("edition: legacy-2008\nagency: {name: x}\nyear: 2011\nproactive: {total_items: 3}\n")
    assert isinstance(legacy.proactive, LegacyProactive)
    mixed = loads(MINIMAL + "proactive: {layout: national-2019-trial, fees: {change: -8}}\n")
    assert isinstance(mixed.proactive, TrialProactiveTable)
    assert mixed.proactive.fees.change == -8
    trial = loads(MINIMAL.replace("national-2021", "national-2019-trial") + "requests: {received: {total: 1}}\n")
    assert isinstance(trial.requests.other_handling, ApplicantCounts)  # type: ignore[union-attr]
    current = loads(MINIMAL + "requests: {received: {total: 1}}\n")
    assert isinstance(current.requests.other_handling, OtherHandling)  # type: ignore[union-attr]
    single = loads(MINIMAL + "requests: {other_handling: {natural_person: 1, total: 1}}\n")
    assert single.requests.other_handling == ApplicantCounts(natural_person=1, total=1)  # type: ignore[union-attr]


def test_trial_change_accepts_explicit_signs() -> None:
    text = (
        MINIMAL.replace("national-2021", "national-2019-trial")
        + "proactive: {licensing: {change: '+14'}, penalties: {change: '-8'}}\n"
    )
    report = loads(text)
    assert isinstance(report.proactive, TrialProactiveTable)
    assert (report.proactive.licensing.change, report.proactive.penalties.change) == (14, -8)


def test_json_input(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"edition": "national-2021", "agency": {"name": "某局"}, "year": 2023, '
                    '"proactive": {"fees": {"amount_10k_yuan": 7730.28}}}', encoding="utf-8")  # fmt: skip
    report = load(path)
    assert report.proactive.fees.amount_10k_yuan == Decimal("7730.28")  # type: ignore[union-attr]
    with pytest.raises(ReportLoadError, match="appears twice"):
        loads('{"edition": "national-2021", "edition": "legacy-2008"}', format="json")
    with pytest.raises(ReportLoadError, match="JSON syntax error"):
        loads('{"edition": ', format="json")
    with pytest.raises(ReportLoadError, match="NaN is not a number"):
        loads('{"year": NaN}', format="json")


def test_file_problems(tmp_path: Path) -> None:
    with pytest.raises(ReportLoadError, match="cannot read the file"):
        load(tmp_path / "missing.yaml")
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(MINIMAL.replace("某局", "哈尔滨市质量技术监督局").encode("gbk"))
    with pytest.raises(ReportLoadError, match="GBK"):
        load(gbk)
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load(bom).agency.name == "某局"
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing here\n")
    with pytest.raises(ReportLoadError, match="the file is empty"):
        load(empty)


def test_error_text_lists_every_problem() -> None:
    with pytest.raises(ReportLoadError) as caught:
        loads("edition: x\nagency: {}\nyear: 1\n", source="r.yaml")
    text = str(caught.value)
    assert text.startswith("r.yaml: 3 problems found")
    assert "line 1: $.edition" in text
