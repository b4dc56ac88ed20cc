from __future__ import annotations

import pytest

from extractor.candidates import Candidate, Tier
from extractor.merge import merge
from extractor.schema import Salary


def _c(field: str, value: object, source: str, tier: Tier, span: tuple[int, int] | None = None):
    return Candidate(field, value, source, tier, span)


def test_structured_beats_rule_beats_llm_whatever_the_order() -> None:
    merged = merge(
        [
            _c("title", "From the model", "llm:m", Tier.LLM),
            _c("title", "From a rule", "rule:title_company", Tier.RULE, (0, 11)),
            _c("title", "From JSON-LD", "jsonld", Tier.STRUCTURED),
        ]
    )
    assert merged.posting.title == "From JSON-LD"
    assert merged.provenance["title"].source == "jsonld"


def test_rule_fills_what_the_source_left_empty_and_keeps_its_span() -> None:
    merged = merge(
        [
            _c("company", "Acme", "greenhouse", Tier.STRUCTURED),
            _c("seniority", "senior", "rule:seniority", Tier.RULE, (4, 10)),
        ]
    )
    assert merged.posting.seniority == "senior"
    assert merged.provenance["seniority"].span == (4, 10)
    assert set(merged.provenance) == {"company", "seniority"}


def test_first_candidate_wins_within_a_tier() -> None:
    merged = merge(
        [
            _c("url", "https://a.example/1", "jsonld", Tier.STRUCTURED),
            _c("url", "https://a.example/2", "jsonld", Tier.STRUCTURED),
        ]
    )
    assert merged.posting.url == "https://a.example/1"


def test_two_different_salaries_give_a_conflict_warning() -> None:
    stated = Salary(min=100000, max=120000, currency="USD", period="YEAR")
    other = Salary(min=90000, max=90000, currency="USD", period="YEAR")
    merged = merge(
        [
            _c("salary", stated, "jsonld", Tier.STRUCTURED),
            _c("salary", other, "rule:salary", Tier.RULE),
        ]
    )
    assert merged.posting.salary == stated
    assert len(merged.warnings) == 1
    assert "conflicting salary" in merged.warnings[0]
    assert "rule:salary" in merged.warnings[0]


def test_agreeing_values_give_no_warning() -> None:
    merged = merge(
        [
            _c("title", "Data Engineer", "jsonld", Tier.STRUCTURED),
            _c("title", "data engineer ", "rule:title_company", Tier.RULE),
        ]
    )
    assert merged.warnings == []


def test_lists_follow_precedence_without_conflict_warnings() -> None:
    merged = merge(
        [
            _c("skills", ["Python"], "jsonld", Tier.STRUCTURED),
            _c("skills", ["Python", "SQL"], "rule:skills", Tier.RULE),
        ]
    )
    assert merged.posting.skills == ["Python"]
    assert merged.warnings == []


def test_an_invalid_value_is_dropped_with_a_warning_and_the_next_one_used() -> None:
    merged = merge(
        [
            _c("workplace_type", "sometimes", "jsonld", Tier.STRUCTURED),
            _c("workplace_type", "hybrid", "rule:workplace", Tier.RULE),
        ]
    )
    assert merged.posting.workplace_type == "hybrid"
    assert merged.provenance["workplace_type"].source == "rule:workplace"
    assert any("dropped 'sometimes'" in w for w in merged.warnings)


def test_empty_values_are_not_candidates() -> None:
    merged = merge(
        [
            _c("title", "", "jsonld", Tier.STRUCTURED),
            _c("skills", [], "jsonld", Tier.STRUCTURED),
        ]
    )
    assert merged.posting.title is None
    assert merged.provenance == {}


def test_an_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        merge([_c("salary_range", "1", "jsonld", Tier.STRUCTURED)])
