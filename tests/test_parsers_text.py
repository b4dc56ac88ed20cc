"""Plain text and markdown: the text kept character for character, so spans index it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract_all
from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.options import ExtractOptions
from extractor.parsers.text import exact_text, parse
from tests.conftest import shared_path

PARSER_ONLY = ExtractOptions(rules=False, include_text=True)
FIXTURES = Path(__file__).parent / "fixtures" / "text"


def test_plaintext_document_is_kept_exactly() -> None:
    path = shared_path("realworld", "plaintext", "aws-amplify-flutter-senior-dev-jd.txt")
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.format == Format.TEXT.value
    assert result.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize(
    "name",
    [
        "remotewlb-docplanner-net-backend-poland.md",
        "kaigo-yoki-mana-opening-kyujin-genko-ja.md",
    ],
)
def test_markdown_documents_are_kept_exactly(name: str) -> None:
    path = shared_path("realworld", "markdown", name)
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.format == Format.MARKDOWN.value
    assert result.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")


def test_fixture_with_crlf_and_control_characters() -> None:
    path = FIXTURES / "crlf-and-controls.txt"
    expected = (FIXTURES / "crlf-and-controls.expected.txt").read_text(encoding="utf-8")
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.text == expected


def test_exact_text_replaces_one_character_for_one() -> None:
    raw = "Title\rLine\x0cPage\x0bTab\there\x07bell\x7f."
    cleaned = exact_text(raw)
    assert cleaned == "Title\nLine\nPage\nTab\there bell ."
    assert len(cleaned) == len(raw)
    # Only "\r\n" shortens: one character per line ending.
    assert exact_text("a\r\nb") == "a\nb"


def test_markdown_comments_become_spaces_of_the_same_length() -> None:
    text = "# Designer\n\n<!-- Example: Master's degree\nin HCI -->\n- 4+ years\n"
    (posting,) = parse(Document(name="t.md", text=text), Detection(Format.MARKDOWN))
    assert "Master" not in posting.text
    assert len(posting.text) == len(text)
    assert posting.text.index("- 4+ years") == text.index("- 4+ years")
    # Plain text is not markdown: its "<!--" is the author's.
    (plain,) = parse(Document(name="t.txt", text=text), Detection(Format.TEXT))
    assert plain.text == text


def test_a_span_found_in_the_text_points_at_the_same_characters() -> None:
    text = "Senior Engineer\n\nSalary: 90,000 EUR per year.\nRemote.\n"
    (posting,) = parse(Document(name="t.txt", text=text), Detection(Format.TEXT))
    posting.add("title", "Senior Engineer")
    (candidate,) = posting.candidates
    assert candidate.span == (0, 15)
    assert text[slice(*candidate.span)] == "Senior Engineer"


def test_json_of_no_known_shape_is_read_as_text_with_a_warning() -> None:
    (posting,) = parse(
        Document(name="x.json", text='{"foo": "Bar"}'), Detection(Format.JSON, {"foo": "Bar"})
    )
    assert '"foo": "Bar"' in posting.text
    assert posting.warnings == ["JSON of no known posting shape: read as text"]
