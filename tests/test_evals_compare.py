"""Comparing reports: deltas, the tolerance's edge, strategy pairing, notes."""

from __future__ import annotations

import pytest

from extractor.evals.compare import compare_reports
from extractor.evals.report import (
    CaseReport,
    DatasetInfo,
    FieldResult,
    Report,
    RunInfo,
    summarize,
)


def make_report(means: dict[str, dict[str, float]], dataset_hash: str = "0" * 64) -> Report:
    """A report whose strategy ``name`` scores each field at the given mean (one case each)."""
    runs = []
    for strategy, fields in means.items():
        rows = [
            FieldResult(field=name, gold="x", predicted="x", score=score)
            for name, score in fields.items()
        ]
        case = CaseReport(case_id="c", document="c.txt", fields=rows)
        runs.append(summarize(strategy, [case], 0.0))
    return Report(
        run=RunInfo(
            package_version="0.1.0",
            git_commit=None,
            schema_version="1",
            prompt_versions={},
            model=None,
            base_url=None,
            started_at="2026-11-22T08:00:00+00:00",
            finished_at="2026-11-22T08:00:00+00:00",
        ),
        dataset=DatasetInfo(name="d", path="/d", hash=dataset_hash, cases=1),
        strategies=runs,
    )


def test_same_scores_do_not_regress() -> None:
    report = make_report({"offline": {"title": 0.8, "salary": 0.5}})
    comparison = compare_reports(report, report, 0.01)
    assert not comparison.regressed
    assert [d.change for d in comparison.strategies[0].fields] == [0.0, 0.0]
    assert comparison.notes == []


def test_a_field_drop_beyond_tolerance_regresses() -> None:
    old = make_report({"offline": {"title": 0.80, "salary": 0.50}})
    new = make_report({"offline": {"title": 0.78, "salary": 0.55}})
    comparison = compare_reports(old, new, 0.01)
    assert comparison.regressed
    [strategy] = comparison.strategies
    assert [d.name for d in strategy.regressions] == ["title"]
    assert strategy.fields[0].change == pytest.approx(-0.02)
    assert not strategy.macro.regressed  # the macro mean rose: (0.78 + 0.55) / 2 > 0.65


def test_a_drop_of_exactly_the_tolerance_passes() -> None:
    old = make_report({"offline": {"title": 0.80}})
    new = make_report({"offline": {"title": 0.78}})
    assert not compare_reports(old, new, 0.02).regressed
    assert compare_reports(old, new, 0.019).regressed


def test_a_macro_drop_regresses_even_when_no_field_does() -> None:
    old = make_report({"offline": {"a": 0.9, "b": 0.9, "c": 0.9}})
    new = make_report({"offline": {"a": 0.885, "b": 0.885, "c": 0.885}})
    strategy = compare_reports(old, new, 0.015).strategies[0]
    assert strategy.regressions == []
    strategy = compare_reports(old, new, 0.01).strategies[0]
    assert {d.name for d in strategy.regressions} == {"a", "b", "c", "macro mean"}


def test_a_field_no_longer_scored_regresses_and_a_new_one_does_not() -> None:
    old = make_report({"offline": {"title": 0.8, "salary": 0.5}})
    new = make_report({"offline": {"title": 0.8, "skills": 0.1}})
    strategy = compare_reports(old, new).strategies[0]
    by_name = {d.name: d for d in strategy.fields}
    assert by_name["salary"].regressed and by_name["salary"].new is None
    assert not by_name["skills"].regressed and by_name["skills"].old is None


def test_strategies_pair_by_name() -> None:
    old = make_report({"offline": {"title": 0.8}, "hybrid": {"title": 0.9}})
    new = make_report({"hybrid": {"title": 0.5}, "llm-only": {"title": 0.9}})
    comparison = compare_reports(old, new)
    assert [s.strategy for s in comparison.strategies] == ["hybrid"]
    assert comparison.regressed
    assert any("llm-only is not in the old report" in n for n in comparison.notes)
    assert any("offline is not in the new report" in n for n in comparison.notes)


def test_one_strategy_each_side_pairs_whatever_its_name() -> None:
    comparison = compare_reports(
        make_report({"offline": {"title": 0.8}}), make_report({"hybrid": {"title": 0.9}})
    )
    assert not comparison.regressed
    assert comparison.notes == ["comparing strategy offline (old) with hybrid (new)"]


def test_different_datasets_are_noted() -> None:
    old = make_report({"offline": {"title": 0.8}}, dataset_hash="a" * 64)
    new = make_report({"offline": {"title": 0.8}}, dataset_hash="b" * 64)
    assert "the datasets differ" in compare_reports(old, new).notes[0]


def test_negative_tolerance_raises() -> None:
    report = make_report({"offline": {"title": 0.8}})
    with pytest.raises(ValueError, match="tolerance"):
        compare_reports(report, report, -0.1)
