"""Greenhouse Job Board API JSON: one job (``/jobs/{id}``) or a board listing (``/jobs``).

The description (``content``) arrives as entity-escaped HTML; pay usually sits inside it and
is left to the salary rule, except where a pay-transparency board gives ``pay_input_ranges``
with a stated period. The company is ``company_name``.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.salary import make_salary, parse_amount
from extractor.parsers.ats_common import (
    add_locations,
    company_name,
    compose_text,
    get_str,
    list_under,
    normalize_workplace,
    parse_records,
    read_places,
    readable,
    require_title,
    strip_workplace_marker,
)
from extractor.parsers.base import ParsedPosting
from extractor.schema import Salary

SOURCE = Format.GREENHOUSE.value


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per job in the response, in order.

    Raises:
        MalformedInputError: the response holds no job with a title.
    """
    records = list_under(detection.data, "jobs")
    if records is None:
        records = detection.data if isinstance(detection.data, list) else [detection.data]
    return parse_records(document, records, parse_job)


def parse_job(job: dict[str, Any]) -> ParsedPosting:
    """One Greenhouse job object."""
    title = require_title(job, "title")
    posting = ParsedPosting(source=SOURCE)
    posting.text = compose_text(title, [(None, readable(job.get("content")))])
    posting.add("title", strip_workplace_marker(title))
    posting.add("company", company_name(job.get("company_name")))
    posting.add("department", _department(job.get("departments")))
    # An explicit custom field ("Workplace Type") outranks what the location string implies.
    _add_metadata(posting, job.get("metadata"))
    _add_place(posting, job)
    posting.add("salary", salary_from_pay_ranges(job.get("pay_input_ranges")))
    posting.add("date_posted", normalize_date(job.get("first_published")))
    posting.add("valid_through", normalize_date(job.get("application_deadline")))
    posting.add("url", get_str(job, "absolute_url"))
    return posting


def _department(departments: Any) -> str | None:
    """The most specific department: one that no other listed department is a parent of."""
    if not isinstance(departments, list):
        return None
    named = [d for d in departments if isinstance(d, dict) and get_str(d, "name")]
    parents = {_id(d.get("parent_id")) for d in named}
    for department in named:
        if _id(department.get("id")) not in parents:
            return get_str(department, "name")
    return get_str(named[0], "name") if named else None


def _id(value: Any) -> int | str | None:
    """A department id (a number or a string); a list or an object there is no id."""
    return value if isinstance(value, int | str) else None


def _add_place(posting: ParsedPosting, job: dict[str, Any]) -> None:
    """Places from ``location.name``, falling back to the office names."""
    texts = [get_str(job, "location", "name")]
    if not texts[0]:
        offices = job.get("offices")
        texts = [get_str(o, "name") for o in offices] if isinstance(offices, list) else []
    parsed = read_places(texts)
    add_locations(posting, parsed.locations)
    if parsed.remote or parsed.hybrid:
        posting.add("workplace_type", "hybrid" if parsed.hybrid else "remote")
        posting.add("remote_eligibility", parsed.remote_regions)


def _add_metadata(posting: ParsedPosting, metadata: Any) -> None:
    """Custom fields whose name says plainly what they hold (employment or workplace type)."""
    if not isinstance(metadata, list):
        return
    for item in metadata:
        name = (get_str(item, "name") or "").casefold()
        value = item.get("value") if isinstance(item, dict) else None
        if "employment type" in name or "job type" in name:
            posting.add("employment_type", normalize_employment_type(value))
        elif "workplace" in name or "remote" in name or "location type" in name:
            posting.add("workplace_type", normalize_workplace(value))


_PERIOD_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("HOUR", re.compile(r"\b(hourly|per hour|an hour|/\s*h(?:ou)?r)\b", re.I)),
    ("MONTH", re.compile(r"\b(monthly|per month|a month|/\s*mo(?:nth)?)\b", re.I)),
    (
        "YEAR",
        re.compile(r"\b(annual|annually|yearly|per year|a year|per annum|/\s*y(?:ea)?r)\b", re.I),
    ),
)


def salary_from_pay_ranges(ranges: Any) -> Salary | None:
    """Pay from ``pay_input_ranges`` (boards with pay transparency), amounts in cents.

    Greenhouse states no period for a range, so one is taken only from the words of the
    range's own title or blurb ("Annual base salary"); without them the content's prose is
    left to the salary rule. Several ranges (pay zones) combine where the currency agrees.
    """
    if not isinstance(ranges, list):
        return None
    usable = [r for r in ranges if isinstance(r, dict)]
    currencies = {to_currency_code(r.get("currency_type")) for r in usable}
    if len(currencies) != 1:
        return None
    words = " ".join(str(r.get(k) or "") for r in usable for k in ("title", "blurb"))
    periods = {period for period, pattern in _PERIOD_WORDS if pattern.search(words)}
    if len(periods) != 1:
        return None
    lows = [v / 100 for v in (parse_amount(r.get("min_cents")) for r in usable) if v is not None]
    highs = [v / 100 for v in (parse_amount(r.get("max_cents")) for r in usable) if v is not None]
    return make_salary(
        min(lows) if lows else None, max(highs) if highs else None, currencies.pop(), periods.pop()
    )
