"""Greenhouse Job Board API: the realworld boards, own fixtures, and malformed input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import greenhouse
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.mark.shared
def test_gitlab_board() -> None:
    fmt, postings = parse_path(
        shared_path("realworld", "greenhouse-json", "gitlab-board-2jobs.json")
    )
    assert fmt == "greenhouse"
    assert [p.value("title") for p in postings] == ["Account Executive - Italy", "AI Engineer"]
    italy, ai = postings
    assert italy.value("company") == ai.value("company") == "GitLab"
    assert italy.value("department") == "EMEA - Commercial"
    assert ai.value("department") == "Enterprise Applications"
    # "Remote, Italy" / "Remote, US": remote from a country, no base (SPEC section 3).
    assert italy.value("locations") is None and ai.value("locations") is None
    assert italy.value("workplace_type") == ai.value("workplace_type") == "remote"
    assert italy.value("remote_eligibility") == ["IT"]
    assert ai.value("remote_eligibility") == ["US"]
    assert italy.value("date_posted") == "2026-04-17"
    assert ai.value("date_posted") == "2026-05-29"
    assert italy.value("url") == "https://job-boards.greenhouse.io/gitlab/jobs/8503792002"
    assert ai.value("url") == "https://job-boards.greenhouse.io/gitlab/jobs/8565469002"
    # Pay sits inside the content: the text carries it for the salary rule, the parser does not.
    assert ai.value("salary") is None
    assert "$108,400" in ai.text and "&lt;" not in ai.text and "<p>" not in ai.text
    assert ai.text.startswith("AI Engineer\n\nGitLab is the intelligent orchestration platform")


@pytest.mark.shared
def test_smarterdx_board() -> None:
    _, postings = parse_path(
        shared_path("realworld", "greenhouse-json", "smarterdx-board-2jobs.json")
    )
    assert [p.value("title") for p in postings] == [
        "Client Support Analyst I",
        "Clinical Coding Specialist",
    ]
    analyst, coder = postings
    assert analyst.value("company") == coder.value("company") == "SmarterDx"
    assert analyst.value("department") == "Customer Success"
    assert coder.value("department") == "Clinical Operations"
    for posting in postings:
        assert posting.value("workplace_type") == "remote"
        assert posting.value("remote_eligibility") == ["US"]
        assert posting.value("locations") is None
    assert analyst.value("date_posted") == "2026-07-27"
    assert coder.value("date_posted") == "2026-04-06"
    assert "$34.62" in analyst.text


@pytest.mark.parametrize("case", fixture_cases("greenhouse"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def test_single_job_text_is_decoded_markup_with_headings() -> None:
    _, (posting,) = parse_path(Path(__file__).parent / "fixtures/greenhouse/single-job.json")
    assert "Example Labs builds & runs data tools." in posting.text
    assert "### What you'll do" in posting.text and "- Own our Spark pipelines" in posting.text
    assert plain(posting.value("locations"))[0]["city"] == "San Francisco"


def test_no_titled_job_raises_malformed_input() -> None:
    document = Document(name="gh.json", text="{}")
    data = {"jobs": [{"absolute_url": "https://x", "content": "", "title": None}, "junk"]}
    with pytest.raises(MalformedInputError, match=r"gh\.json"):
        greenhouse.parse(document, Detection(Format.GREENHOUSE, data))


def _pay_range(low: int, high: int, currency: str, title: str, blurb: str = "") -> dict[str, Any]:
    return {
        "min_cents": low,
        "max_cents": high,
        "currency_type": currency,
        "title": title,
        "blurb": blurb,
    }


def test_pay_ranges_with_a_stated_period_give_salary() -> None:
    ranges = [
        _pay_range(10840000, 12960000, "USD", "Annual base salary, Zone A"),
        _pay_range(9750000, 11660000, "USD", "Annual base salary, Zone B"),
    ]
    assert plain(greenhouse.salary_from_pay_ranges(ranges)) == {
        "min": 97500.0,
        "max": 129600.0,
        "currency": "USD",
        "period": "YEAR",
    }
    hourly = [_pay_range(3462, 3462, "USD", "Pay", "This role is paid hourly.")]
    assert plain(greenhouse.salary_from_pay_ranges(hourly))["period"] == "HOUR"


def test_pay_ranges_without_period_or_with_mixed_currencies_give_none() -> None:
    assert greenhouse.salary_from_pay_ranges([_pay_range(100, 200, "USD", "New York")]) is None
    mixed = [
        _pay_range(100, 200, "USD", "Annual salary"),
        _pay_range(100, 200, "EUR", "Annual salary"),
    ]
    assert greenhouse.salary_from_pay_ranges(mixed) is None
    assert greenhouse.salary_from_pay_ranges(None) is None


def test_a_workplace_custom_field_outranks_the_location_string() -> None:
    document = Document(name="gh.json", text="{}")
    job = {
        "title": "Designer",
        "absolute_url": "https://x",
        "location": {"name": "Remote - US"},
        "metadata": [{"name": "Workplace Type", "value": "Hybrid"}],
    }
    (posting,) = greenhouse.parse(document, Detection(Format.GREENHOUSE, job))
    assert posting.value("workplace_type") == "hybrid"


def test_department_ids_of_the_wrong_type_are_no_ids() -> None:
    # Found by fuzzing: a list or an object as parent_id or id raised TypeError (unhashable)
    # and the whole job was skipped.
    document = Document(name="gh.json", text="{}")
    departments = [
        {"id": [], "name": "Engineering", "parent_id": None},
        {"id": 7, "name": "Data", "parent_id": {"id": 1}},
    ]
    job = {"title": "Analyst", "absolute_url": "https://x", "departments": departments}
    (posting,) = greenhouse.parse(document, Detection(Format.GREENHOUSE, {"jobs": [job]}))
    assert posting.warnings == []
    assert posting.value("department") == "Data"
