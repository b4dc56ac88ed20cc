"""Currencies to ISO 4217, from codes, symbols and words."""

from __future__ import annotations

import re
from functools import cache, lru_cache

# Symbols shared by several currencies map to the one a posting most often means; a code
# beside the figure always wins over this table. "kr" is left out: Swedish, Norwegian, Danish
# and Icelandic postings all write it, and a wrong currency is worse than none.
SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "円": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₽": "RUB",
    "руб": "RUB",
    "руб.": "RUB",
    "₩": "KRW",
    "₪": "ILS",
    "₺": "TRY",
    "zł": "PLN",
    "zl": "PLN",
    "kč": "CZK",
    "₴": "UAH",
    "грн": "UAH",
    "грн.": "UAH",
    "tl": "TRY",
    "br": "BYN",
    "₸": "KZT",
    "r$": "BRL",
    "c$": "CAD",
    "ca$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "chf": "CHF",
    "fr.": "CHF",
    "元": "CNY",
    "rmb": "CNY",
    "￥": "CNY",
    "₱": "PHP",
    "₫": "VND",
    "₦": "NGN",
    "r": "ZAR",
    "lei": "RON",
    "ft": "HUF",
    "сум": "UZS",
    "so'm": "UZS",
}

WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "zloty": "PLN",
    "złotych": "PLN",
    "zlotys": "PLN",
    "рублей": "RUB",
    "рубль": "RUB",
    "рубля": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "lira": "TRY",
    "franc": "CHF",
    "francs": "CHF",
    "kronor": "SEK",
    "kroner": "NOK",
    "kronen": "CZK",
    "tenge": "KZT",
    "тенге": "KZT",
    "万円": "JPY",
}

# Codes that stand for another in practice: hh.ru still says RUR and BYR.
_LEGACY_CODES = {"RUR": "RUB", "BYR": "BYN", "NIS": "ILS", "RMB": "CNY"}


@cache
def _iso_codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(str(code) for code in Locale.parse("en").currencies if len(str(code)) == 3)


def to_currency_code(value: object) -> str | None:
    """The ISO 4217 code for a code, symbol or word, or None when unknown."""
    # Only strings reach the cache: a parser may hand over any JSON value, a list or a dict.
    return _code_of(value) if isinstance(value, str) else None


# Postings write a few dozen currency strings beside their figures: each is read once.
@lru_cache(maxsize=256)
def _code_of(value: str) -> str | None:
    raw = value.strip()
    if not raw:
        return None
    upper = raw.upper()
    if upper in _LEGACY_CODES:
        return _LEGACY_CODES[upper]
    if re.fullmatch(r"[A-Z]{3}", upper) and upper in _iso_codes():
        return upper
    folded = raw.casefold()
    return SYMBOLS.get(folded) or WORDS.get(folded)
