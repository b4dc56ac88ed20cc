"""Atom feeds and entries: FINN.no's realworld entry field by field, and fixtures with their
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
from extractor.parsers.atom import parse
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "atom"
PARSER_ONLY = ExtractOptions(rules=False, include_text=True)
ATOM = 'xmlns="http://www.w3.org/2005/Atom"'


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    expected: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text())
    results = extract_all(path, options=PARSER_ONLY)
    assert len(results) == len(expected["postings"])
    for result, posting in zip(results, expected["postings"], strict=True):
        assert result.format == Format.ATOM.value
        actual = result.posting.model_dump(mode="json")
        for field, value in posting.items():
            assert actual[field] == value, field
        for needle in expected["warnings"]:
            assert any(needle in warning for warning in result.warnings), needle
    texts = "\n".join(result.text or "" for result in results)
    for needle in expected["text_contains"]:
        assert needle in texts, needle


def test_finn_entry_fields() -> None:
    path = shared_path("realworld", "atom-xml", "finn-no-zeekit-gps-montor.xml")
    (result,) = extract_all(path, options=PARSER_ONLY)
    posting = result.posting
    assert posting.title == "GPS montør / Servicetekniker søkes"
    assert posting.company == "Zeekit"  # finn:field company/name "Zeekit AS", not author "Privat"
    assert [(loc.city, loc.country) for loc in posting.locations] == [("Trollåsen", "NO")]
    assert posting.url == "https://www.finn.no/115526620"
    assert posting.apply_url == (
        "https://www.finn.no/recruitment/hired/frontend/applynow/input.action?adId=115526620"
    )
    assert posting.date_posted == "2018-03-08"  # <published>, not <updated>
    assert posting.valid_through == "2019-03-22"  # application_deadline 22.03.2019
    assert posting.employment_type == ["FULL_TIME"]  # ad type job-full-time, duration "Fast"
    # remote_options offers both "Delvis" and "Kun hjemmekontor": unclear, so left empty.
    assert posting.workplace_type is None
    assert result.text is not None
    assert result.text.startswith("GPS montør / Servicetekniker søkes\n\nArbeidsoppgaver:")
    assert "- God teknisk innsikt er et krav." in result.text
    assert "Zeekit familien\n" not in result.text  # the image caption is not the content
    # Source line wrapping inside the HTML is not kept as line breaks.
    assert "Service og montering av Zeekit GPS enheter" in result.text


def _parse(text: str) -> list[Any]:
    return parse(Document(name="feed.atom", text=text), Detection(Format.ATOM))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("<finn:value>Kun hjemmekontor</finn:value>", "remote"),
        ("<finn:value>Delvis hjemmekontor</finn:value>", "hybrid"),
        ("", None),
    ],
)
def test_finn_remote_options(options: str, expected: str | None) -> None:
    (posting,) = _parse(
        f'<entry {ATOM} xmlns:finn="urn:finn"><title>T</title><finn:adata>'
        f'<finn:field name="remote_options">{options}</finn:field>'
        '<finn:field name="duration" value="Vikariat"/></finn:adata></entry>'
    )
    assert posting.value("workplace_type") == expected
    assert posting.value("employment_type") == ["TEMPORARY"]


def test_author_is_the_company_only_where_the_entry_names_it() -> None:
    entry = "<entry><title>Cook</title><author><name>Acme GmbH</name></author>{}</entry>"
    named = entry.format("<content>Acme sucht einen Koch.</content>")
    (posting,) = _parse(f"<feed {ATOM}>{named}</feed>")
    assert posting.value("company") == "Acme"
    (posting,) = _parse(f"<feed {ATOM}>{entry.format('<content>Wir suchen.</content>')}</feed>")
    assert posting.value("company") is None


def test_the_feed_author_stands_in_for_an_entry_without_one() -> None:
    feed = (
        f"<feed {ATOM}><author><name>Construcciones Ibarra</name></author>"
        "<entry><title>Ingeniero</title><content>Construcciones Ibarra busca...</content></entry>"
        "</feed>"
    )
    (posting,) = _parse(feed)
    assert posting.value("company") == "Construcciones Ibarra"


def test_age_expires_is_the_closing_date_without_a_deadline() -> None:
    (posting,) = _parse(
        f'<entry {ATOM} xmlns:age="http://purl.org/atompub/age/1.0"><title>T</title>'
        "<age:expires>2027-01-31T23:59:00Z</age:expires></entry>"
    )
    assert posting.value("valid_through") == "2027-01-31"


def test_a_feed_without_titled_entries_is_malformed() -> None:
    with pytest.raises(MalformedInputError) as caught:
        _parse(f"<feed {ATOM}><title>Jobs</title></feed>")
    assert caught.value.source == "feed.atom"


def test_a_feed_declaring_entities_is_refused() -> None:
    with pytest.raises(UnsafeInputError):
        _parse(f'<!DOCTYPE feed [<!ENTITY a "b">]><feed {ATOM}/>')
