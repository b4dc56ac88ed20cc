"""Countries to ISO 3166-1 alpha-2, from codes and from names in many languages.

Names come from the CLDR data that babel ships, so "Deutschland", "Allemagne", "Германия"
and "ドイツ" all reach "DE" without a hand-kept table; the aliases below add what CLDR
leaves out (alpha-3 codes, common short forms).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Languages whose country names we read: the ones our users' postings come in.
_LOCALES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ru",
    "ja",
    "zh",
    "tr",
    "nb",
    "sv",
    "da",
    "fi",
    "el",
    "ko",
    "uk",
    "cs",
    "ro",
    "hu",
)

_ALIASES: dict[str, str] = {
    "usa": "US",
    "u s": "US",
    "u s a": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "britain": "GB",
    "gbr": "GB",
    "uae": "AE",
    "turkiye": "TR",
    "türkiye": "TR",
    "czechia": "CZ",
    "holland": "NL",
    "korea": "KR",
    "south korea": "KR",
    "russia": "RU",
    "россия": "RU",
    "рф": "RU",
    "deu": "DE",
    "fra": "FR",
    "esp": "ES",
    "ita": "IT",
    "can": "CA",
    "aus": "AU",
    "ind": "IN",
    "jpn": "JP",
    "chn": "CN",
    "bra": "BR",
    "mex": "MX",
    "nld": "NL",
    "pol": "PL",
    "prt": "PT",
    "che": "CH",
    "aut": "AT",
    "bel": "BE",
    "swe": "SE",
    "nor": "NO",
    "dnk": "DK",
    "fin": "FI",
    "irl": "IE",
    "grc": "GR",
    "tur": "TR",
    "rus": "RU",
    "ukr": "UA",
    "kaz": "KZ",
    "uzb": "UZ",
    "blr": "BY",
    "isr": "IL",
    "sgp": "SG",
    "nzl": "NZ",
    "zaf": "ZA",
    "arg": "AR",
    "col": "CO",
    "chl": "CL",
    "per": "PE",
    "kor": "KR",
    "rou": "RO",
    "hun": "HU",
    "cze": "CZ",
    "日本": "JP",
    "中国": "CN",
    "中國": "CN",
    # Names CLDR writes otherwise ("Türkiye", "Czechia", "Hong Kong SAR China").
    "turkey": "TR",
    "czech republic": "CZ",
    "hong kong": "HK",
    "macau": "MO",
    "macao": "MO",
    "russian federation": "RU",
    "viet nam": "VN",
    "republic of korea": "KR",
    "korea republic of": "KR",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "côte d'ivoire": "CI",
    "burma": "MM",
    "swaziland": "SZ",
    "macedonia": "MK",
    "cape verde": "CV",
    "vatican": "VA",
    "palestine": "PS",
    "taiwan": "TW",
    "台灣": "TW",
    "台湾": "TW",
    "香港": "HK",
    "대한민국": "KR",
    "한국": "KR",
    "deutschland": "DE",
}


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).casefold().replace("’", "'")
    value = re.sub(r"[.\s_\-]+", " ", value).replace(",", "").replace(" and ", " & ")
    value = value.strip(" ,;()")
    # "The Netherlands", "the UK": the article is not part of the name.
    return value[4:] if value.startswith("the ") else value


@cache
def _names() -> dict[str, str]:
    from babel import Locale

    table: dict[str, str] = {}
    for locale in _LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            # Two letters are countries; digits are UN regions such as "150" (Europe).
            if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ"):
                table.setdefault(_fold(name), code)
    table.update(_ALIASES)
    return table


@cache
def _codes() -> frozenset[str]:
    return frozenset(_names().values())


def to_country_code(value: object) -> str | None:
    """The ISO 3166-1 alpha-2 code for a country code or name, or None when unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    if len(raw) == 2 and raw.isascii() and raw.isalpha():
        code = raw.upper()
        code = "GB" if code == "UK" else code
        return code if code in _codes() else None
    return _names().get(_fold(raw))


def country_name(code: str) -> str | None:
    """The English name of an alpha-2 code ("DE" -> "Germany")."""
    from babel import Locale

    name = Locale.parse("en").territories.get(code.upper())
    return str(name) if name else None
