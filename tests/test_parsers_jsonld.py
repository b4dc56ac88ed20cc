"""JSON-LD parser: fixtures (valid and malformed shapes), the realworld pages and seed 003."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from extractor.detect import Detection, Format, detect
from extractor.document import load_document
from extractor.errors import MalformedInputError, UnsafeInputError
from extractor.parsers import jsonld
from extractor.parsers.base import ParsedPosting
from extractor.parsers.lenient_json import (
    _drop_js_comments,
    _drop_trailing_commas,
    load_lenient_json,
)
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "jsonld"
CASES = sorted(FIXTURES.glob("*.html")) + sorted((FIXTURES / "invalid").glob("*.html"))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _parse_file(path: Path) -> list[ParsedPosting]:
    document = load_document(path)
    return jsonld.parse(document, Detection(Format.JSONLD))


def _assert_spans_point_at_values(posting: ParsedPosting) -> None:
    for candidate in posting.candidates:
        if candidate.span is not None:
            start, end = candidate.span
            assert posting.text[start:end] == candidate.value


def _close(actual: Any, expected: Any) -> bool:
    if isinstance(expected, dict) and isinstance(actual, dict):
        return actual.keys() == expected.keys() and all(
            _close(actual[key], expected[key]) for key in expected
        )
    if isinstance(expected, list) and isinstance(actual, list):
        return len(actual) == len(expected) and all(map(_close, actual, expected))
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(actual - expected) < 1e-9
    return bool(actual == expected)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(path: Path) -> None:
    expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())
    postings = _parse_file(path)
    assert len(postings) == len(expected["postings"])
    for posting, fields in zip(postings, expected["postings"], strict=True):
        assert posting.source == "jsonld"
        for name, value in fields.items():
            actual = _plain(posting.value(name))
            assert _close(actual, value), f"{path.name} {name}: {actual!r} != {value!r}"
        for snippet in expected.get("text_contains", []):
            assert snippet in posting.text
        for snippet in expected.get("text_lacks", []):
            assert snippet not in posting.text
        for warning in expected["warnings"]:
            assert any(warning in said for said in posting.warnings), posting.warnings
        if not expected["warnings"]:
            assert posting.warnings == []
        _assert_spans_point_at_values(posting)


def test_every_fixture_has_its_expectation() -> None:
    for path in CASES:
        assert path.with_suffix("").with_suffix(".expected.json").exists(), path


# --- raw JSON input ------------------------------------------------------------------------


def _parse_text(text: str) -> list[ParsedPosting]:
    document = load_document(text, name="raw.json")
    return jsonld.parse(document, detect(document))


def test_raw_json_array_gives_one_posting_per_node() -> None:
    text = json.dumps(
        [
            {"@type": "JobPosting", "title": "A", "description": "First."},
            {"@type": "BreadcrumbList", "name": "crumbs"},
            {"@type": "JobPosting", "title": "B", "description": "Second."},
        ]
    )
    postings = _parse_text(text)
    assert [p.value("title") for p in postings] == ["A", "B"]
    assert postings[0].text == "A\n\nFirst."


def test_raw_json_with_trailing_commas_is_repaired_with_a_warning() -> None:
    postings = _parse_text(
        '{"@context": "https://schema.org", "@type": "JobPosting", "title": "A",}'
    )
    assert postings[0].value("title") == "A"
    assert postings[0].warnings == ["JSON-LD repaired: removed trailing commas"]


def test_raw_json_beyond_repair_raises_a_typed_error_naming_the_input() -> None:
    document = load_document('{"@context": "x", <%= job %>', name="broken.json")
    with pytest.raises(MalformedInputError) as caught:
        jsonld.parse(document, Detection(Format.JSONLD))
    assert caught.value.source == "broken.json"


def test_raw_json_without_a_job_posting_keeps_the_text_and_warns() -> None:
    (posting,) = _parse_text('{"@context": "https://schema.org", "@type": "Organization"}')
    assert posting.candidates == []
    assert "no JobPosting node" in posting.warnings[0]


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(UnsafeInputError):
        load_lenient_json("[" * 500 + "]" * 500, "deep.json")


@pytest.mark.parametrize("block", ["[" + "9" * 5000 + "]", '{"a": [1,], "b": ' + "9" * 5000 + "}"])
def test_lenient_loader_refuses_a_number_too_long_to_read(block: str) -> None:
    # Found by fuzzing: an integer of more than 4,300 digits escaped as a raw ValueError,
    # from the strict reading and from the repairs alike.
    with pytest.raises(MalformedInputError) as caught:
        load_lenient_json(block, "x")
    assert caught.value.source == "x" and "4300 digits" in caught.value.problem


def test_lenient_loader_reports_nothing_for_clean_json() -> None:
    assert load_lenient_json('{"a": [1, 2]}', "x") == ({"a": [1, 2]}, [])


def test_trailing_comma_inside_a_string_is_kept() -> None:
    value, warnings = load_lenient_json('{"a": "x,]", "b": [1,],}', "x")
    assert value == {"a": "x,]", "b": [1]}
    assert warnings == ["JSON-LD repaired: removed trailing commas"]


# --- realworld documents and seed 003 (expected values read from each document) -------------


def _realworld(name: str) -> ParsedPosting:
    document = load_document(shared_path("realworld", "jsonld", name))
    (posting,) = jsonld.parse(document, detect(document))
    _assert_spans_point_at_values(posting)
    return posting


def test_schemaorg_example_legacy_flat_salary_and_abbreviated_state() -> None:
    posting = _realworld("schemaorg-eg0028-jsonld.html")
    assert posting.value("title") == "Software Engineer"
    # ABC Company is named only inside the description: no hiringOrganization node.
    assert posting.value("company") is None
    assert _plain(posting.value("locations")) == [
        {"city": "Kirkland", "region": "Washington", "country": "US"}
    ]
    assert _plain(posting.value("salary")) == {
        "min": 100000.0,
        "max": 100000.0,
        "currency": "USD",
        "period": None,
    }
    assert posting.value("employment_type") == ["FULL_TIME"]
    assert posting.value("date_posted") == "2011-10-31"
    assert posting.value("workplace_type") is None
    assert posting.value("requirements") == [
        "Ability to work in a team environment with members of varying skill levels.",
        "Highly motivated.",
        "Learns quickly.",
    ]
    assert posting.value("benefits")[:3] == ["Medical", "Life", "Dental"]
    # Properties the description does not hold are appended for the rules to read.
    assert "Minumum 3 years experience as a software engineer" in posting.text
    assert posting.text.startswith("Software Engineer\n\nDescription: ABC Company Inc. seeks")


def test_japanese_page_skips_the_breadcrumb_and_reads_the_posting() -> None:
    posting = _realworld("kaigo-yoki-houkan-nurse-okinawa-ja.html")
    assert (
        posting.value("title")
        == "訪問看護 看護師（常勤・契約社員／パート）／未経験・ブランク歓迎・夜勤なし"
    )
    assert posting.value("company") == "陽気"
    assert _plain(posting.value("locations")) == [
        {"city": "南城市", "region": "沖縄県", "country": "JP"}
    ]
    assert _plain(posting.value("salary")) == {
        "min": 4200000.0,
        "max": 5000000.0,
        "currency": "JPY",
        "period": "YEAR",
    }
    assert posting.value("employment_type") == ["FULL_TIME", "PART_TIME"]
    assert posting.value("date_posted") == "2026-06-16"
    assert posting.value("valid_through") == "2027-03-31"
    assert posting.value("url") == "https://kaigo-yoki.jp/recruit/houkan-nurse.html"
    # On-site: applicantLocationRequirements is not eligibility for a job that is not remote.
    assert posting.value("workplace_type") is None
    assert posting.value("remote_eligibility") is None
    assert "- 主治医・多職種との連携" in posting.text


def test_chinese_page_free_text_salary_is_left_to_the_rules() -> None:
    posting = _realworld("rebase-exocore-hangzhou-smart-contract-zh.html")
    assert posting.value("salary") is None
    assert posting.value("company") == "Exocore"
    # "[杭州]" is the location tag and "Exocore 诚聘" ("Exocore is hiring") the company's.
    assert posting.value("title") == "智能合约研发工程师"
    assert posting.value("workplace_type") == "remote"
    assert posting.value("employment_type") == ["FULL_TIME"]
    assert posting.value("date_posted") == "2023-07-18"
    assert posting.value("valid_through") == "2026-07-24"
    assert posting.value("url") == "https://hire.rebase.network/jobs/319.html"
    assert _plain(posting.value("locations")) == [{"city": "杭州", "region": None, "country": "CN"}]
    # The node's description is a stub, so the page's text is the posting's text.
    assert "25K - 60K RMB or equivalent in USD" in posting.text
    assert "Design, implement, and test Solidity smart contracts" in posting.text


def test_seed_003_raw_json_ld_with_double_escaped_description() -> None:
    seed = next(shared_path("seeds").glob("003_*.txt"))
    document = load_document(seed)
    detection = detect(document)
    assert detection.format is Format.JSONLD
    (posting,) = jsonld.parse(document, detection)
    assert posting.value("title") == "Machine Learning Engineer - Content Platform"
    assert posting.value("company") == "Spotify"
    assert _plain(posting.value("locations")) == [
        {"city": "New York", "region": "New York", "country": "US"}
    ]
    assert posting.value("workplace_type") == "remote"
    assert posting.value("remote_eligibility") == ["US"]
    assert posting.value("employment_type") == ["FULL_TIME"]
    assert posting.value("salary") is None
    assert _plain(posting.value("salary_estimate")) == {
        "min": 103000.0,
        "max": 249000.0,
        "currency": "USD",
        "period": "YEAR",
    }
    assert posting.value("education") == "bachelor"
    assert posting.value("date_posted") == "2021-08-02"
    assert posting.value("valid_through") == "2021-09-01"
    assert posting.value("skills") is None  # "skills": "" states nothing
    assert any("HTML-escaped twice" in warning for warning in posting.warnings)
    assert "&lt;" not in posting.text and "<li>" not in posting.text
    assert "- Perform data analysis to establish baselines and inform product decisions." in (
        posting.text
    )
    _assert_spans_point_at_values(posting)


def test_a_block_printed_twice_is_one_posting() -> None:
    block = '{"@context": "https://schema.org", "@type": "JobPosting", "title": "Baker"}'
    script = f'<script type="application/ld+json">{block}</script>'
    html = f"<html><head>{script}{script}</head><body><p>Bake.</p></body></html>"
    postings = jsonld.parse(load_document(html, name="twice.html"), Detection(Format.JSONLD))
    assert [p.value("title") for p in postings] == ["Baker"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]",:;/*<>!-\n ab1\\', max_size=60))
def test_lenient_loader_raises_only_typed_errors(text: str) -> None:
    with contextlib.suppress(MalformedInputError):  # a typed refusal is the one allowed error
        load_lenient_json(text, "fuzz")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='{}[]",:;/*<>!-\n abJobPosting@type1\\', max_size=80))
def test_html_pages_with_any_block_parse_without_raising(block: str) -> None:
    script = f'<script type="application/ld+json">{block}</script>'
    html = f"<html><head>{script}</head><body>x</body></html>"
    postings = jsonld.parse(load_document(html, name="fuzz.html"), Detection(Format.JSONLD))
    assert postings


def test_comment_and_comma_repairs_leave_strings_alone() -> None:
    block = '{"url": "https://x/*y*/", "q": "a\\" // b", // note\n "n": [1, 2 ,\n] /* c */}'
    assert (
        _drop_js_comments(block)
        == '{"url": "https://x/*y*/", "q": "a\\" // b", \n "n": [1, 2 ,\n] }'
    )
    assert (
        _drop_trailing_commas('{"a": "x,}", "b": [1, 2,\t]  ,}') == '{"a": "x,}", "b": [1, 2\t]  }'
    )
    assert _drop_trailing_commas('["open, ]') == '["open, ]'  # a string never closed
    assert _drop_js_comments("[1] /* never closed") == "[1] "


def test_a_page_reads_its_text_once_and_only_when_asked() -> None:
    import lxml.html

    from extractor.normalize.html import html_to_text
    from extractor.parsers.jsonld import _Page

    markup = "<html><body><h2>Role</h2><p>Build things.</p></body></html>"
    page = _Page(lxml.html.fromstring(markup), markup)
    assert page._text is None
    assert page.text() == html_to_text(markup)
    assert page.text() is page.text()
