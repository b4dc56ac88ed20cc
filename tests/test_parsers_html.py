"""HTML without structured data: readable text with headings and bullets, chrome dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract_all
from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.options import ExtractOptions
from extractor.parsers.html import page_text, parse
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PARSER_ONLY = ExtractOptions(rules=False, include_text=True)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.format == Format.HTML.value
    assert result.text == expected["text"]


def test_plain_schema_org_example_keeps_its_labels_and_bullets() -> None:
    path = shared_path("realworld", "html", "schemaorg-eg0028-plain.html")
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.format == Format.HTML.value
    text = result.text or ""
    assert text.startswith("## Software Engineer\n\nLocation: Kirkland WA\n")
    assert "Salary: USD 100000" in text
    assert "Responsibilities:\n\n- Design and write specifications for tools" in text
    assert "Date Posted: 2011-10-31" in text
    # The parser states nothing itself: the page has no structured data.
    assert result.provenance == {}


def test_the_parser_gives_one_posting_of_page_text() -> None:
    document = Document(name="p.html", text="<div><h2>Cook</h2><p>Nights.</p></div>")
    (posting,) = parse(document, Detection(Format.HTML))
    assert posting.text == "## Cook\n\nNights."
    assert posting.candidates == []


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("", ""),
        ("Plain description.\nSecond line.", "Plain description.\nSecond line."),
        ("&lt;p&gt;Escaped &amp;lt;b&amp;gt;twice&lt;/p&gt;", "Escaped twice"),
        ("<p>One</p><nav>Menu</nav><p>Two</p>", "One\n\nTwo"),
        ('<p>Keep</p><div id="gdpr-notice">We value privacy</div>', "Keep"),
        ('<p>Keep</p><section class="similar-jobs">Senior, £60k</section>', "Keep"),
        ('<p>Keep</p><span role="navigation">Next</span> tail', "Keep\ntail"),
        # Line breaks count inside <pre> only.
        (
            "<p>wrapped\n  source\n line</p><pre><b>kept\nbreak</b>\nhere</pre> after\n x",
            "wrapped source line\n\nkept\nbreak\nhere\nafter x",
        ),
    ],
    ids=["empty", "plain-text", "escaped", "nav", "gdpr", "similar-jobs", "tail-kept", "pre"],
)
def test_page_text(markup: str, expected: str) -> None:
    assert page_text(markup) == expected


def test_control_characters_do_not_break_the_tree() -> None:
    assert page_text("<p>Nurse\x16 wanted\x01</p>\n<p>Nights</p>") == "Nurse wanted\n\nNights"
    assert page_text("<p>Nurse&#1; wanted</p>") == "Nurse wanted"


def test_chrome_words_inside_other_words_are_not_chrome() -> None:
    assert page_text('<div class="cookiecutter-template"><p>Real content</p></div>') == (
        "Real content"
    )


@pytest.mark.parametrize(("depth", "warned"), [(250, False), (300, True), (200_000, True)])
def test_a_page_nested_too_deeply_says_its_text_was_cut(depth: int, warned: bool) -> None:
    # Found with a 5 MB page of nested <div>s: libxml2 stops at 256 levels and the text past
    # that depth (and after it) was lost without a word.
    page = (
        "<html><body><p>Senior Engineer</p>"
        + "<div>" * depth
        + "Deep text"
        + "</div>" * depth
        + "</body></html>"
    )
    (posting,) = parse(Document(name="deep.html", text=page), Detection(Format.HTML))
    assert posting.text.startswith("Senior Engineer")
    assert ("Deep text" in posting.text) is not warned
    assert posting.warnings == (
        ["HTML nested deeper than 256 levels: the text past that depth was not read"]
        if warned
        else []
    )


def test_is_chrome_reads_tag_role_and_class_or_id_words() -> None:
    from extractor.parsers.html import _is_chrome

    assert _is_chrome("NAV", "", None, None)
    assert _is_chrome("div", "Navigation", None, None)
    assert _is_chrome("div", "", "box cookie-banner", None)
    assert _is_chrome("div", "", None, "similar-jobs")
    assert not _is_chrome("div", "", "", None)
    assert not _is_chrome("div", "main", "job-description", "posting")
