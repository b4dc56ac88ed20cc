"""Finding evidence in a text: where a string, URL, phrase, number, date or country is written.

Strings are matched exactly (case and spacing aside) or fuzzily (rapidfuzz partial alignment,
score >= FUZZY_CUTOFF); numbers in any written form ("180K", "180,000", "180.000", "180 000");
dates numerically or with the month's name in a common language. Each finder returns the span
of its evidence, or None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz

from extractor.llm.phrases import NEGATION, SPONSOR

FUZZY_CUTOFF = 85.0
_MIN_FUZZY_LENGTH = 6  # below this, fuzzy matches are noise: "Go" matches everywhere
NUMBER_TOLERANCE = 0.005

Span = tuple[int, int]


# ---- strings ---------------------------------------------------------------------------------


def find_text(value: str, text: str) -> Span | None:
    """Where ``value`` occurs in ``text``: exactly (case and whitespace folded), else fuzzily."""
    needle = " ".join(value.split())
    if len(needle) < 2:
        return None
    pattern = r"\s+".join(re.escape(token) for token in needle.split(" "))
    if len(needle) <= 4 or not needle[0].isalnum() or not needle[-1].isalnum():
        pattern = rf"(?<!\w){pattern}(?!\w)"
    else:
        pattern = rf"\b{pattern}\b"
    match = re.search(pattern, text, re.IGNORECASE)
    if match:
        return match.span()
    if len(needle) < _MIN_FUZZY_LENGTH:
        return None
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare case-fold that changes length: spans would drift
        lowered = text
    alignment = fuzz.partial_ratio_alignment(needle.lower(), lowered, score_cutoff=FUZZY_CUTOFF)
    if alignment is None:
        return None
    return alignment.dest_start, alignment.dest_end


def find_url(value: str, text: str) -> Span | None:
    """URLs must appear verbatim (a trailing slash aside): a fuzzy URL is a different URL."""
    needle = value.strip().rstrip("/")
    if not needle:
        return None
    start = text.find(needle)
    if start < 0 and needle.startswith(("http://", "https://")):
        bare = needle.split("://", 1)[1]
        start = text.find(bare)
        needle = bare
    return (start, start + len(needle)) if start >= 0 else None


def find_phrase(patterns: Iterable[str], text: str) -> Span | None:
    """The first match of any keyword pattern (regex, matched as whole words)."""
    for pattern in patterns:
        match = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE)
        if match:
            return match.span()
    return None


# ---- numbers ---------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:(?P<sep>[,.'\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*|\d+)"
    r"(?:[.,](?P<frac>\d{1,2}))?(?!\d)"
    r"(?:\s?(?P<mult>[kK]|[mM]|Mio|mio|tsd|Tsd|lakhs?|lacs?|crores?|万)(?![a-zA-Z]))?"
)
_MULTIPLIERS = {"k": 1e3, "tsd": 1e3, "m": 1e6, "mio": 1e6, "lakh": 1e5, "lac": 1e5}
_MULTIPLIERS |= {"crore": 1e7, "万": 1e4}


def text_numbers(text: str) -> list[tuple[float, Span]]:
    """Every number written in ``text`` with its value: separators and k/M/lakh read."""
    found: list[tuple[float, Span]] = []
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match["int"])
        value = float(digits)
        if match["frac"]:
            value += float(f"0.{match['frac']}")
        mult = (match["mult"] or "").lower().rstrip("s")
        value *= _MULTIPLIERS.get(mult, 1.0)
        found.append((value, match.span()))
    return found


def find_number(value: float, text: str) -> Span | None:
    """Where a number equal to ``value`` (within 0.5%) is written in ``text``."""
    for number, span in text_numbers(text):
        if abs(number - value) <= max(abs(value) * NUMBER_TOLERANCE, 1e-9):
            return span
    return None


# ---- enums and booleans ----------------------------------------------------------------------


def enum_span(table: dict[str, tuple[str, ...]], value: str, text: str) -> Span | None:
    return find_phrase(table.get(value, ()), text)


def visa_span(value: bool, text: str) -> Span | None:
    """Evidence for sponsorship (an un-negated mention) or for a stated refusal (negated)."""
    for match in SPONSOR.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        window = text[max(line_start, match.start() - 60) : match.start()]
        negated = NEGATION.search(window) is not None
        if negated is not value:
            return match.span()
    return None


# ---- dates -----------------------------------------------------------------------------------


@cache
def _month_names(month: int) -> tuple[str, ...]:
    from babel.dates import get_month_names

    names: set[str] = set()
    for locale in ("en", "de", "fr", "es", "it", "nl", "pt"):
        for width in ("wide", "abbreviated"):
            names.add(str(get_month_names(width, locale=locale)[month]).lower().rstrip("."))
    return tuple(sorted(names, key=len, reverse=True))


def date_span(value: str, text: str) -> Span | None:
    """Where an ISO date is written, numerically (2024-05-01, 01.05.2024, 5/1/2024) or with
    its month's name in a common language (May 1, 2024; 1. Mai 2024; 1er mai 2024)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = match.groups()
    m, d = int(month), int(day)
    numeric = (
        rf"{year}[-/.]{month}[-/.]{day}",
        rf"0?{d}[./-]0?{m}[./-]{year}",
        rf"0?{m}/0?{d}/{year}",
    )
    names = "|".join(re.escape(n) for n in _month_names(m))
    named = (
        rf"0?{d}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?:{names})\.?,?\s+(?:de\s+)?{year}",
        rf"(?:{names})\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{year}",
    )
    return find_phrase((*numeric, *named), text)


# ---- countries -------------------------------------------------------------------------------


@cache
def _country_patterns(code: str) -> tuple[str, ...]:
    from babel import Locale

    names: set[str] = set()
    for locale in ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "ja", "zh"):
        name = Locale.parse(locale).territories.get(code)
        if name:
            names.add(re.escape(str(name)))
    extra = {"US": (r"USA", r"U\.S\.A?\.?", r"United\s+States"), "GB": (r"UK", r"U\.K\.")}
    return (*sorted(names, key=len, reverse=True), *extra.get(code, ()), code)


def country_span(code: str, text: str) -> Span | None:
    """Evidence for an ISO country code: its name in a common language, or the code itself
    in capitals."""
    if not re.fullmatch(r"[A-Z]{2}", code) or code in ("EU", "UN", "EZ", "QO", "ZZ"):
        return None
    patterns = _country_patterns(code)
    span = find_phrase(patterns[:-1], text)
    if span:
        return span
    match = re.search(rf"(?<![\w]){code}(?![\w])", text)  # the bare code: capitals only
    return match.span() if match else None
