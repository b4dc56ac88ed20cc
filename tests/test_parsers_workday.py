"""Workday CXS: the realworld detail, a listing, a hybrid detail, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import workday
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.mark.shared
def test_hitachi_energy_detail() -> None:
    path = shared_path(
        "realworld", "workday-json", "hitachi-energy-kocaeli-maintenance-worker-tr.json"
    )
    fmt, (posting,) = parse_path(path)
    assert fmt == "workday"
    assert posting.value("title") == "Maintenance Worker"
    # hiringOrganization.name is the legal entity; normalize_company owns the legal-form cut.
    assert posting.value("company").startswith("HITACHI ENERGY TURKEY ELEKTRIK")
    # "Kocaeli, Kocaeli, Turkey" with the requisition's alpha2Code TR.
    assert plain(posting.value("locations")) == [
        {"city": "Kocaeli", "region": "Kocaeli", "country": "TR"}
    ]
    assert posting.value("employment_type") == ["FULL_TIME"]
    # postedOn is relative ("Posted 30+ Days Ago"); startDate is the posting's own date,
    # which the description's header repeats as "Date Posted: 2026-01-30".
    assert posting.value("date_posted") == "2026-01-30"
    assert posting.value("url") == (
        "https://hitachi.wd1.myworkdayjobs.com/hitachi/job/Kocaeli-Kocaeli-Turkey/"
        "Maintenance-Worker_R0119001"
    )
    assert posting.value("salary") is None
    # The template's field block says "Remote: No": an on-site job, with its span.
    assert posting.value("workplace_type") == "onsite"
    (candidate,) = [c for c in posting.candidates if c.field == "workplace_type"]
    assert candidate.span is not None
    assert posting.text[candidate.span[0] : candidate.span[1]] == "Remote:\nNo"
    assert posting.text.startswith("Maintenance Worker\n\nLocation:\nKocaeli, Kocaeli, Turkey")


@pytest.mark.parametrize("case", fixture_cases("workday"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def test_additional_location_in_another_country_keeps_its_own_country() -> None:
    document = Document(name="wd.json", text="{}")
    info = {
        "title": "Auditor",
        "location": "Vienna, Vienna, Austria",
        "additionalLocations": ["Munich, Bavaria, Germany"],
        "jobRequisitionLocation": {"country": {"alpha2Code": "AT"}},
    }
    (posting,) = workday.parse(document, Detection(Format.WORKDAY, {"jobPostingInfo": info}))
    assert [place["country"] for place in plain(posting.value("locations"))] == ["AT", "DE"]


def test_remote_type_beats_the_remote_header() -> None:
    document = Document(name="wd.json", text="{}")
    info = {"title": "Nurse", "remoteType": "Hybrid", "jobDescription": "<p>Remote:</p>Yes"}
    (posting,) = workday.parse(document, Detection(Format.WORKDAY, {"jobPostingInfo": info}))
    assert posting.value("workplace_type") == "hybrid"
    info = {"title": "Nurse", "jobDescription": "<p>Remote:</p>Yes"}
    (posting,) = workday.parse(document, Detection(Format.WORKDAY, {"jobPostingInfo": info}))
    assert posting.value("workplace_type") == "remote"


def test_detail_without_title_raises_malformed_input() -> None:
    document = Document(name="wd.json", text="{}")
    data = {"jobPostingInfo": {"title": None, "jobDescription": "<p>x</p>"}}
    with pytest.raises(MalformedInputError, match="no title"):
        workday.parse(document, Detection(Format.WORKDAY, data))
