"""Ashby posting API JSON: a job board (``{"jobs": [...]}``) or one job.

Places come from the structured addresses; a remote job whose location is a region or a
country with no city names where applicants may live, not a base. Pay comes only from the
``compensation`` block: empty tiers mean no salary, and figures in the text (a valuation,
"$12B") are never read here.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.locations import location_from_address
from extractor.normalize.salary import make_salary, normalize_period, parse_amount
from extractor.parsers.ats_common import (
    add_locations,
    compose_text,
    dig,
    get_str,
    list_under,
    normalize_workplace,
    parse_records,
    read_place,
    readable,
    remote_region,
    require_title,
    strip_workplace_marker,
)
from extractor.parsers.base import ParsedPosting
from extractor.schema import Location, Salary

SOURCE = Format.ASHBY.value


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per job in the response, in order.

    Raises:
        MalformedInputError: the response holds no job with a title.
    """
    data = detection.data
    records = data if isinstance(data, list) else list_under(data, "jobs", "jobPostings")
    return parse_records(document, records if records is not None else [data], parse_job)


def parse_job(job: dict[str, Any]) -> ParsedPosting:
    """One Ashby job object."""
    title = require_title(job, "title")
    posting = ParsedPosting(source=SOURCE)
    body = readable(job.get("descriptionHtml")) or readable(job.get("descriptionPlain"))
    posting.text = compose_text(title, [(None, body)])
    posting.add("title", strip_workplace_marker(title))
    posting.add("department", get_str(job, "team") or get_str(job, "department"))
    _add_place(posting, job)
    posting.add("employment_type", normalize_employment_type(job.get("employmentType")))
    posting.add("salary", salary_from_compensation(job.get("compensation")))
    posting.add("date_posted", normalize_date(job.get("publishedAt") or job.get("publishedDate")))
    posting.add("url", get_str(job, "jobUrl"))
    posting.add("apply_url", get_str(job, "applyUrl"))
    return posting


def _add_place(posting: ParsedPosting, job: dict[str, Any]) -> None:
    workplace = normalize_workplace(job.get("workplaceType"))
    if workplace is None and job.get("isRemote") is True:
        workplace = "remote"
    labelled: list[tuple[Any, Any]] = [(job.get("location"), job.get("address"))]
    secondaries = job.get("secondaryLocations")
    for secondary in secondaries if isinstance(secondaries, list) else []:
        if isinstance(secondary, dict):
            labelled.append((secondary.get("location"), secondary.get("address")))
    places: list[Location] = []
    regions: list[str] = []
    for label, address in labelled:
        place = location_from_address(dig(address, "postalAddress"))
        parsed = read_place(label)
        region = remote_region(label)
        if workplace == "remote" and (place is None or place.city is None):
            # A remote job's city-less place ("Europe", "United States") is where applicants
            # may live: the label's region where it names one, else the address's country.
            eligible = region or (place.country if place else None)
            eligible_list = [eligible] if eligible else parsed.remote_regions
            regions.extend(r for r in eligible_list if r not in regions)
            continue
        if place is not None:
            places.append(place)
        else:
            places.extend(parsed.locations)
    add_locations(posting, places)
    posting.add("workplace_type", workplace)
    if workplace in ("remote", "hybrid"):
        posting.add("remote_eligibility", regions)


_INTERVAL = re.compile(r"^\s*1\s+")


def salary_from_compensation(compensation: Any) -> Salary | None:
    """Base pay from Ashby's ``compensation``: the summary's salary component, else the tiers'.

    Several tiers (pay zones) combine into one range only where they share currency and
    interval; anything else yields no salary rather than a guess.
    """
    if not isinstance(compensation, dict):
        return None
    components = _salary_components(compensation.get("summaryComponents"))
    tiers = compensation.get("compensationTiers")
    if not components and isinstance(tiers, list):
        for tier in tiers:
            components.extend(_salary_components(dig(tier, "components")))
    if not components:
        return None
    # Only strings name a currency or an interval; a list or an object there is not hashable.
    kinds = {(_text(c.get("currencyCode")), _text(c.get("interval"))) for c in components}
    if len(kinds) != 1:
        return None
    lows = [v for v in (parse_amount(c.get("minValue")) for c in components) if v is not None]
    highs = [v for v in (parse_amount(c.get("maxValue")) for c in components) if v is not None]
    currency, interval = kinds.pop()
    period = normalize_period(_INTERVAL.sub("", interval)) if isinstance(interval, str) else None
    return make_salary(
        min(lows) if lows else None,
        max(highs) if highs else None,
        to_currency_code(currency),
        period,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _salary_components(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [
        c
        for c in value
        if isinstance(c, dict) and str(c.get("compensationType", "")).casefold() == "salary"
    ]
