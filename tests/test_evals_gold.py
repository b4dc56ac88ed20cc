"""Gold validation (--check): each kind of problem is found and named with its case id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.evals.dataset import load_dataset
from extractor.evals.gold import GoldProblem, ProblemKind, check_dataset, check_gold

CLEAN: dict[str, Any] = {
    "title": "Senior Data Engineer",
    "locations": [{"city": "Denver", "region": "Colorado", "country": "US"}],
    "workplace_type": "remote",
    "remote_eligibility": ["US", "Europe"],
    "employment_type": ["FULL_TIME"],
    "seniority": "senior",
    "salary": {"min": 150000, "max": 175000, "currency": "USD", "period": "YEAR"},
    "salary_estimate": None,
    "experience_years": {"min": 5, "max": None},
    "date_posted": "2026-10-05",
    "valid_through": "2026-12-31",
    "visa_sponsorship": None,
    "skills": [],
}


def _problems(**changes: Any) -> list[GoldProblem]:
    return check_gold("case-1", {**CLEAN, **changes})


def _only(problems: list[GoldProblem]) -> GoldProblem:
    assert len(problems) == 1, problems
    return problems[0]


def test_clean_gold_has_no_problems() -> None:
    assert check_gold("case-1", CLEAN) == []


def test_partial_gold_is_fine() -> None:
    assert check_gold("case-1", {"title": "Nurse"}) == []


def test_unknown_field() -> None:
    problem = _only(_problems(salary_range="100k"))
    assert (problem.field, problem.kind) == ("salary_range", ProblemKind.INVALID)
    assert str(problem) == "case-1.salary_range: not a posting field"
    assert problem.blocks_scoring


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("seniority", "godlike", "'godlike'"),
        ("workplace_type", "office", "'office'"),
        ("employment_type", ["FULLTIME"], "at 0 (got 'FULLTIME')"),
        ("education", "phd", "'phd'"),
        ("status", "Open", "'Open'"),
        ("visa_sponsorship", "maybe", "'maybe'"),
        ("salary", {"min": 1, "max": 2, "currency": "USD", "period": "ANNUAL"}, "at period"),
        ("skills", "Python", "'Python'"),
        ("visa_sponsorship", "true", "'true'"),
        ("salary", {"min": "100", "max": 200, "currency": "USD", "period": "YEAR"}, "at min"),
        ("experience_years", {"min": 2.5, "max": None}, "at min"),
    ],
)
def test_values_the_schema_refuses(field: str, value: Any, named: str) -> None:
    problem = _only(_problems(**{field: value}))
    assert (problem.case_id, problem.field, problem.kind) == ("case-1", field, ProblemKind.INVALID)
    assert named in problem.message


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("date_posted", "05/10/2026", ProblemKind.INVALID),  # not YYYY-MM-DD
        ("date_posted", "2026-02-30", ProblemKind.MALFORMED),  # the shape, but no such day
        ("valid_through", "2026-13-01", ProblemKind.MALFORMED),
    ],
)
def test_malformed_dates(field: str, value: str, kind: ProblemKind) -> None:
    problem = _only(_problems(**{field: value}))
    assert (problem.field, problem.kind) == (field, kind)


def test_malformed_currencies() -> None:
    salary = {"min": 1, "max": 2, "period": "YEAR"}
    invalid = _only(_problems(salary={**salary, "currency": "usd"}))
    assert (invalid.field, invalid.kind) == ("salary", ProblemKind.INVALID)
    unknown = _only(_problems(salary_estimate={**salary, "currency": "XYZ"}))
    assert (unknown.field, unknown.kind) == ("salary_estimate", ProblemKind.MALFORMED)
    assert "ISO 4217" in unknown.message


def test_malformed_countries() -> None:
    invalid = _only(_problems(locations=[{"city": "Austin", "country": "USA"}]))
    assert (invalid.field, invalid.kind) == ("locations", ProblemKind.INVALID)
    unknown = _only(_problems(locations=[{"city": "Austin", "country": "XX"}]))
    assert (unknown.field, unknown.kind) == ("locations", ProblemKind.MALFORMED)
    region = _only(_problems(remote_eligibility=["US", "Mars"]))
    assert (region.field, region.kind) == ("remote_eligibility", ProblemKind.MALFORMED)
    assert "'Mars'" in region.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"salary": {"min": 200, "max": 100, "currency": "EUR", "period": "DAY"}}, "salary"),
        (
            {"salary_estimate": {"min": 9, "max": 8, "currency": "EUR", "period": "DAY"}},
            "salary_estimate",
        ),
        ({"experience_years": {"min": 7, "max": 3}}, "experience_years"),
        ({"valid_through": "2026-10-04"}, "valid_through"),
        ({"workplace_type": "onsite"}, "remote_eligibility"),
    ],
)
def test_contradictions(changes: dict[str, Any], field: str) -> None:
    problem = _only(_problems(**changes))
    assert (problem.field, problem.kind) == (field, ProblemKind.CONTRADICTION)
    assert not problem.blocks_scoring


def test_onsite_without_remote_eligibility_is_fine() -> None:
    assert _problems(workplace_type="onsite", remote_eligibility=[]) == []


def test_dataset_problems_are_all_listed_with_case_ids(tmp_path: Path) -> None:
    def write(name: str, text: str) -> None:
        (tmp_path / name).write_text(text, encoding="utf-8")

    write("good.txt", "Engineer")
    write("good.gold.json", json.dumps(CLEAN))
    write("bad.txt", "Engineer")
    write("bad.gold.json", json.dumps({"seniority": "guru", "colour": "red"}))
    write("broken.txt", "Engineer")
    write("broken.gold.json", "{")
    write("no-gold.html", "<p>x</p>")
    write("no-document.gold.json", "{}")
    problems = check_dataset(load_dataset(tmp_path))
    found = {(p.case_id, p.field, p.kind) for p in problems}
    assert found == {
        ("bad", "colour", ProblemKind.INVALID),
        ("bad", "seniority", ProblemKind.INVALID),
        ("broken", None, ProblemKind.UNREADABLE),
        ("no-gold", None, ProblemKind.PAIRING),
        ("no-document", None, ProblemKind.PAIRING),
    }
    assert [p.case_id for p in problems] == sorted(p.case_id for p in problems)
