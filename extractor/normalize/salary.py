"""Salaries into SPEC's Salary: schema.org structures, ATS salary objects and amount strings."""

from __future__ import annotations

import math
import re
from typing import Any

from extractor.normalize.currencies import to_currency_code
from extractor.schema import Salary

_PERIODS: dict[str, str] = {
    "hour": "HOUR",
    "hourly": "HOUR",
    "hr": "HOUR",
    "h": "HOUR",
    "per hour": "HOUR",
    "per-hour-wage": "HOUR",
    "hourly wage": "HOUR",
    "day": "DAY",
    "daily": "DAY",
    "per-day-wage": "DAY",
    "d": "DAY",
    "j": "DAY",
    "week": "WEEK",
    "weekly": "WEEK",
    "per-week-salary": "WEEK",
    "wk": "WEEK",
    "month": "MONTH",
    "monthly": "MONTH",
    "per-month-salary": "MONTH",
    "mo": "MONTH",
    "mth": "MONTH",
    "monat": "MONTH",
    "monatlich": "MONTH",
    "mois": "MONTH",
    "mes": "MONTH",
    "year": "YEAR",
    "yearly": "YEAR",
    "annual": "YEAR",
    "annually": "YEAR",
    "yr": "YEAR",
    "per-year-salary": "YEAR",
    "per annum": "YEAR",
    "pa": "YEAR",
    "p.a.": "YEAR",
    "jahr": "YEAR",
    "an": "YEAR",
    "año": "YEAR",
    "anual": "YEAR",
    "annum": "YEAR",
    "hrs": "HOUR",
    "yrs": "YEAR",
    "stunde": "HOUR",
    "heure": "HOUR",
    "hora": "HOUR",
    "woche": "WEEK",
    "semaine": "WEEK",
    "semana": "WEEK",
    "tag": "DAY",
    "jour": "DAY",
    "día": "DAY",
    "dia": "DAY",
    "mese": "MONTH",
    "anno": "YEAR",
    "ora": "HOUR",
    "giorno": "DAY",
}

_NUMBER = re.compile(r"\d[\d\s.,'’\u00a0\u202f]*")
_GROUPING = re.compile(r"[\s\u00a0\u202f'’]")


def normalize_period(value: object) -> str | None:
    """HOUR, DAY, WEEK, MONTH or YEAR from a schema.org unitText or an ATS interval."""
    if not isinstance(value, str):
        return None
    folded = value.strip().casefold().replace("_", "-")
    if folded.upper() in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR"):
        return folded.upper()
    found = _PERIODS.get(folded) or _PERIODS.get(folded.replace("-", " "))
    if found:
        return found
    # "per year", "a month", "/hr", "PER_YEAR", "hours": the unit after its article.
    bare = re.sub(r"^(?:per|a|an|pro|par|por|/)\s*", "", folded.replace("-", " ")).strip()
    bare = bare.removesuffix("s") if len(bare) > 3 else bare
    return _PERIODS.get(bare)


def parse_amount(value: object) -> float | None:
    """A number from "143,736", "65.000", "65 000", "1.234,56", "180K", "4.2M" or a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            amount = float(value)
        except OverflowError:  # an integer beyond any float is no amount
            return None
        return amount if math.isfinite(amount) and amount >= 0 else None
    if not isinstance(value, str):
        return None
    if value.isdecimal():
        # A bare digit run (8 in 10 figures in postings) needs none of the steps below.
        plain = float(value)
        return plain if math.isfinite(plain) else None
    text = value.strip()
    match = _NUMBER.search(text)
    if not match:
        return None
    if text[: match.start()].rstrip().endswith("-") and not re.search(r"\d", text[: match.start()]):
        return None  # "-5" is a negative figure, never pay
    digits = match.group().strip().rstrip(".,'’")
    number = _number_from_digits(digits)
    if number is None:
        return None
    rest = text[match.end() :].lstrip().lower()
    if rest.startswith("k"):
        number *= 1_000
    elif rest.startswith(("m", "mio", "million")) and not rest.startswith(("mo", "month", "mes")):
        number *= 1_000_000
    # JSON's NaN and Infinity, and digit runs too long for a float, are no amount.
    return number if math.isfinite(number) else None


def _number_from_digits(digits: str) -> float | None:
    """Decide which of "." and "," is the decimal mark, by where and how often each occurs."""
    compact = _GROUPING.sub("", digits)
    if not compact:
        return None
    last_dot, last_comma = compact.rfind("."), compact.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal = "." if last_dot > last_comma else ","
        thousands = "," if decimal == "." else "."
        compact = compact.replace(thousands, "").replace(decimal, ".")
    elif last_dot >= 0 or last_comma >= 0:
        mark = "." if last_dot >= 0 else ","
        groups = compact.split(mark)
        # "65.000" and "1,234,567" group thousands; "4.5" and "34,62" carry decimals.
        if len(groups) > 2 or all(len(g) == 3 for g in groups[1:]):
            compact = compact.replace(mark, "")
        else:
            compact = compact.replace(mark, ".")
    try:
        return float(compact)
    except ValueError:
        return None


def make_salary(
    minimum: float | None, maximum: float | None, currency: str | None, period: str | None
) -> Salary | None:
    """A Salary from parts, or None when no amount is known; a lone bound fills both ends."""
    if minimum is None and maximum is None:
        return None
    if minimum is None:
        minimum = maximum
    if maximum is None:
        maximum = minimum
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
    if minimum == 0 and maximum == 0:
        return None
    return Salary.model_validate(
        {"min": minimum, "max": maximum, "currency": currency, "period": period}
    )


def salary_from_schema_org(base_salary: Any, currency_hint: object = None) -> Salary | None:
    """schema.org baseSalary / estimatedSalary in any of its shapes.

    MonetaryAmount with a QuantitativeValue, a MonetaryAmount with a plain value, a bare
    number or digit string (the legacy flat form, with salaryCurrency beside it), and lists
    of those (the first that yields an amount wins). Free text that is not an amount yields
    None; the salary rule reads such text instead.
    """
    if isinstance(base_salary, list):
        for item in base_salary:
            salary = salary_from_schema_org(item, currency_hint)
            if salary:
                return salary
        return None
    currency = to_currency_code(currency_hint)
    if isinstance(base_salary, int | float | str):
        if isinstance(base_salary, str) and not re.fullmatch(r"[\s$€£\d.,]+", base_salary):
            return None
        amount = parse_amount(base_salary)
        return make_salary(amount, amount, currency, None)
    if not isinstance(base_salary, dict):
        return None
    currency = to_currency_code(base_salary.get("currency")) or currency
    value = base_salary.get("value")
    period = normalize_period(base_salary.get("unitText"))
    if isinstance(value, dict):
        period = normalize_period(value.get("unitText")) or period
        currency = to_currency_code(value.get("currency")) or currency
        low = parse_amount(value.get("minValue"))
        high = parse_amount(value.get("maxValue"))
        if low is None and high is None:
            low = high = _plain_amount(value.get("value"))
        return make_salary(low, high, currency, period)
    low = parse_amount(base_salary.get("minValue"))
    high = parse_amount(base_salary.get("maxValue"))
    if low is None and high is None:
        low = high = _plain_amount(value)
    return make_salary(low, high, currency, period)


def _plain_amount(value: object) -> float | None:
    """An amount only where the value is a bare number, not a sentence that holds one."""
    if isinstance(value, str) and not re.fullmatch(r"[\s$€£\d.,]+", value):
        return None
    return parse_amount(value)
