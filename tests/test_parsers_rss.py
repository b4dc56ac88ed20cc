"""RSS feeds: We Work Remotely's realworld feed field by field, and fixtures with their
expected output beside them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor import extract_all
from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError, UnsafeInputError
from extractor.options import ExtractOptions
from extractor.parsers.rss import parse
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "rss"
PARSER_ONLY = ExtractOptions(rules=False, include_text=True)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.rss")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    expected: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text())
    results = extract_all(path, options=PARSER_ONLY)
    assert len(results) == len(expected["postings"])
    for result, posting in zip(results, expected["postings"], strict=True):
        assert result.format == Format.RSS.value
        actual = result.posting.model_dump(mode="json")
        for field, value in posting.items():
            assert actual[field] == value, field
        for needle in expected["warnings"]:
            assert any(needle in warning for warning in result.warnings), needle
    texts = "\n".join(result.text or "" for result in results)
    for needle in expected["text_contains"]:
        assert needle in texts, needle


def test_we_work_remotely_feed_fields() -> None:
    path = shared_path("realworld", "rss-xml", "weworkremotely-remote-jobs-4items.rss")
    results = extract_all(path, options=PARSER_ONLY)
    # WWR writes "Company: Title"; the channel title names the board, not an employer.
    assert [(r.posting.company, r.posting.title) for r in results] == [
        ("Mathmo", "Maths Coach"),
        ("Qase", "Developer Advocate"),
        ("APEX TRADE", "Entry-Level Crypto Market Specialist"),
        ("Qase", "Technical Customer Support Specialist"),
    ]
    assert [r.posting.employment_type for r in results] == [
        ["CONTRACTOR"],
        ["FULL_TIME"],
        ["FULL_TIME"],
        ["FULL_TIME"],
    ]
    # <region>Anywhere in the World</region> on every item.
    assert all(r.posting.workplace_type == "remote" for r in results)
    assert all(r.posting.remote_eligibility == ["Worldwide"] for r in results)
    # <state> is the company's headquarters, not where the job is based.
    assert all(r.posting.locations == [] for r in results)
    assert [r.posting.date_posted for r in results] == ["2026-07-10"] * 4
    assert [r.posting.valid_through for r in results] == ["2026-08-09"] * 4
    assert results[0].posting.url == "https://weworkremotely.com/remote-jobs/mathmo-maths-coach"
    assert results[3].posting.url == (
        "https://weworkremotely.com/remote-jobs/qase-technical-customer-support-specialist"
    )
    assert results[0].text and "£75 per hour" in results[0].text
    assert results[2].text and "### Your Responsibilities" in results[2].text
    assert all("<p>" not in (r.text or "") for r in results)


def _parse(text: str) -> list[Any]:
    return parse(Document(name="feed.rss", text=text), Detection(Format.RSS))


def test_a_single_item_is_not_split_on_its_colon() -> None:
    (posting,) = _parse(
        "<rss><channel><link>https://b.example</link><item><title>Engineer: Data</title>"
        "</item></channel></rss>"
    )
    assert posting.value("title") == "Engineer: Data"
    assert posting.value("company") is None


def test_a_single_item_with_wwr_elements_follows_wwr_conventions() -> None:
    (posting,) = _parse(
        "<rss><channel><link>https://other-board.example</link><item>"
        "<title>Tintero: Writer</title><region>Europe Only</region><type>Contract</type>"
        "</item></channel></rss>"
    )
    assert (posting.value("company"), posting.value("title")) == ("Tintero", "Writer")
    assert posting.value("workplace_type") == "remote"
    assert posting.value("remote_eligibility") == ["Europe"]


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "Support Engineer (H/F) – Toulouse",
            "<p>Poste basé à Toulouse.</p>",
            "Support Engineer (H/F)",
        ),
        ("Data Engineer - Berlin", "<p>Join us.</p>", "Data Engineer"),
        ("Engineer – Payments", "<p>Join the Payments team.</p>", "Engineer – Payments"),
        ("Engineer (Remote)", "<p>Anywhere.</p>", "Engineer"),
    ],
)
def test_place_and_workplace_suffixes_leave_the_title(
    title: str, description: str, expected: str
) -> None:
    (posting,) = _parse(
        f"<rss><channel><item><title>{title}</title>"
        f"<description><![CDATA[{description}]]></description></item></channel></rss>"
    )
    assert posting.value("title") == expected


@pytest.mark.parametrize(
    ("description", "company"),
    [("<p>Vigie édite un logiciel.</p>", "Vigie"), ("<p>Nous recrutons.</p>", None)],
)
def test_channel_owner_is_the_company_only_where_the_item_names_it(
    description: str, company: str | None
) -> None:
    (posting,) = _parse(
        "<rss><channel><title>Vigie – Offres d'emploi</title><item><title>Ingénieur</title>"
        f"<description><![CDATA[{description}]]></description></item></channel></rss>"
    )
    assert posting.value("company") == company


def test_rdf_items_are_read() -> None:
    text = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel><title>Board</title></channel>'
        "<item><title>Nurse</title><link>https://b.example/1</link></item></rdf:RDF>"
    )
    (posting,) = _parse(text)
    assert (posting.value("title"), posting.value("url")) == ("Nurse", "https://b.example/1")


def test_a_feed_without_titled_items_is_malformed() -> None:
    with pytest.raises(MalformedInputError) as caught:
        _parse("<rss><channel><title>Board</title></channel></rss>")
    assert caught.value.source == "feed.rss"


def test_a_feed_declaring_entities_is_refused() -> None:
    with pytest.raises(UnsafeInputError):
        _parse('<!DOCTYPE rss [<!ENTITY a "b">]><rss><channel/></rss>')
