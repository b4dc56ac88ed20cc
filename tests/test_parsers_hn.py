"""Hacker News "Who is hiring?": the realworld thread, own fixtures, and the header line."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import hn
from extractor.parsers.base import ParsedPosting
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.fixture(scope="module")
def thread() -> list[ParsedPosting]:
    path = shared_path("realworld", "hn-json", "hn-whoishiring-2026-07-sample6.json")
    fmt, postings = parse_path(path)
    assert fmt == "hn"
    return postings


@pytest.mark.shared
def test_thread_gives_six_postings_dated_by_their_comments(thread: list[ParsedPosting]) -> None:
    assert len(thread) == 6
    assert [p.value("date_posted") for p in thread] == [
        "2026-07-15",
        "2026-07-15",
        "2026-07-14",
        "2026-07-12",
        "2026-07-14",
        "2026-07-11",
    ]
    for posting in thread:
        # SPEC section 3: an HN post's link is never the posting's own url.
        assert posting.value("url") is None
        assert posting.value("salary") is None  # pay in the header is the salary rule's
        assert "&#x2F;" not in posting.text and "<p>" not in posting.text


@pytest.mark.shared
def test_conventional_headers_give_company_and_title(thread: list[ParsedPosting]) -> None:
    assert [(p.value("company"), p.value("title")) for p in thread] == [
        ("Portless", "AI Engineer"),
        # No company in "Founding Technologist + Full Stack Developer | REMOTE | ...".
        (None, "Founding Technologist + Full Stack Developer"),
        ("Namecoach/Euphonia", "Founding Voice AI Engineer"),
        ("Sports Trading Exchange", "Founding Engineer / CTO"),
        (
            "New York City Public Interest Technology (PIT) Crew",
            "Senior Product Engineer, Senior Product Designer, Senior Product Manager",
        ),
        ("ResortPass", "Senior Software Engineer, Frontend"),
    ]


@pytest.mark.shared
def test_header_places_and_workplace(thread: list[ParsedPosting]) -> None:
    portless, wellness, namecoach, exchange, pit_crew, resortpass = thread
    assert portless.value("workplace_type") == "remote"
    assert portless.value("remote_eligibility") == ["North America"]
    assert wellness.value("workplace_type") == "remote"
    assert namecoach.value("workplace_type") == "remote"
    assert exchange.value("remote_eligibility") == ["US"]
    # "NYC": the city as parse_location writes it (it may spell the short form out).
    (nyc,) = plain(pit_crew.value("locations"))
    assert nyc["country"] == "US" and nyc["city"] in ("NYC", "New York")
    assert plain(resortpass.value("locations")) == [
        {"city": "New York", "region": "New York", "country": "US"}
    ]
    assert resortpass.value("workplace_type") == "onsite"
    # "Full-time" and "Contract / Part-time" segments; "Part-or-full-time" says neither.
    assert [p.value("employment_type") for p in thread] == [
        ["FULL_TIME"],
        None,
        ["CONTRACTOR", "PART_TIME"],
        None,
        ["FULL_TIME"],
        ["FULL_TIME"],
    ]


@pytest.mark.shared
def test_apply_links(thread: list[ParsedPosting]) -> None:
    portless, wellness, namecoach, _, pit_crew, _ = thread
    assert portless.value("apply_url") == (
        "https://uctalent.io/referral/Huynh_Nhu_Bao_Nhan221138/DNwhgwstew8NptdHHFkpK"
        "?utm_source=headhunter&utm_medium=referral"
    )
    assert pit_crew.value("apply_url") == "https://nyc.gov/pitcrew"
    # A product link ("Euphonia (https://euphonia.namecoach.ai/)") is not an apply link.
    assert namecoach.value("apply_url") is None
    assert wellness.value("apply_url") is None


@pytest.mark.parametrize("case", fixture_cases("hn"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def _header_fields(header: str) -> tuple[str | None, str | None]:
    posting = ParsedPosting(source="hn", text=header)
    hn._add_header_fields(posting, header)
    return posting.value("company"), posting.value("title")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Foo | Backend Engineer | Remote", ("Foo", "Backend Engineer")),
        # Two role-like segments: which one is the company is not clear.
        ("Product Studio | Lead Designer | Remote", (None, None)),
        # Fewer than three segments is not the convention.
        ("Foo | Backend Engineer", (None, None)),
        ("We are hiring! Come work with us.", (None, None)),
    ],
)
def test_header_convention_only_when_unambiguous(
    header: str, expected: tuple[str | None, str | None]
) -> None:
    assert _header_fields(header) == expected


def test_apply_link_needs_a_single_apply_target() -> None:
    assert hn.apply_link('Apply: <a href="https://a.example">a</a>') == "https://a.example"
    assert hn.apply_link('See <a href="https://a.example">our site</a>') is None
    two = 'Apply <a href="https://a.example">a</a> or apply <a href="https://b.example">b</a>'
    assert hn.apply_link(two) is None


def test_a_single_comment_item_is_one_posting_whatever_its_replies() -> None:
    document = Document(name="hn.json", text="{}")
    item = {
        "id": 7,
        "type": "comment",
        "author": "a",
        "created_at": "2025-03-01T08:00:00Z",
        "parent_id": 6,
        "text": "Initrode | Site Reliability Engineer | Remote (EU)",
        "children": [],
    }
    (posting,) = hn.parse(document, Detection(Format.HN, item))
    reply = {"id": 8, "parent_id": 7, "author": "b", "text": "Is it | open | still?"}
    (with_reply,) = hn.parse(document, Detection(Format.HN, {**item, "children": [reply]}))
    assert with_reply.value("company") == "Initrode"
    assert posting.value("company") == "Initrode"
    assert posting.value("remote_eligibility") == ["EU"]
    assert posting.value("date_posted") == "2025-03-01"


def test_thread_of_deleted_comments_raises_malformed_input() -> None:
    document = Document(name="hn.json", text="{}")
    data = {"comments": [{"comment_text": None, "author": "x", "created_at": "2025-01-01"}]}
    with pytest.raises(MalformedInputError, match="no text"):
        hn.parse(document, Detection(Format.HN, data))
