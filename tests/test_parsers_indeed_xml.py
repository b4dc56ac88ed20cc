"""Indeed-style XML feeds: the realworld feeds field by field, and fixtures with their
expected output beside them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor import Result, extract_all
from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError, UnsafeInputError
from extractor.options import ExtractOptions
from extractor.parsers.indeed_xml import parse
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "indeed_xml"
# The parser alone: rules are other modules' business and are tested there.
PARSER_ONLY = ExtractOptions(rules=False, include_text=True)


def _results(*parts: str) -> list[Result]:
    return extract_all(shared_path("realworld", "indeed-xml", *parts), options=PARSER_ONLY)


def _check_fixture(path: Path) -> None:
    expected: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text())
    results = extract_all(path, options=PARSER_ONLY)
    assert len(results) == len(expected["postings"])
    for result, posting in zip(results, expected["postings"], strict=True):
        assert result.format == Format.INDEED_XML.value
        actual = result.posting.model_dump(mode="json")
        for field, value in posting.items():
            assert actual[field] == value, field
        for needle in expected.get("warnings", []):
            assert any(needle in warning for warning in result.warnings), needle
        for needle in expected.get("text_contains", []):
            assert result.text and needle in result.text, needle


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    _check_fixture(path)


def test_structured_salary_feed_fields() -> None:
    results = _results("propertymanagementjobs-feed-test-3jobs.xml")
    assert [r.posting.title for r in results] == [
        # "- Sandy Springs, GA" names the job's own city, so it leaves the title.
        "Bilingual Resident Services Specialist",
        "Experienced Field Maintenance Technician (3+ Years Required)",
        "Assistant General Manager",
    ]
    assert [r.posting.company for r in results] == ["Cortland", "Lessen", "Bozzuto"]
    assert [
        (loc.city, loc.region, loc.country) for r in results for loc in r.posting.locations
    ] == [
        ("Sandy Springs", "Georgia", "US"),
        ("Birmingham", "Alabama", "US"),
        ("Annapolis", "Maryland", "US"),
    ]
    salaries = [r.posting.salary.model_dump() if r.posting.salary else None for r in results]
    assert salaries == [
        {"min": 36000, "max": 55000, "currency": "USD", "period": "YEAR"},
        {"min": 23, "max": 27, "currency": "USD", "period": "HOUR"},
        {"min": 72600, "max": 75000, "currency": "USD", "period": "YEAR"},
    ]
    assert [r.posting.date_posted for r in results] == ["2026-04-16", "2026-04-21", "2026-04-23"]
    assert {r.posting.valid_through for r in results} == {"2026-06-25"}
    assert {r.posting.workplace_type for r in results} == {"onsite"}
    assert all(r.posting.employment_type == ["FULL_TIME"] for r in results)
    assert results[0].posting.url == "https://job-boards.greenhouse.io/cortland/jobs/4203729009"
    assert results[2].posting.url == (
        "https://www.bozzuto.com/careers/job-search/5194176008/?gh_jid=5194176008"
    )
    # The publisher (PropertyManagementJobs.us) is no posting's company.
    assert all("PropertyManagementJobs" not in (r.posting.company or "") for r in results)
    assert results[0].text and "## What This Role Actually Involves" in results[0].text
    assert all(r.warnings == [] for r in results)


def test_malformed_feed_keeps_all_nine_jobs_and_warns() -> None:
    results = _results("smartrecruitments-feed-2024-09-16-9jobs-malformed.xml")
    assert len(results) == 9
    assert all(any("not well-formed" in w for w in r.warnings) for r in results)
    assert [r.posting.title for r in results][:4] == [
        "International Recruiter with English",
        "Customer Support with German",
        "Customer Support with Dutch",
        "Sales with German",
    ]
    # <company> only repeats <publisher>, a recruitment agency: never the company.
    assert all(r.posting.company is None for r in results)
    assert all(r.posting.date_posted == "2024-09-14" for r in results)
    first, athens = results[0], results[1]
    assert first.posting.workplace_type == "remote"
    assert first.posting.remote_eligibility == ["EU"]  # <country>European Union</country>
    assert first.posting.locations == []
    assert first.posting.employment_type == ["OTHER"]
    assert athens.posting.workplace_type == "remote"  # TELECOMMUTE
    assert [(loc.city, loc.country) for loc in athens.posting.locations] == [("Athens", "GR")]
    assert [loc.country for r in results[4:8] for loc in r.posting.locations] == ["PT"] * 4
    assert results[8].posting.locations[0].city == "Kraków"
    assert results[8].posting.locations[0].country == "PL"
    assert results[2].posting.workplace_type is None  # <remote> is empty for this one
    assert results[1].posting.url == (
        "https://smart-recruitments.com/find-jobs/customer-support-with-german-in-greece"
    )


def test_japanese_feed_reads_the_four_jobs_not_the_commented_example() -> None:
    results = _results("kaigo-yoki-indeed-feed-ja.xml")
    # The fifth "<job>" in the file is inside the opening XML comment.
    assert [r.posting.title for r in results] == [
        "施設長（オープニング）",
        "サービス提供責任者（オープニング）",
        "常勤 介護スタッフ（夜勤可優遇）",
        "パート 介護スタッフ",
    ]
    assert {r.posting.company for r in results} == {"陽気 / 施設訪問介護 マナ"}
    assert all(
        [(loc.city, loc.region, loc.country) for loc in r.posting.locations]
        == [("南城市", "沖縄県", "JP")]
        for r in results
    )
    assert [r.posting.employment_type for r in results] == [["FULL_TIME"]] * 3 + [["PART_TIME"]]
    assert {r.posting.date_posted for r in results} == {"2026-06-30"}  # RFC 2822 with "JST"
    assert {r.posting.url for r in results} == {
        "https://kaigo-yoki.jp/recruit/opening-staff.html#roles"
    }
    # Free-text pay is not read here; it goes into the text for the salary rule.
    assert all(r.posting.salary is None for r in results)
    assert results[0].text and "Salary: 年俸 500万〜600万円" in results[0].text


def _parse(text: str) -> list[Any]:
    return parse(Document(name="feed.xml", text=text), Detection(Format.INDEED_XML))


def test_a_feed_without_any_titled_job_is_malformed() -> None:
    with pytest.raises(MalformedInputError) as caught:
        _parse("<source><job><company>A</company></job></source>")
    assert caught.value.source == "feed.xml"


def test_a_feed_declaring_entities_is_refused() -> None:
    with pytest.raises(UnsafeInputError):
        _parse('<!DOCTYPE s [<!ENTITY a "b">]><source><job><title>&a;</title></job></source>')


def test_placeholder_values_are_not_read() -> None:
    (posting,) = _parse(
        "<source><job><title>Cook</title><city>No City</city><country>N/A</country>"
        "<url>No Url</url><jobtype>-</jobtype><postalcode>No Postal Code</postalcode>"
        "</job></source>"
    )
    assert {c.field for c in posting.candidates} == {"title"}


def test_grouping_elements_give_their_children() -> None:
    (posting,) = _parse(
        "<source><job><title>Cook</title><location><city>Bergen</city>"
        "<country>Norway</country></location></job></source>"
    )
    (place,) = posting.value("locations")
    assert (place.city, place.country) == ("Bergen", "NO")


def test_a_workplace_marker_leaves_the_title() -> None:
    (posting,) = _parse("<source><job><title>Nurse (Remote)</title></job></source>")
    assert posting.value("title") == "Nurse"


def test_no_words_that_do_not_name_their_element_are_values() -> None:
    (posting,) = _parse(
        "<source><job><title>No Code Developer</title><company>No Limits</company></job></source>"
    )
    assert posting.value("title") == "No Code Developer"
    assert posting.value("company") == "No Limits"
