"""SPEC section 4, rule by rule: the null rules, each kind of field, thresholds and tolerances."""

from __future__ import annotations

import importlib.util
import types

import pytest

from extractor.evals import scorers
from extractor.evals.scorers import (
    SCORERS,
    FieldScore,
    canonical_skill,
    f1,
    fold_text,
    max_matching,
    normalize_url,
    score_field,
)
from extractor.schema import POSTING_FIELDS


def _salary(low: float | None, high: float | None, currency: str = "USD", period: str = "YEAR"):
    return {"min": low, "max": high, "currency": currency, "period": period}


def test_every_posting_field_has_a_scorer() -> None:
    assert set(SCORERS) == set(POSTING_FIELDS)


def test_unknown_field_raises_key_error() -> None:
    with pytest.raises(KeyError):
        score_field("favourite_colour", "blue", "blue")


# --- the null rules ----------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "salary", "seniority", "visa_sponsorship"])
def test_both_null_is_right(field: str) -> None:
    assert score_field(field, None, None) == FieldScore(1.0)


def test_gold_null_prediction_set_is_a_hallucination() -> None:
    assert score_field("seniority", None, "senior") == FieldScore(0.0, hallucination=True)


def test_gold_set_prediction_null_is_a_miss() -> None:
    assert score_field("seniority", "senior", None) == FieldScore(0.0, miss=True)


def test_false_is_a_value_not_a_null() -> None:
    # visa_sponsorship=false is a stated refusal: predicting it where gold is null is a claim.
    assert score_field("visa_sponsorship", None, False).hallucination
    assert score_field("visa_sponsorship", False, False) == FieldScore(1.0)
    assert score_field("visa_sponsorship", False, True) == FieldScore(0.0)


def test_list_fields_both_empty_score_one() -> None:
    assert score_field("skills", [], []) == FieldScore(1.0)
    assert score_field("locations", None, []) == FieldScore(1.0)


def test_list_gold_empty_prediction_not_is_a_hallucination() -> None:
    assert score_field("benefits", [], ["Dental"]) == FieldScore(0.0, hallucination=True)


def test_list_gold_set_prediction_empty_is_a_miss() -> None:
    assert score_field("skills", ["Python"], []) == FieldScore(0.0, miss=True)


# --- exact fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "gold", "predicted", "expected"),
    [
        ("workplace_type", "remote", "remote", 1.0),
        ("workplace_type", "remote", "hybrid", 0.0),
        ("date_posted", "2026-10-05", "2026-10-05", 1.0),
        ("date_posted", "2026-10-05", "2026-10-06", 0.0),
        ("education", "bachelor", "master", 0.0),
        ("status", "open", "open", 1.0),
    ],
)
def test_exact_fields(field: str, gold: str, predicted: str, expected: float) -> None:
    assert score_field(field, gold, predicted).score == expected


# --- string fields -----------------------------------------------------------------------


def test_fold_text_folds_case_unicode_punctuation_and_space() -> None:
    assert fold_text("  Senior  Data-Engineer (m/w/d) ") == "senior data engineer m w d"
    assert fold_text("ＳＲＥ") == "sre"  # full-width letters, NFKC
    assert fold_text("Straße") == fold_text("STRASSE")  # case-folding, not lower()


def test_title_equal_after_folding() -> None:
    assert score_field("title", "Senior Data Engineer", "senior data-engineer!").score == 1.0


def test_title_token_order_does_not_matter() -> None:
    assert score_field("title", "Engineer, Data", "Data Engineer").score == 1.0


def test_string_threshold_is_ninety_inclusive() -> None:
    # One letter in ten differs: token-sort similarity exactly 90.0, a match.
    assert score_field("company", "abcdefghij", "abcdefghik").score == 1.0
    # One in nine: 88.9, below the threshold.
    assert score_field("company", "abcdefghi", "abcdefghz").score == 0.0


def test_different_titles_do_not_match() -> None:
    assert score_field("title", "Data Engineer", "Data Analyst").score == 0.0


# --- urls --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("https://www.example.com/jobs/1", "http://example.com/jobs/1/"),
        ("https://example.com/jobs/1#apply", "example.com/jobs/1"),
        ("https://EXAMPLE.com/jobs/1", "https://example.com/jobs/1"),
        ("mailto:jobs@example.com", "mailto:jobs@example.com"),
    ],
)
def test_urls_equal_after_normalizing(gold: str, predicted: str) -> None:
    assert score_field("url", gold, predicted).score == 1.0


def test_urls_keep_path_case_and_query() -> None:
    assert score_field("apply_url", "https://a.com/Jobs?id=1", "https://a.com/jobs?id=1").score == 0
    assert score_field("apply_url", "https://a.com/j?id=1", "https://a.com/j?id=2").score == 0


def test_normalize_url() -> None:
    assert normalize_url("https://www.Example.com/a/b/#frag") == "example.com/a/b"


# --- salary ------------------------------------------------------------------------------


def test_salary_within_one_percent_matches() -> None:
    gold = _salary(100_000, 120_000)
    assert score_field("salary", gold, _salary(100_999, 118_801)).score == 1.0
    assert score_field("salary", gold, _salary(101_000, 120_000)).score == 1.0  # exactly 1%


def test_salary_beyond_one_percent_fails() -> None:
    gold = _salary(100_000, 120_000)
    assert score_field("salary", gold, _salary(101_001, 120_000)).score == 0.0
    assert score_field("salary", gold, _salary(100_000, 121_300)).score == 0.0


def test_salary_currency_and_period_must_be_equal() -> None:
    gold = _salary(50, 60, "USD", "HOUR")
    assert score_field("salary_estimate", gold, _salary(50, 60, "CAD", "HOUR")).score == 0.0
    assert score_field("salary_estimate", gold, _salary(50, 60, "USD", "YEAR")).score == 0.0


