"""Recruitee offers API: the realworld offers, own fixtures, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import recruitee
from extractor.parsers.recruitee import salary_from_offer
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.mark.shared
def test_berlin_offers() -> None:
    path = shared_path("realworld", "recruitee-json", "berlin-fintech-2offers-sanitized.json")
    fmt, (accountant, partner) = parse_path(path)
    assert fmt == "recruitee"
    # The " - Berlin/Brandenburg Region, Germany" suffix is a location marker (SPEC).
    assert accountant.value("title") == "(Senior) Financial Accountant (f/m/d)"
    assert partner.value("title") == "Partner Development Representative (f/m/d)"
    # The fixture's author replaced the employer with "Acme": we take what the field states.
    assert accountant.value("company") == partner.value("company") == "Acme"
    assert accountant.value("department") == "Finance"
    assert partner.value("department") == "Sales"
    berlin = [{"city": "Berlin", "region": "Berlin", "country": "DE"}]
    assert plain(accountant.value("locations")) == plain(partner.value("locations")) == berlin
    assert accountant.value("workplace_type") == partner.value("workplace_type") == "hybrid"
    assert accountant.value("employment_type") == ["FULL_TIME"]
    assert plain(accountant.value("salary")) == {
        "min": 60000.0,
        "max": 75000.0,
        "currency": "EUR",
        "period": "YEAR",
    }
    assert plain(partner.value("salary")) == {
        "min": 75000.0,
        "max": 90000.0,
        "currency": "EUR",
        "period": "YEAR",
    }
    assert accountant.value("date_posted") == "2026-08-05"
    assert partner.value("date_posted") == "2026-07-31"
    assert accountant.value("url") == (
        "https://jobs.acme.com/o/senior-financial-accountant-fmd-berlinbrandenburg-region-germany"
    )
    assert partner.value("apply_url") == (
        "https://jobs.acme.com/o/partner-development-representative-fmd-berlin-germany/c/new"
    )
    assert "How you will make an impact" in accountant.text
    assert "What we expect from you" in accountant.text


@pytest.mark.parametrize("case", fixture_cases("recruitee"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def test_salary_from_offer_needs_an_amount() -> None:
    assert salary_from_offer({"min": None, "max": None, "currency": "EUR"}) is None
    assert salary_from_offer("60k") is None
    hourly = salary_from_offer({"min": "18", "max": None, "currency": "GBP", "period": "hour"})
    assert plain(hourly) == {"min": 18.0, "max": 18.0, "currency": "GBP", "period": "HOUR"}


def test_offers_that_are_not_objects_raise_malformed_input() -> None:
    document = Document(name="recruitee.json", text="{}")
    with pytest.raises(MalformedInputError, match="no usable job"):
        recruitee.parse(document, Detection(Format.RECRUITEE, {"offers": ["x", None]}))


@pytest.mark.parametrize("locations", [1, True, 2.5])
def test_locations_of_the_wrong_type_do_not_cost_the_offer(locations: object) -> None:
    # Found by fuzzing: a number as locations raised TypeError (not iterable) and the whole
    # offer was skipped.
    offer = {"title": "Support Agent", "careers_apply_url": "https://x", "city": "Lille"}
    data = {"offers": [{**offer, "locations": locations}]}
    (posting,) = recruitee.parse(
        Document(name="r.json", text="{}"), Detection(Format.RECRUITEE, data)
    )
    assert posting.warnings == []
    assert plain(posting.value("locations")) == [{"city": "Lille", "region": None, "country": None}]
