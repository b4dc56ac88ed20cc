"""The helpers every ATS parser shares, and the fixture runner the per-ATS tests use.

A fixture is ``tests/fixtures/<ats>/<case>.json`` beside ``<case>.expected.json``:
``{"format": ..., "postings": [{field: value, ...}, ...], "warnings": [substring, ...]}``.
Each posting lists only the fields it pins; ``null`` or ``[]`` pins "not stated".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from extractor.detect import Detection, Format, detect
from extractor.document import Document, load_document
from extractor.errors import MalformedInputError
from extractor.parsers import ParsedPosting, parse_document, parser_for
from extractor.parsers.ats_common import (
    SkippedJob,
    add_section_lists,
    html_list_items,
    make_location,
    normalize_workplace,
    parse_records,
    read_place,
    read_places,
    remote_region,
    require_title,
    section_field,
    strip_location_suffix,
    strip_workplace_marker,
)
from extractor.schema import Location

FIXTURES = Path(__file__).parent / "fixtures"


def plain(value: Any) -> Any:
    """A candidate value as JSON-like data, for comparing with an expected file."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def parse_path(path: Path) -> tuple[str, list[ParsedPosting]]:
    """Detect and parse a document the way the pipeline does."""
    document = load_document(path)
    detection = detect(document)
    return detection.format.value, parse_document(document, detection)


def fixture_cases(ats: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / ats).glob("*.json") if ".expected." not in p.name)


def check_fixture(case: Path) -> None:
    """Parse one fixture and compare it with its expected file, field by field."""
    expected = json.loads(case.with_name(case.stem + ".expected.json").read_text("utf-8"))
    fmt, postings = parse_path(case)
    assert fmt == expected["format"]
    assert len(postings) == len(expected["postings"])
    for posting, fields in zip(postings, expected["postings"], strict=True):
        for name, value in fields.items():
            got = plain(posting.value(name))
            if value in (None, []):
                assert got in (None, []), f"{case.name}: {name} should be empty, got {got!r}"
            else:
                assert got == value, f"{case.name}: {name}"
        for fragment in expected.get("warnings", []):
            assert any(fragment in w for w in posting.warnings), (case.name, posting.warnings)
        if not expected.get("warnings"):
            assert posting.warnings == []


# --- parse_records ---------------------------------------------------------------------------

_DOC = Document(name="board.json", text="{}")


def _titled(record: dict[str, Any]) -> ParsedPosting:
    posting = ParsedPosting(source="test", text=require_title(record, "title"))
    posting.add("title", posting.text)
    return posting


def test_parse_records_skips_bad_records_and_warns_on_the_others() -> None:
    records = [{"title": "A"}, "not a job", {"name": "no title"}, {"title": "B"}]
    postings = parse_records(_DOC, records, _titled)
    assert [p.value("title") for p in postings] == ["A", "B"]
    for posting in postings:
        assert any("#2" in w and "str" in w for w in posting.warnings)
        assert any("#3" in w and "no title" in w for w in posting.warnings)


def test_parse_records_turns_a_crashing_record_into_a_warning() -> None:
    def fragile(record: dict[str, Any]) -> ParsedPosting:
        if record.get("boom"):
            raise TypeError("bad shape")
        return _titled(record)

    postings = parse_records(_DOC, [{"boom": True}, {"title": "Kept"}], fragile)
    assert [p.value("title") for p in postings] == ["Kept"]
    assert "unreadable record (TypeError)" in postings[0].warnings[0]


def test_parse_records_raises_when_no_job_is_usable() -> None:
    with pytest.raises(MalformedInputError) as caught:
        parse_records(_DOC, [{"name": "x"}, 42], _titled)
    assert caught.value.source == "board.json"
    assert "no usable job" in caught.value.problem


def test_parse_records_raises_on_an_empty_listing() -> None:
    with pytest.raises(MalformedInputError, match="no job records"):
        parse_records(_DOC, [], _titled)


def test_require_title_raises_skipped_job() -> None:
    with pytest.raises(SkippedJob, match="no title"):
        require_title({"title": "   "}, "title", "name")
    assert require_title({"name": " Data  Engineer "}, "title", "name") == "Data Engineer"


# --- small shapes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("OnSite", "onsite"),
        ("on-site", "onsite"),
        ("Remote", "remote"),
        ("HYBRID", "hybrid"),
        ("unspecified", None),
        (None, None),
    ],
)
def test_normalize_workplace(value: Any, expected: str | None) -> None:
    assert normalize_workplace(value) == expected


def test_remote_region_names_only_exact_regions() -> None:
    assert remote_region("north america") == "North America"
    assert remote_region("Europe") == "Europe"
    assert remote_region("Western Europe") is None


def test_make_location_reads_country_names_and_codes() -> None:
    assert make_location("Bursa", None, "tr") == Location(city="Bursa", country="TR")
    assert make_location(None, None, "Germany") == Location(country="DE")
    assert make_location("", None, None) is None


