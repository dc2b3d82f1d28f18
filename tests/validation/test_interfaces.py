"""`govdisclosure validate`, acknowledgements, render's use of validation, rule plugins, the docs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure import hookimpl, validate
from govdisclosure.cli import main
from govdisclosure.docgen import validation_page
from govdisclosure.plugins import get_plugin_manager
from govdisclosure.testing import sample_report
from govdisclosure.validation import Context, Issue, RuleRegistry, Severity
from tests.helpers import EXAMPLES, ROOT

SEED = str(EXAMPLES / "harbin-qts-2011.yaml")


def _write(path: Path, report: govdisclosure.Report) -> str:
    path.write_text(govdisclosure.dumps_json(report), encoding="utf-8")
    return str(path)


def _with_error(tmp_path: Path) -> str:
    report = sample_report()
    assert report.requests is not None
    bad = attrs.evolve(
        report,
        requests=attrs.evolve(report.requests, received=govdisclosure.model.ApplicantCounts(40, 6, 0, 0, 2, 0, 49)),
    )
    return _write(tmp_path / "bad.json", bad)


def test_validate_text_grouped_by_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", SEED, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{SEED}: 哈尔滨市质量技术监督局 2011 (legacy-2008)"
    assert "  正文 Text" in out
    assert "warning TEXT-YEAR" in out
    assert "fingerprint 7a093aef6bd41352" in out
    assert out.rstrip().endswith("passes: 0 errors, 4 warnings, 1 info")
    assert "\033[" not in out


def test_validate_exit_codes_and_colour(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _with_error(tmp_path)
    assert main(["validate", bad, "--color", "always"]) == 1
    out = capsys.readouterr().out
    assert "\033[31merror   \033[0mT3-ROW-TOTAL" in out
    assert "三、申请处理（表三） Table 3" in out
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2


def test_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", _with_error(tmp_path), "--format", "json"]) == 1
    (document,) = json.loads(capsys.readouterr().out)
    assert document["passes"] is False
    assert document["counts"] == {"error": 2, "warning": 0, "info": 0}
    finding, balance = document["findings"]
    assert balance["code"] == "T3-BALANCE"
    assert finding["code"] == "T3-ROW-TOTAL"
    assert finding["evidence"] == {
        "expression": "received.total = Σ applicant columns",
        "left": 49,
        "right": 48,
        "difference": 1,
    }
    assert finding["status"] == "failed"
    assert len(finding["fingerprint"]) == 16


def test_validate_with_previous(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = sample_report()
    assert report.requests is not None
    previous = attrs.evolve(
        report,
        year=2022,
        published_on=None,
        requests=attrs.evolve(
            report.requests, carried_forward=govdisclosure.model.ApplicantCounts(9, 0, 0, 0, 0, 0, 9)
        ),
    )
    path = _write(tmp_path / "r.json", report)
    assert main(["validate", path, "--previous", _write(tmp_path / "p.json", previous), "--color", "never"]) == 0
    assert "XY-CARRY" in capsys.readouterr().out
    assert main(["validate", path, path, "--previous", path]) == 2


def test_acknowledgements(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _with_error(tmp_path)
    row, balance = validate(govdisclosure.load(bad)).findings
    ack = tmp_path / "ack.yaml"
    ack.write_text(
        f"acknowledgements:\n  - fingerprint: {row.fingerprint}\n    code: T3-ROW-TOTAL\n    reason: 已与统计台账核对\n"
        f"  - fingerprint: {balance.fingerprint}\n    reason: 同上\n"
        "  - fingerprint: 0123456789abcdef\n    reason: stale\n",
        encoding="utf-8",
    )
    assert main(["validate", bad, "--ack", str(ack), "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "T3-ROW-TOTAL — acknowledged: 已与统计台账核对" in out
    assert "(2 acknowledged)" in out
    assert "the acknowledgement 0123456789abcdef matches no finding any more" in out
    ack.write_text("acknowledgements:\n  - fingerprint: xyz\n    reason: r\n", encoding="utf-8")
    assert main(["validate", bad, "--ack", str(ack)]) == 2
    assert "fingerprint: expected the 16-character fingerprint" in capsys.readouterr().err


def test_the_acknowledgement_in_the_docs_works(seed: govdisclosure.Report, tmp_path: Path) -> None:
    import re

    from govdisclosure.validation import load_acknowledgements

    text = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    (snippet,) = [s for s in re.findall(r"```yaml\n(.*?)```", text, re.S) if "acknowledgements:" in s]
    (tmp_path / "ack.yaml").write_text(snippet, encoding="utf-8")
    result = validate(seed, acknowledgements=load_acknowledgements(tmp_path / "ack.yaml"))
    assert [f.code for f in result if f.acknowledged] == ["TEXT-YEAR"]


def test_render_refuses_a_report_with_errors_unless_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _with_error(tmp_path)
    out = tmp_path / "out"
    assert main(["render", bad, SEED, "--to", "json", "-o", str(out), "-v"]) == 1
    err = capsys.readouterr().err
    assert "bad.json: fails the checks (2 errors, 0 warnings, 0 info); not rendered" in err
    assert "error T3-ROW-TOTAL" in err
    assert "not rendered" in err
    assert "harbin-qts-2011.yaml: passes the checks (0 errors, 4 warnings, 1 info;" in err
    assert sorted(p.name for p in out.iterdir()) == ["harbin-qts-2011.json"]
    assert main(["render", bad, "--to", "json", "-o", str(out), "--allow-errors"]) == 0
    assert (out / "bad.json").exists()


class _Jiangsu:
    """A province's rule plugin, registered through the same hook as the built-in rules."""

    @hookimpl
    def register_rules(self, registry: RuleRegistry) -> None:
        @registry.rule(
            "JS-CONTACT-EMAIL",
            Severity.WARNING,
            title="An e-mail address for enquiries",
            title_zh="报告须列明咨询电子邮箱",
            description="Jiangsu asks every report to give an e-mail address for enquiries.",
            source="example",
        )
        def contact_email(ctx: Context) -> Iterator[Issue]:
            enquiries = ctx.report.contacts.enquiries
            if enquiries is None or not enquiries.email:
                yield Issue(
                    ("$.contacts.enquiries.email",), "报告未列明咨询电子邮箱。", "No e-mail address for enquiries."
                )


