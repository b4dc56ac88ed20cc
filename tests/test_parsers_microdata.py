"""Microdata parser: fixtures, the reed.co.uk fragments and the schema.org example."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from extractor.detect import Detection, Format, detect
from extractor.document import load_document
from extractor.errors import MalformedInputError
from extractor.parsers import microdata
from extractor.parsers.base import ParsedPosting, ParseFunction
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures"


def plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def check_fixture(path: Path, parse: ParseFunction, fmt: Format) -> None:
    """Compare a parser's postings with ``<case>.expected.json`` beside the fixture."""
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    postings = parse(load_document(path), Detection(fmt))
    assert len(postings) == len(expected["postings"])
    for index, (posting, fields) in enumerate(zip(postings, expected["postings"], strict=True)):
        assert posting.source == fmt.value
        for name, value in fields.items():
            actual = plain(posting.value(name))
            assert actual == value, f"{path.name} posting {index} {name}: {actual!r} != {value!r}"
        for snippet in expected["text_contains"][index]:
            assert snippet in posting.text
        for snippet in expected["text_lacks"][index]:
            assert snippet not in posting.text
        for warning in expected["warnings"]:
            assert any(warning in said for said in posting.warnings), posting.warnings
        if not expected["warnings"]:
            assert posting.warnings == []
        for candidate in posting.candidates:
            if candidate.span is not None:
                assert posting.text[candidate.span[0] : candidate.span[1]] == candidate.value


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "microdata").glob("*.html")), ids=lambda p: p.stem
)
def test_fixture(path: Path) -> None:
    check_fixture(path, microdata.parse, Format.MICRODATA)


def _realworld(name: str) -> ParsedPosting:
    document = load_document(shared_path("realworld", "microdata", name))
    detection = detect(document)
    assert detection.format is Format.MICRODATA
    (posting,) = microdata.parse(document, detection)
    return posting


def test_reed_fragment_reads_top_level_itemprops_as_one_posting() -> None:
    posting = _realworld("reed-co-uk-software-engineer-leeds-fragment.html")
    # The fragment names no title or employer property; Anson McCade is the recruiter.
    assert posting.value("title") is None
    assert posting.value("company") is None
    assert plain(posting.value("locations")) == [
        {"city": "Leeds", "region": "West Yorkshire", "country": "GB"}
    ]
    assert plain(posting.value("salary")) == {
        "min": 40000.0,
        "max": 85000.0,
        "currency": "GBP",
        "period": "YEAR",
    }
    assert posting.value("employment_type") == ["FULL_TIME"]
    assert posting.value("url") == "https://www.reed.co.uk/jobs/software-engineer/49341027"
    assert "Car allowance of up to £6.500" in posting.text
    assert any("outside any JobPosting item" in warning for warning in posting.warnings)


def test_reed_bjss_fragment_currency_without_figure_is_no_salary() -> None:
    posting = _realworld("reed-co-uk-bjss-software-engineer-leeds-fragment.html")
    assert posting.value("title") == "Software Engineer"
    assert posting.value("company") == "BJSS"
    assert posting.value("salary") is None
    assert posting.value("date_posted") == "2023-01-25"
    assert posting.value("valid_through") == "2023-03-08"
    assert plain(posting.value("locations")) == [
        {"city": "Leeds", "region": "West Yorkshire", "country": "GB"}
    ]
    assert posting.value("employment_type") == ["FULL_TIME"]
    # The hiring organisation's url is the company's page, not the posting's.
    assert posting.value("url") is None


def test_schemaorg_example_microdata() -> None:
    posting = _realworld("schemaorg-eg0028-microdata.html")
    assert posting.value("title") == "Software Engineer"
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
    assert posting.value("responsibilities") == [
        "Design and write specifications for tools for in-house customers",
        "Build tools according to specifications",
    ]
    assert posting.value("requirements") == [
        "Ability to work in a team environment with members of varying skill levels.",
        "Highly motivated.",
        "Learns quickly.",
    ]
    # The text is the JobPosting element's own text.
    assert posting.text.startswith("## Software Engineer")
    assert "please email us your resume" in posting.text


def test_page_without_any_item_keeps_its_text_and_warns() -> None:
    document = load_document("<html><body><p>Just a page.</p></body></html>", name="p.html")
    (posting,) = microdata.parse(document, Detection(Format.MICRODATA))
    assert posting.text == "Just a page."
    assert posting.candidates == []
    assert "no JobPosting item" in posting.warnings[0]


def test_nested_job_posting_inside_a_web_page_item_is_found() -> None:
    html = (
        '<div itemscope itemtype="https://schema.org/WebPage"><div itemprop="mainEntity" '
        'itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Baker</h1>'
        "</div></div>"
    )
    (posting,) = microdata.parse(load_document(html, name="x.html"), Detection(Format.MICRODATA))
    assert posting.value("title") == "Baker"


@pytest.mark.parametrize(
    "itemtype",
    [
        "https://schema.org/JobPosting",
        "//schema.org/JobPosting",
        "http://www.schema.org/JobPosting",
        "https://schema.org/Thing https://schema.org/JobPosting",
    ],
)
def test_microdata_is_detected_in_the_itemtype_spellings_sites_use(itemtype: str) -> None:
    html = (
        f'<html><body><div itemscope itemtype="{itemtype}"><h1 itemprop="title">Baker</h1>'
        "<p>Bake bread.</p></div></body></html>"
    )
    document = load_document(html, name="x.html")
    assert detect(document).format is Format.MICRODATA
    (posting,) = microdata.parse(document, detect(document))
    assert posting.value("title") == "Baker"


def test_markup_with_no_elements_raises_a_typed_error() -> None:
    document = load_document("<!-- only a comment -->", name="c.html")
    with pytest.raises(MalformedInputError):
        microdata.parse(document, Detection(Format.MICRODATA))


def test_itemref_properties_elsewhere_on_the_page_belong_to_the_item() -> None:
    html = (
        '<html><body><div itemscope itemtype="https://schema.org/JobPosting" itemref="job-org">'
        '<h1 itemprop="title">Baker</h1></div>'
        '<p id="job-org" itemprop="hiringOrganization">Crumb &amp; Co Ltd</p></body></html>'
    )
    (posting,) = microdata.parse(load_document(html, name="r.html"), Detection(Format.MICRODATA))
    assert posting.value("company") == "Crumb & Co"


def test_an_item_wrapping_only_a_few_fields_reads_the_page_text() -> None:
    body = "<p>" + "Bake bread and pastries every morning for our two shops. " * 8 + "</p>"
    html = (
        '<html><body><div itemscope itemtype="https://schema.org/JobPosting">'
        f'<meta itemprop="title" content="Baker"></div>{body}</body></html>'
    )
    (posting,) = microdata.parse(load_document(html, name="s.html"), Detection(Format.MICRODATA))
    assert posting.value("title") == "Baker"
    assert "Bake bread and pastries" in posting.text
