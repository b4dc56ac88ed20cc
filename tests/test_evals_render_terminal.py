"""The terminal tables: strategies side by side, the summary rows, the comparison verdict."""

from __future__ import annotations

from rich.console import Console

from extractor.evals.compare import compare_reports
from extractor.evals.render_terminal import print_comparison, print_diffs, print_report
from extractor.evals.report import FieldResult
from tests.test_evals_compare import make_report


def _console() -> Console:
    return Console(record=True, width=160, color_system=None)


def test_report_puts_strategies_side_by_side() -> None:
    console = _console()
    report = make_report({"offline": {"title": 0.5}, "hybrid": {"title": 0.75}})
    print_report(report, console)
    text = console.export_text()
    title_row = next(line for line in text.splitlines() if "title" in line and "0." in line)
    assert title_row.index("0.500") < title_row.index("0.750")
    for label in ("macro mean", "hallucination rate", "miss rate", "tokens in / out", "cache hits"):
        assert label in text
    assert "by detected format" in text and "by provenance source" in text


def test_report_without_breakdowns() -> None:
    console = _console()
    print_report(make_report({"offline": {"title": 1.0}}), console, breakdowns=False)
    assert "by detected format" not in console.export_text()


def test_comparison_marks_regressions() -> None:
    console = _console()
    old = make_report({"offline": {"title": 0.9, "skills": 0.5}})
    new = make_report({"offline": {"title": 0.7, "skills": 0.6}})
    print_comparison(compare_reports(old, new, 0.01), console)
    text = console.export_text()
    title_row = next(line for line in text.splitlines() if "title" in line and "0.9" in line)
    assert "-0.200" in title_row and "REGRESSED" in title_row
    skills_row = next(line for line in text.splitlines() if "skills" in line)
    assert "+0.100" in skills_row and "REGRESSED" not in skills_row
    assert "result: regressed" in text


def test_diffs_list_only_wrong_fields_with_their_verdict() -> None:
    console = _console()
    report = make_report({"offline": {"title": 1.0}})
    report.strategies[0].cases[0].fields = [
        FieldResult(field="title", gold="Nurse", predicted="Nurse", score=1.0),
        FieldResult(
            field="skills",
            gold=[],
            predicted=["[SQL]"],
            score=0.0,
            hallucination=True,
            source="rule:skills",
        ),
    ]
    print_diffs(report, console)
    text = console.export_text()
    assert "title" not in text.split("fields not fully right", 1)[1]
    row = next(line for line in text.splitlines() if "skills" in line)
    assert '["[SQL]"]' in row and "hallucination" in row and "rule:skills" in row