def test_a_province_rule_plugin_adds_a_rule_that_runs(huaian: govdisclosure.Report) -> None:
    plugins = get_plugin_manager(entry_points=False, extra=[("jiangsu", _Jiangsu())])
    assert plugins.rules.get("JS-CONTACT-EMAIL") is not None
    assert plugins.rules.get("JS-CONTACT-EMAIL").plugin == "jiangsu"  # type: ignore[union-attr]
    assert [f.code for f in validate(sample_report(), plugins=plugins)] == ["JS-CONTACT-EMAIL"]
    assert "JS-CONTACT-EMAIL" not in [f.code for f in validate(huaian, plugins=plugins)]  # 淮安 gives an e-mail


def test_a_rule_code_taken_twice_is_an_error() -> None:
    from govdisclosure.plugins import PluginError

    plugins = get_plugin_manager(entry_points=False, extra=[("a", _Jiangsu()), ("b", _Jiangsu())])
    with pytest.raises(PluginError, match="two rules use the code 'JS-CONTACT-EMAIL': plugin a and plugin b"):
        _ = plugins.rules


def test_docs_list_every_rule_and_the_seed_findings() -> None:
    page = ROOT / "docs" / "validation.md"
    text = page.read_text(encoding="utf-8")
    assert validation_page(text) == text, "docs/validation.md is stale: run .venv/bin/python scripts/update_docs.py"
    for rule in get_plugin_manager(entry_points=False).rules.rules():
        assert f"| `{rule.code}` |" in text
    assert "正文以“2010年，”叙述本年度情况" in text