def test_salary_missing_bound_must_be_missing_on_both_sides() -> None:
    assert score_field("salary", _salary(90, None), _salary(90, None)).score == 1.0
    assert score_field("salary", _salary(90, None), _salary(90, 90)).score == 0.0


# --- experience --------------------------------------------------------------------------


def test_experience_min_and_max_equal() -> None:
    assert score_field("experience_years", {"min": 5, "max": None}, {"min": 5}).score == 1.0
    assert score_field("experience_years", {"min": 5, "max": None}, {"min": 5, "max": 7}).score == 0
    assert score_field("experience_years", {"min": 4, "max": 7}, {"min": 4, "max": 6}).score == 0


# --- set F1 ------------------------------------------------------------------------------


def test_f1() -> None:
    assert f1(0, 0, 0) == 1.0
    assert f1(0, 2, 3) == 0.0
    assert f1(1, 2, 1) == pytest.approx(2 / 3)


def test_employment_type_set_f1() -> None:
    score = score_field("employment_type", ["FULL_TIME", "CONTRACTOR"], ["FULL_TIME"]).score
    assert score == pytest.approx(2 / 3)


def test_remote_eligibility_compares_codes_and_regions() -> None:
    gold = ["US", "CA", "Europe"]
    assert score_field("remote_eligibility", gold, ["us", "EUROPE", "CA"]).score == 1.0
    assert score_field("remote_eligibility", gold, ["US", "MX"]).score == pytest.approx(0.4)


def test_duplicate_items_count_once_in_sets() -> None:
    assert score_field("skills", ["Python"], ["python", "Python"]).score == 1.0


def test_skills_outside_vocabulary_compare_case_folded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scorers, "_vocabulary_lookup", lambda: None)
    assert score_field("skills", ["PostgreSQL", "dbt"], ["postgresql", "DBT"]).score == 1.0
    assert score_field("skills", ["Spark"], ["Apache Spark"]).score == 0.0


def test_skill_aliases_through_a_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    aliases = {"spark": "Apache Spark", "apache spark": "Apache Spark", "k8s": "Kubernetes"}
    monkeypatch.setattr(scorers, "_vocabulary_lookup", lambda: lambda n: aliases.get(n.lower()))
    gold, predicted = ["Apache Spark", "Kubernetes", "Go"], ["spark", "K8s", "go"]
    assert score_field("skills", gold, predicted).score == 1.0
    assert canonical_skill("PySpark") == "pyspark"  # outside the vocabulary: folded


@pytest.mark.skipif(
    importlib.util.find_spec("extractor.vocabulary") is None,
    reason="extractor.vocabulary has not landed yet",
)
def test_skill_aliases_with_the_project_vocabulary() -> None:
    vocabulary = importlib.import_module("extractor.vocabulary")
    scorers._vocabulary_lookup.cache_clear()
    assert isinstance(vocabulary, types.ModuleType)
    # SPEC section 3: "Spark" and "apache spark" are one skill; "PySpark" is its own.
    assert score_field("skills", ["Apache Spark"], ["spark"]).score == 1.0
    assert score_field("skills", ["Apache Spark"], ["PySpark"]).score == 0.0


# --- locations ---------------------------------------------------------------------------


def test_locations_match_on_country_and_city() -> None:
    gold = [{"city": "New York", "region": "New York", "country": "US"}]
    predicted = [{"city": "new york", "region": None, "country": "US"}]
    assert score_field("locations", gold, predicted).score == 1.0


def test_locations_without_gold_city_match_on_country() -> None:
    gold = [{"city": None, "region": None, "country": "DE"}]
    assert score_field("locations", gold, [{"city": "Berlin", "country": "DE"}]).score == 1.0


def test_locations_wrong_city_or_country_do_not_match() -> None:
    gold = [{"city": "Berlin", "country": "DE"}]
    assert score_field("locations", gold, [{"city": "Munich", "country": "DE"}]).score == 0.0
    assert score_field("locations", gold, [{"city": "Berlin", "country": "US"}]).score == 0.0
    assert score_field("locations", gold, [{"city": None, "country": "DE"}]).score == 0.0


def test_locations_partial_set() -> None:
    gold = [{"city": "Berlin", "country": "DE"}, {"city": "Paris", "country": "FR"}]
    predicted = [{"city": "Berlin", "country": "DE"}]
    assert score_field("locations", gold, predicted).score == pytest.approx(2 / 3)


# --- sections ----------------------------------------------------------------------------


def test_sections_fuzzy_match_at_eighty() -> None:
    gold = ["5+ years of experience in data engineering", "Strong SQL and Airflow"]
    predicted = ["5+ years of experience in data engineering.", "Strong SQL & Airflow skills"]
    assert score_field("requirements", gold, predicted).score == 1.0


def test_sections_unrelated_items_do_not_match() -> None:
    assert score_field("benefits", ["Dental insurance"], ["Free lunch on Fridays"]).score == 0.0


def test_section_gold_item_matches_at_most_one_prediction() -> None:
    # Two near-identical predictions for one gold item: one matches, the other is extra.
    gold = ["Build data pipelines in Python"]
    predicted = ["Build data pipelines in Python", "Build data pipelines in Python daily"]
    assert score_field("responsibilities", gold, predicted).score == pytest.approx(2 / 3)


def test_max_matching_beats_greedy() -> None:
    # Greedy would pair gold 0 with prediction 0 and leave gold 1 unmatched.
    edges = {(0, 0), (0, 1), (1, 0)}
    gold, predicted = [0, 1], [0, 1]
    assert max_matching(gold, predicted, lambda g, p: (g, p) in edges) == 2
