"""Salary normalization: schema.org shapes, amounts, periods, and make_salary."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.normalize.salary import (
    make_salary,
    normalize_period,
    parse_amount,
    salary_from_schema_org,
)


def _dump(value: Any) -> Any:
    return value.model_dump() if value is not None else None


def S(low: float, high: float, currency: str | None, period: str | None) -> dict[str, Any]:
    return {"min": low, "max": high, "currency": currency, "period": period}


@pytest.mark.parametrize(
    ("node", "hint", "expected"),
    [
        # MonetaryAmount with a QuantitativeValue range.
        (
            {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {"minValue": 100000, "maxValue": 150000, "unitText": "YEAR"},
            },
            None,
            S(100000, 150000, "USD", "YEAR"),
        ),
        # QuantitativeValue with one value and its own unitText.
        (
            {"currency": "EUR", "value": {"value": "4200", "unitText": "MONTH"}},
            None,
            S(4200, 4200, "EUR", "MONTH"),
        ),
        # MonetaryAmount with a plain value and unitText beside it.
        (
            {"currency": "EUR", "value": 50000, "unitText": "YEAR"},
            None,
            S(50000, 50000, "EUR", "YEAR"),
        ),
        # Amounts written as strings with grouping, "k" and a currency sign.
        (
            {
                "currency": "USD",
                "value": {"minValue": "$80,000", "maxValue": "120k", "unitText": "per year"},
            },
            None,
            S(80000, 120000, "USD", "YEAR"),
        ),
        (
            {"currency": "EUR", "value": {"minValue": "65.000", "maxValue": "80.000"}},
            None,
            S(65000, 80000, "EUR", None),
        ),
        # The legacy flat form: a bare figure with salaryCurrency beside it.
        ("100000", "USD", S(100000, 100000, "USD", None)),
        (3200, "EUR", S(3200, 3200, "EUR", None)),
        # Reversed bounds are put in order.
        (
            {"currency": "GBP", "value": {"minValue": 50, "maxValue": 40, "unitText": "HOUR"}},
            None,
            S(40, 50, "GBP", "HOUR"),
        ),
        # Legacy currency codes.
        ({"currency": "RUR", "value": {"minValue": 90000}}, None, S(90000, 90000, "RUB", None)),
        # unitText variants.
        (
            {"currency": "USD", "value": {"value": 30, "unitText": "HOURLY"}},
            None,
            S(30, 30, "USD", "HOUR"),
        ),
        (
            {"currency": "USD", "value": {"value": 900, "unitText": "per-week-salary"}},
            None,
            S(900, 900, "USD", "WEEK"),
        ),
        # A list: the first entry that yields an amount wins.
        (
            [
                {"currency": "USD"},
                {
                    "currency": "GBP",
                    "value": {"minValue": 1000, "maxValue": 2000, "unitText": "MONTH"},
                },
            ],
            None,
            S(1000, 2000, "GBP", "MONTH"),
        ),
    ],
)
def test_schema_org_shapes(node: Any, hint: str | None, expected: dict[str, Any]) -> None:
    assert _dump(salary_from_schema_org(node, hint)) == expected


@pytest.mark.parametrize(
    "node",
    [
        None,
        True,
        "25K - 60K RMB or equivalent in USD",  # free text is the salary rule's to read
        {"currency": "GBP"},  # a currency with no figure ("Competitive salary")
        {"currency": "USD", "value": {"minValue": 0, "maxValue": 0}},
        {"currency": "USD", "value": "Competitive"},
        {"currency": "USD", "value": {"minValue": -5}},
        [],
    ],
)
def test_shapes_without_an_amount_give_none(node: Any) -> None:
    assert salary_from_schema_org(node) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("143,736", 143736),
        ("120000", 120000),
        ("\uff11\uff12\uff10", 120),  # fullwidth digits, as float() reads them
        ("65.000", 65000),
        ("65 000", 65000),
        ("2 000 000", 2000000),
        ("1.234,56", 1234.56),
        ("1,234,567", 1234567),
        ("34,62", 34.62),
        ("12.5", 12.5),
        ("180K", 180000),
        ("4.2M", 4200000),
        ("$ 143,736", 143736),
        ("5 months", 5),
        (42, 42),
        (4.5, 4.5),
    ],
)
def test_parse_amount(text: object, amount: float) -> None:
    assert parse_amount(text) == pytest.approx(amount)


@pytest.mark.parametrize(
    "text",
    # Found by fuzzing: JSON's NaN and Infinity, an integer beyond any float (OverflowError),
    # a digit run that float() reads as infinity.
    ["abc", "", None, True, "-5", -5, [1], float("nan"), float("inf"), 10**400, "9" * 400],
)
def test_parse_amount_refuses_non_amounts(text: object) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("unit", "period"),
    [
        ("HOUR", "HOUR"),
        ("hourly", "HOUR"),
        ("/hr", "HOUR"),
        ("hours", "HOUR"),
        ("per-hour-wage", "HOUR"),
        ("DAY", "DAY"),
        ("daily", "DAY"),
        ("Per Week", "WEEK"),
        ("MONTHLY", "MONTH"),
        ("Monat", "MONTH"),
        ("a month", "MONTH"),
        ("YEAR", "YEAR"),
        ("annual", "YEAR"),
        ("per annum", "YEAR"),
        ("per year", "YEAR"),
        ("PER_YEAR", "YEAR"),
        ("p.a.", "YEAR"),
    ],
)
def test_normalize_period(unit: str, period: str) -> None:
    assert normalize_period(unit) == period


@pytest.mark.parametrize("unit", ["foo", "", None, 12, "fortnight"])
def test_normalize_period_unknown(unit: object) -> None:
    assert normalize_period(unit) is None


def test_make_salary() -> None:
    assert _dump(make_salary(None, 50, "EUR", "YEAR")) == S(50, 50, "EUR", "YEAR")
    assert _dump(make_salary(70, 60, None, None)) == S(60, 70, None, None)
    assert make_salary(None, None, "EUR", "YEAR") is None
    assert make_salary(0, 0, "EUR", "YEAR") is None
