"""RDFa Lite parser: a prefixed-property fixture and the schema.org example."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format, detect
from extractor.document import load_document
from extractor.parsers import rdfa
from tests.conftest import shared_path
from tests.test_parsers_microdata import FIXTURES, check_fixture, plain


@pytest.mark.parametrize("path", sorted((FIXTURES / "rdfa").glob("*.html")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    check_fixture(path, rdfa.parse, Format.RDFA)


def test_schemaorg_example_rdfa() -> None:
    document = load_document(shared_path("realworld", "rdfa", "schemaorg-eg0028-rdfa.html"))
    detection = detect(document)
    assert detection.format is Format.RDFA
    (posting,) = rdfa.parse(document, detection)
    assert posting.source == "rdfa"
    assert posting.value("title") == "Software Engineer"
    # hiringOrganization sits inside the description paragraph; its name is its own property.
    assert posting.value("company") == "ABC Company"
    assert plain(posting.value("locations")) == [
        {"city": "Kirkland", "region": "Washington", "country": "US"}
    ]
    assert plain(posting.value("salary")) == {
        "min": 100000.0,
        "max": 100000.0,
        "currency": "USD",
        "period": None,
    }
    assert posting.value("employment_type") == ["FULL_TIME"]
    assert posting.value("date_posted") == "2011-10-31"
    assert posting.value("benefits")[:3] == ["Medical", "Life", "Dental"]
    assert "Date Posted: 2011-10-31" in posting.text


def test_typeof_without_job_posting_is_not_a_posting() -> None:
    html = '<div vocab="https://schema.org/" typeof="Event"><span property="name">Fair</span></div>'
    (posting,) = rdfa.parse(load_document(html, name="e.html"), Detection(Format.RDFA))
    assert posting.value("title") is None
    assert "no JobPosting item" in posting.warnings[0]
