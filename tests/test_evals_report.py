"""Report aggregation on a hand-computed example: field means, macro mean, the two rates,
the breakdowns by format and by source; and saving and loading reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import DatasetError
from extractor.evals.report import (
    CaseReport,
    CaseUsage,
    FieldResult,
    Report,
    StrategyReport,
    load_report,
    save_report,
    summarize,
)
from extractor.evals.runner import score_posting
from extractor.schema import Posting, Provenance, Result, Salary

SALARY = {"min": 50000, "max": 60000, "currency": "USD", "period": "YEAR"}

# Case A: title right (jsonld); salary predicted where gold is null (a hallucination);
# skills half found (F1 2/3); visa null on both sides (right).
GOLD_A: dict[str, Any] = {
    "title": "Data Engineer",
    "salary": None,
    "skills": ["Python", "SQL"],
    "visa_sponsorship": None,
}
# Case B: title right (jsonld); salary missed; skills [] on both sides; visa right (rule).
GOLD_B: dict[str, Any] = {
    "title": "Nurse",
    "salary": SALARY,
    "skills": [],
    "visa_sponsorship": True,
}


def _result_a() -> Result:
    return Result(
        posting=Posting(
            title="Data Engineer",
            salary=Salary(min=100, max=100, currency="USD", period="YEAR"),
            skills=["python"],
        ),
        provenance={
            "title": Provenance(source="jsonld", span=(0, 13)),
            "salary": Provenance(source="rule:salary", span=(20, 30)),
            "skills": Provenance(source="rule:skills"),
        },
        format="jsonld",
    )


def _result_b() -> Result:
    return Result(
        posting=Posting(title="Nurse", visa_sponsorship=True),
        provenance={
            "title": Provenance(source="jsonld"),
            "visa_sponsorship": Provenance(source="rule:visa"),
        },
        format="text",
    )


def _case(case_id: str, gold: dict[str, Any], result: Result, **usage: Any) -> CaseReport:
    return CaseReport(
        case_id=case_id,
        document=f"{case_id}.txt",
        format=result.format,
        postings_found=1,
        chosen_posting=0,
        fields=score_posting(gold, result),
        usage=CaseUsage(**usage),
    )


@pytest.fixture
def summary() -> StrategyReport:
    cases = [
        _case("a", GOLD_A, _result_a(), llm_calls=1, input_tokens=800, output_tokens=90),
        _case("b", GOLD_B, _result_b(), llm_calls=2, input_tokens=100, cached=True, retries=1),
    ]
    return summarize("hybrid", cases, wall_seconds=1.23456)


def test_field_means_and_counts(summary: StrategyReport) -> None:
    means = {name: stats.mean for name, stats in summary.fields.items()}
    assert means == pytest.approx(
        {"title": 1.0, "salary": 0.0, "skills": (2 / 3 + 1) / 2, "visa_sponsorship": 1.0}
    )
    assert list(summary.fields) == ["title", "salary", "skills", "visa_sponsorship"]
    salary = summary.fields["salary"]
    assert (salary.labelled, salary.hallucinations, salary.misses) == (2, 1, 1)
    assert (salary.gold_nulls, salary.gold_values) == (1, 1)


def test_macro_mean_is_the_mean_of_field_means(summary: StrategyReport) -> None:
    assert summary.macro_mean == pytest.approx((1 + 0 + 5 / 6 + 1) / 4)


def test_hallucination_and_miss_rates(summary: StrategyReport) -> None:
    # Gold nulls: A.salary, A.visa, B.skills -> 3; one was predicted (A.salary).
    assert (summary.hallucinations, summary.gold_nulls) == (1, 3)
    assert summary.hallucination_rate == pytest.approx(1 / 3)
    # Gold values: A.title, A.skills, B.title, B.salary, B.visa -> 5; one left empty.
    assert (summary.misses, summary.gold_values) == (1, 5)
    assert summary.miss_rate == pytest.approx(1 / 5)


def test_breakdown_by_format(summary: StrategyReport) -> None:
    jsonld, text = summary.by_format["jsonld"], summary.by_format["text"]
    assert (jsonld.cases, jsonld.scored, jsonld.hallucinations, jsonld.gold_nulls) == (1, 4, 1, 2)
    assert jsonld.mean_score == pytest.approx((1 + 0 + 2 / 3 + 1) / 4)
    assert jsonld.miss_rate == 0.0
    assert (text.misses, text.gold_values, text.hallucination_rate) == (1, 3, 0.0)


def test_breakdown_by_source(summary: StrategyReport) -> None:
    sources = summary.by_source
    assert set(sources) == {"jsonld", "rule:salary", "rule:skills", "rule:visa"}
    assert (sources["jsonld"].predictions, sources["jsonld"].mean_score) == (2, 1.0)
    salary = sources["rule:salary"]
    assert (salary.predictions, salary.hallucinations, salary.hallucination_share) == (1, 1, 1.0)
    assert sources["rule:skills"].mean_score == pytest.approx(2 / 3)


def test_usage_totals(summary: StrategyReport) -> None:
    usage = summary.usage
    assert (usage.llm_calls, usage.input_tokens, usage.output_tokens) == (3, 900, 90)
    assert (usage.cache_hits, usage.retries, usage.wall_seconds) == (1, 1, 1.235)


def test_rates_are_none_without_a_denominator() -> None:
    row = FieldResult(field="title", gold="Nurse", predicted="Nurse", score=1.0)
    case = CaseReport(case_id="x", document="x.txt", fields=[row])
    summary = summarize("offline", [case], 0.0)
    assert summary.hallucination_rate is None
    assert summary.miss_rate == 0.0
    assert summary.by_format["unknown"].cases == 1


def test_empty_run_has_no_macro_mean() -> None:
    summary = summarize("offline", [], 0.0)
    assert summary.macro_mean is None and summary.fields == {}


def test_spans_and_sources_are_kept_per_field() -> None:
    rows = {row.field: row for row in score_posting(GOLD_A, _result_a())}
    assert (rows["title"].source, rows["title"].span) == ("jsonld", (0, 13))
    assert rows["visa_sponsorship"].source is None
    assert rows["salary"].hallucination and rows["salary"].gold is None


def test_unlabelled_fields_are_not_scored() -> None:
    assert [row.field for row in score_posting({"title": "Nurse"}, _result_b())] == ["title"]


# --- saving and loading ------------------------------------------------------------------


def _report(summary: StrategyReport) -> Report:
    return Report.model_validate(
        {
            "run": {
                "package_version": "0.1.0",
                "git_commit": None,
                "schema_version": "1",
                "prompt_versions": {},
                "model": None,
                "base_url": None,
                "started_at": "2026-11-22T08:00:00+00:00",
                "finished_at": "2026-11-22T08:00:01+00:00",
            },
            "dataset": {"name": "tiny", "path": "/tmp/tiny", "hash": "ab" * 32, "cases": 2},
            "strategies": [summary.model_dump()],
        }
    )


def test_report_round_trips_through_json(tmp_path: Path, summary: StrategyReport) -> None:
    report = _report(summary)
    save_report(report, tmp_path / "r.json")
    assert load_report(tmp_path / "r.json") == report


def test_report_refuses_unknown_keys(tmp_path: Path, summary: StrategyReport) -> None:
    data = json.loads(_report(summary).model_dump_json())
    data["strategies"][0]["accuracy"] = 0.9
    (tmp_path / "r.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DatasetError, match=r"r\.json: not an eval report.*accuracy"):
        load_report(tmp_path / "r.json")


def test_load_report_errors(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="cannot read the report"):
        load_report(tmp_path / "absent.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(DatasetError, match="not an eval report"):
        load_report(tmp_path / "bad.json")


def test_save_report_error(tmp_path: Path, summary: StrategyReport) -> None:
    with pytest.raises(DatasetError, match="cannot write the report"):
        save_report(_report(summary), tmp_path / "no-such-folder" / "r.json")


def test_an_empty_string_in_gold_counts_as_not_stated() -> None:
    result = Result(posting=Posting(title="Nurse"), format="text")
    summary = summarize(
        "offline",
        [CaseReport(case_id="c", document="c.txt", fields=score_posting({"title": ""}, result))],
        0.0,
    )
    assert (summary.hallucinations, summary.gold_nulls, summary.gold_values) == (1, 1, 0)
