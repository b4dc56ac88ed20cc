"""Fuzzing every registered parser, and the whole pipeline, with generated and mutated
documents (issue 6): the only exceptions allowed are extractor's own typed errors, every
result validates, and no input takes more than the per-example deadline (a second in CI)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract_all
from extractor.detect import Detection, Format, detect
from extractor.document import load_document
from extractor.errors import ExtractorError, InputError
from extractor.options import ExtractOptions, Strategy
from extractor.parsers import PARSER_MODULES, parser_for
from extractor.parsers.base import ParsedPosting
from extractor.schema import Posting, Result
from tests.support.strategies import any_document, document_for

OFFLINE = ExtractOptions(strategy=Strategy.OFFLINE, include_text=True)
NAME = "fuzzed"


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Import every parser and rule once, so the first example's deadline is not spent on
    imports."""
    for fmt in PARSER_MODULES:
        parser_for(fmt)
    extract_all("Senior Engineer\n\nSalary: $100,000 - $120,000 a year. Remote.", options=OFFLINE)


def _check_posting(posting: ParsedPosting) -> None:
    for candidate in posting.candidates:
        if candidate.span is not None:
            start, end = candidate.span
            assert 0 <= start <= end <= len(posting.text), (candidate, len(posting.text))


def _parse(fmt: Format, text: str, data: Any) -> list[ParsedPosting]:
    """The parser for ``fmt``, called as the pipeline calls it; [] for a typed refusal.

    Where detection picks another format (a mutation broke the shape), the parser still
    gets the document: it must refuse it with a typed error, not fail.
    """
    try:
        document = load_document(text, name=NAME)
    except ExtractorError:
        return []
    try:
        detection = detect(document)
    except ExtractorError:
        detection = Detection(fmt, data)
    if detection.format is not fmt:
        detection = Detection(fmt, data)
    try:
        postings = parser_for(fmt)(document, detection)
    except ExtractorError as error:
        _check_no_swallowed_bug(str(error))
        return []
    for posting in postings:
        for warning in posting.warnings:
            _check_no_swallowed_bug(warning)
    return postings


def _check_no_swallowed_bug(message: str) -> None:
    """A listing parser skips a record it cannot read and names the exception it caught
    ("unreadable record (TypeError)"): that is a parser bug on a wrong-typed field, which
    loses a posting that has a title."""
    assert "unreadable record" not in message, message


@pytest.mark.parametrize("fmt", list(PARSER_MODULES), ids=str)
@given(data=st.data())
def test_every_parser_raises_only_typed_errors(fmt: Format, data: st.DataObject) -> None:
    text, value = data.draw(document_for(fmt), label="document")
    for posting in _parse(fmt, text, value):
        _check_posting(posting)


def _check_result(result: Result) -> None:
    assert Result.model_validate_json(result.model_dump_json()) == result
    Posting.model_validate(result.posting.model_dump())
    text = result.text or ""
    for name, provenance in result.provenance.items():
        assert getattr(result.posting, name) not in (None, [], ""), name
        if provenance.span is not None:
            start, end = provenance.span
            assert 0 <= start <= end <= len(text), (name, provenance.span, len(text))


# One test for every format at once, so it gets three times the profile's examples.
@settings(max_examples=settings.default.max_examples * 3)
@given(text=any_document())
def test_the_pipeline_raises_only_typed_errors_and_every_result_validates(text: str) -> None:
    try:
        results = extract_all(text, name=NAME, options=OFFLINE)
    except InputError as error:
        assert error.source == NAME
        return
    except ExtractorError:
        return
    assert results
    for result in results:
        _check_result(result)
