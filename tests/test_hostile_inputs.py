"""Inputs built to be slow, at the default 5 MB limit: each is read in bounded time, and the
rules read only the first ``rules_max_chars`` characters of a long text, with a warning.

Timings are in the README, not asserted here beyond a generous bound; the behaviour (what is
found, what is said) is asserted.
"""

from __future__ import annotations

import time

import pytest

from extractor import extract, extract_all
from extractor.document import DEFAULT_MAX_BYTES
from extractor.options import ExtractOptions, Strategy
from extractor.parsers.html import TOO_DEEP
from extractor.schema import Result

OFFLINE = ExtractOptions(strategy=Strategy.OFFLINE, include_text=True)
LIMIT = DEFAULT_MAX_BYTES - 1024
POSTING = (
    "Senior Data Engineer\n\n"
    "We are hiring a senior data engineer for our platform team. This is a full-time, fully "
    "remote position. Salary: $120,000 - $150,000 per year.\n\n"
    "## Requirements\n- 5+ years of experience with Python and SQL\n- Bachelor's degree\n\n"
)

pytestmark = pytest.mark.timeout(120)


def _fill(unit: str) -> str:
    """``unit`` repeated to just under the default size limit (in UTF-8 bytes)."""
    data = (unit * (LIMIT // len(unit) + 1)).encode()[:LIMIT]
    return data.decode("utf-8", errors="ignore")


HOSTILE = {
    "plain-text-posting": _fill(POSTING),
    "deeply-nested-html": "<html><body>"
    + "<div><span>" * 200_000
    + POSTING
    + "</span></div>" * 200_000,
    "one-salary-line-repeated": _fill("Salary: $100,000 - $120,000 per year\n"),
    "one-line-without-spaces": _fill("abcdefghij0123456789$€k-"),
}


def _timed(data: str) -> tuple[list[Result], float]:
    start = time.perf_counter()
    results = extract_all(data, name="hostile", options=OFFLINE)
    return results, time.perf_counter() - start


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_is_read_in_bounded_time(name: str) -> None:
    data = HOSTILE[name]
    assert len(data.encode()) <= DEFAULT_MAX_BYTES
    results, seconds = _timed(data)
    assert seconds < 30, f"{name} took {seconds:.1f} s"
    for result in results:
        assert Result.model_validate_json(result.model_dump_json()) == result
        long = len(result.text or "") > OFFLINE.rules_max_chars
        cut = [w for w in result.warnings if "rules_max_chars" in w]
        assert bool(cut) == long, (name, result.warnings)
    if name == "deeply-nested-html":
        assert TOO_DEEP in results[0].warnings


def test_a_long_posting_is_still_read_from_its_start() -> None:
    (result,), _ = _timed(HOSTILE["plain-text-posting"])
    assert result.posting.salary is not None and result.posting.salary.min == 120_000
    assert result.posting.workplace_type == "remote"
    assert result.posting.employment_type == ["FULL_TIME"]


def test_rules_read_only_the_first_rules_max_chars() -> None:
    text = "Senior Data Engineer\n\n" + "Our team builds data tools. " * 20 + POSTING
    assert extract(text, options=OFFLINE).posting.salary is not None
    short = extract(text, options=OFFLINE.model_copy(update={"rules_max_chars": 200}))
    assert short.posting.salary is None
    assert f"text is {len(text):,} characters; the rules read the first 200 (rules_max_chars)" in (
        short.warnings
    )


def test_rules_max_chars_must_be_positive() -> None:
    with pytest.raises(ValueError, match="rules_max_chars"):
        ExtractOptions(rules_max_chars=0)
