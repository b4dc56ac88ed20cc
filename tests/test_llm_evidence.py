"""Finding evidence: strings as whole words, numbers in any written form, dates in any form."""

from __future__ import annotations

import pytest

from extractor.llm.evidence import country_span, date_span, find_number, find_text, text_numbers


def test_short_strings_need_whole_words() -> None:
    assert find_text("Go", "Google and MongoDB") is None
    assert find_text("Go", "We write Go and Rust") == (9, 11)


@pytest.mark.parametrize("written", ["180K", "180k", "180,000", "180.000", "180 000", "180000"])
def test_numbers_are_found_in_any_written_form(written: str) -> None:
    assert find_number(180000, f"Pay: {written} EUR") is not None


def test_other_numbers_do_not_count() -> None:
    assert find_number(180000, "Pay: 18,000 or 1,800,000") is None
    assert [value for value, _ in text_numbers("₹12 lakh, 2.5k, 45,50/h")] == [
        1_200_000,
        2500,
        45.5,
    ]


@pytest.mark.parametrize(
    "written",
    ["2025-03-03", "03.03.2025", "3/3/2025", "March 3, 2025", "3 March 2025", "3. März 2025"],
)
def test_dates_in_numeric_and_named_forms(written: str) -> None:
    assert date_span("2025-03-03", f"Posted {written}") is not None
    assert date_span("2025-03-04", f"Posted {written}") is None


def test_countries_by_name_in_several_languages_or_by_code_in_capitals() -> None:
    assert country_span("DE", "Standort: Deutschland") is not None
    assert country_span("ES", "Trabajo en España") is not None
    assert country_span("US", "US only") is not None
    assert country_span("US", "let us know") is None  # the code must be in capitals
    assert country_span("EU", "anywhere in the EU") is None  # not a country
