"""SmartRecruiters Posting API: the realworld detail, a listing, and missing fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import smartrecruiters
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.mark.shared
def test_bosch_rexroth_detail() -> None:
    path = shared_path(
        "realworld", "smartrecruiters-json", "bosch-rexroth-bursa-logistics-manager.json"
    )
    fmt, (posting,) = parse_path(path)
    assert fmt == "smartrecruiters"
    assert posting.value("title") == "Logistics Section Manager"
    assert posting.value("company") == "Bosch Group"
    assert plain(posting.value("locations")) == [
        {"city": "Bursa", "region": "Nilüfer", "country": "TR"}
    ]
    # remote: false and hybrid: false are stated, so the job is on site.
    assert posting.value("workplace_type") == "onsite"
    assert posting.value("employment_type") == ["FULL_TIME"]
    assert posting.value("date_posted") == "2026-09-24"
    assert posting.value("url") == (
        "https://jobs.smartrecruiters.com/BoschGroup/744000151640889-logistics-section-manager"
    )
    assert posting.value("apply_url") == (
        "https://jobs.smartrecruiters.com/BoschGroup/"
        "744000151640889-logistics-section-manager?oga=true"
    )
    assert posting.value("salary") is None
    # The four ad sections, in order, under their own headings.
    headings = ["## Company Description", "## Job Description", "## Qualifications"]
    positions = [posting.text.index(h) for h in [*headings, "## Additional Information"]]
    assert positions == sorted(positions)
    assert "Bachelor's or Master's degree in Supply Chain Management" in posting.text


@pytest.mark.parametrize("case", fixture_cases("smartrecruiters"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def test_remote_flag_missing_leaves_workplace_empty() -> None:
    document = Document(name="sr.json", text="{}")
    data = {"name": "Analyst", "releasedDate": "2025-01-01", "location": {"city": "Oslo"}}
    (posting,) = smartrecruiters.parse(document, Detection(Format.SMARTRECRUITERS, data))
    assert posting.value("workplace_type") is None
    assert plain(posting.value("locations")) == [{"city": "Oslo", "region": None, "country": None}]


def test_empty_listing_raises_malformed_input() -> None:
    document = Document(name="sr.json", text="{}")
    with pytest.raises(MalformedInputError, match="no job records"):
        smartrecruiters.parse(document, Detection(Format.SMARTRECRUITERS, {"content": []}))