def test_read_place_fills_the_country_from_the_record() -> None:
    parsed = read_place("New York, New York", "US")
    assert parsed.locations == [Location(city="New York", region="New York", country="US")]
    remote = read_place("Remote, Italy")
    assert remote.remote and remote.locations == [] and remote.remote_regions == ["IT"]


def test_read_places_merges_several_strings() -> None:
    parsed = read_places(["London, United Kingdom", "Remote, Germany", None, "London, UK"])
    assert parsed.locations == [Location(city="London", country="GB")]
    assert parsed.remote and parsed.remote_regions == ["DE"]


def test_html_list_items_reads_each_li_without_the_bullet() -> None:
    markup = "\n<li><strong>Scope:</strong> own the roadmap</li><li>Ship &amp; learn</li><li> </li>"
    assert html_list_items(markup) == ["Scope: own the roadmap", "Ship & learn"]
    assert html_list_items("<p>no list</p>") == []


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Responsibilities", "responsibilities"),
        ("What You'll Do", "responsibilities"),
        ("What We're Looking For", "requirements"),
        ("What We Require", "requirements"),
        ("Preferred Qualifications", "nice_to_have"),
        ("Benefits & Perks", "benefits"),
        ("What We Value", None),
        ("Administrative Business Partner (Foundry)", None),
        ("Hiring Process", None),
    ],
)
def test_section_field_maps_only_clear_headings(heading: str, field: str | None) -> None:
    assert section_field(heading) == field


def test_add_section_lists_gathers_items_per_field() -> None:
    posting = ParsedPosting(source="test")
    add_section_lists(
        posting, [("Requirements", ["Python"]), ("The Team", ["x"]), ("Must have", ["SQL"])]
    )
    assert posting.value("requirements") == ["Python", "SQL"]
    assert posting.value("responsibilities") is None


def test_strip_location_suffix_only_for_the_jobs_own_place() -> None:
    berlin = [Location(city="Berlin", region="Berlin", country="DE")]
    assert strip_location_suffix("Accountant (f/m/d) - Berlin, Germany", berlin) == (
        "Accountant (f/m/d)"
    )
    assert strip_location_suffix("Accountant - Brandenburg Region, Germany", berlin) == (
        "Accountant"
    )
    assert strip_location_suffix("Engineer - Platform", berlin) == "Engineer - Platform"
    assert strip_location_suffix("Engineer - Paris", berlin) == "Engineer - Paris"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Engineer (Remote)", "Senior Engineer"),
        ("Senior Engineer - Remote (US)", "Senior Engineer"),
        ("Customer Success Manager (Remote Eligible)", "Customer Success Manager"),
        ("Data Analyst [Remote, EMEA]", "Data Analyst"),
        ("Product Manager | Hybrid", "Product Manager"),
        ("Engineer - Hybrid - London", "Engineer"),
        # Not markers: a title word, a team, a country that is the sales territory.
        ("Remote Sensing Scientist", "Remote Sensing Scientist"),
        ("Engineer - Remote Sensing", "Engineer - Remote Sensing"),
        ("Account Executive - Italy", "Account Executive - Italy"),
        ("Remote", "Remote"),
    ],
)
def test_strip_workplace_marker(title: str, expected: str) -> None:
    assert strip_workplace_marker(title) == expected


# --- every ATS parser on shapes it cannot use --------------------------------------------------

_ATS_FORMATS = (
    Format.GREENHOUSE,
    Format.LEVER,
    Format.ASHBY,
    Format.SMARTRECRUITERS,
    Format.WORKDAY,
    Format.RECRUITEE,
    Format.HH,
    Format.HN,
)
_UNUSABLE: list[Any] = [
    None,
    0,
    "a string",
    [],
    {},
    [None, 1, "x"],
    {"jobs": None, "offers": "x", "items": 5, "content": {}, "comments": [1]},
    {"title": {"nested": True}, "name": ["x"], "text": 7},
    {"jobPostingInfo": "not an object"},
]


@pytest.mark.parametrize("fmt", _ATS_FORMATS, ids=str)
@pytest.mark.parametrize("data", _UNUSABLE, ids=repr)
def test_unusable_shapes_raise_only_malformed_input(fmt: Format, data: Any) -> None:
    document = Document(name="odd.json", text="{}")
    with pytest.raises(MalformedInputError) as caught:
        parser_for(fmt)(document, Detection(fmt, data))
    assert caught.value.source == "odd.json"


def test_parser_modules_are_imported_once_and_parse_is_read_fresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import extractor.parsers.text
    from extractor.parsers import _parser_module

    assert _parser_module("text") is extractor.parsers.text
    assert _parser_module("text") is _parser_module("text")

    def replaced(document: Document, detection: Detection) -> list[ParsedPosting]:
        return []

    monkeypatch.setattr(extractor.parsers.text, "parse", replaced)
    assert parser_for(Format.TEXT) is replaced
