"""to_currency_code: ISO codes, legacy codes, symbols and words."""

from __future__ import annotations

import pytest

from extractor.normalize.currencies import to_currency_code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        (" EUR ", "EUR"),
        ("CHF", "CHF"),
        ("RUR", "RUB"),  # hh.ru still writes the pre-1998 code
        ("BYR", "BYN"),
        ("RMB", "CNY"),
        ("$", "USD"),
        ("US$", "USD"),
        ("C$", "CAD"),
        ("A$", "AUD"),
        ("R$", "BRL"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("円", "JPY"),
        ("元", "CNY"),
        ("₹", "INR"),
        ("₽", "RUB"),
        ("руб.", "RUB"),
        ("zł", "PLN"),
        ("Kč", "CZK"),
        ("₺", "TRY"),
        ("грн", "UAH"),
        ("euros", "EUR"),
        ("Euro", "EUR"),
        ("pounds", "GBP"),
        ("yen", "JPY"),
    ],
)
def test_known_currencies(value: str, code: str) -> None:
    assert to_currency_code(value) == code


@pytest.mark.parametrize(
    "value", ["XYZ", "", "  ", None, 5, "kr", "dollarz", ["USD"], {"code": "USD"}]
)
def test_unknown_or_ambiguous_values_give_none(value: object) -> None:
    # "kr" is Swedish, Norwegian, Danish or Icelandic: no guess.
    assert to_currency_code(value) is None
