"""Ashby posting API: the realworld boards, own fixtures, and the compensation block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.parsers import ashby
from extractor.parsers.ashby import salary_from_compensation
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.mark.shared
def test_linear_board_remote_regions() -> None:
    fmt, postings = parse_path(shared_path("realworld", "ashby-json", "linear-board-2jobs.json"))
    assert fmt == "ashby"
    europe, north_america = postings
    for posting in postings:
        assert posting.value("title") == "Senior / Staff Fullstack Engineer"
        assert posting.value("department") == "Engineering"  # team beats department
        assert posting.value("workplace_type") == "remote"
        assert posting.value("employment_type") == ["FULL_TIME"]
        assert posting.value("locations") is None  # remote, no named base
        assert posting.value("salary") is None  # empty compensation tiers
        assert posting.value("company") is None
    assert europe.value("remote_eligibility") == ["Europe"]
    assert north_america.value("remote_eligibility") == ["North America"]
    assert europe.value("date_posted") == "2021-04-27"
    assert north_america.value("date_posted") == "2021-08-18"
    assert europe.value("url") == (
        "https://jobs.ashbyhq.com/linear/d3bc1ced-3ce4-4086-a050-555055dbb1ff"
    )
    assert europe.value("apply_url") == (
        "https://jobs.ashbyhq.com/linear/d3bc1ced-3ce4-4086-a050-555055dbb1ff/application"
    )
    assert europe.text.startswith("Senior / Staff Fullstack Engineer\n\nAt Linear, we're building")


@pytest.mark.shared
def test_openevidence_board_onsite_with_secondary_location() -> None:
    path = shared_path("realworld", "ashby-json", "openevidence-board-2jobs.json")
    _, postings = parse_path(path)
    assert [p.value("title") for p in postings] == [
        "Member of Technical Staff",
        "Software Engineer, Data Platform",
    ]
    for posting in postings:
        assert plain(posting.value("locations")) == [
            {"city": "San Francisco", "region": "California", "country": "US"},
            {"city": "Miami", "region": "Florida", "country": "US"},
        ]
        assert posting.value("workplace_type") == "onsite"
        assert posting.value("remote_eligibility") is None
        # "$12B" in the text is a valuation; pay comes only from the compensation block.
        assert posting.value("salary") is None
    assert postings[0].value("date_posted") == "2026-01-22"
    assert postings[1].value("date_posted") == "2026-02-23"
    assert "$12B" in postings[0].text


@pytest.mark.parametrize("case", fixture_cases("ashby"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def _salary(currency: str, interval: str, low: float, high: float) -> dict[str, Any]:
    return {
        "compensationType": "Salary",
        "interval": interval,
        "currencyCode": currency,
        "minValue": low,
        "maxValue": high,
    }


def test_compensation_hourly_summary() -> None:
    salary = salary_from_compensation({"summaryComponents": [_salary("USD", "1 HOUR", 40, 55)]})
    assert plain(salary) == {"min": 40.0, "max": 55.0, "currency": "USD", "period": "HOUR"}


def test_compensation_without_salary_components_is_none() -> None:
    equity = {"compensationType": "EquityPercentage", "minValue": 0.1, "maxValue": 0.2}
    assert salary_from_compensation({"summaryComponents": [equity]}) is None
    assert salary_from_compensation({"compensationTiers": []}) is None
    assert salary_from_compensation(None) is None


def test_compensation_tiers_with_different_intervals_give_no_salary() -> None:
    tiers = [
        {"components": [_salary("USD", "1 YEAR", 100000, 120000)]},
        {"components": [_salary("USD", "1 HOUR", 50, 60)]},
    ]
    assert salary_from_compensation({"compensationTiers": tiers}) is None


def test_fields_of_the_wrong_type_do_not_cost_the_job() -> None:
    # Found by fuzzing: a number as secondaryLocations or compensationTiers raised TypeError
    # (not iterable), a list as currencyCode raised TypeError (unhashable), and the whole
    # job was skipped.
    job = {"title": "Growth Marketer", "secondaryLocations": 1, "compensation": 5}
    document = Document(name="ashby.json", text="{}")
    (posting,) = ashby.parse(document, Detection(Format.ASHBY, {"jobs": [job]}))
    assert posting.warnings == [] and posting.value("title") == "Growth Marketer"
    assert salary_from_compensation({"compensationTiers": 3}) is None
    odd = {"summaryComponents": [_salary("USD", "1 YEAR", 1, 2) | {"currencyCode": ["USD"]}]}
    assert plain(salary_from_compensation(odd)) == {
        "min": 1.0,
        "max": 2.0,
        "currency": None,
        "period": "YEAR",
    }
