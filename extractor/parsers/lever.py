"""Lever Postings API v0 JSON: a list of postings, one posting, or ``{"postings": [...]}``.

Lever names no company in its fields, so company is left to the rules. Department is the
team (the most specific unit) where Lever gives one. ``lists`` are headed bullet lists; a
list goes to a section field only when its heading says plainly which one.
"""

from __future__ import annotations

from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.salary import make_salary, normalize_period, parse_amount
from extractor.parsers.ats_common import (
    add_locations,
    add_section_lists,
    compose_text,
    get_str,
    html_list_items,
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

SOURCE = Format.LEVER.value


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per Lever posting in the response, in order.

    Raises:
        MalformedInputError: the response holds no posting with a title.
    """
    data = detection.data
    records = data if isinstance(data, list) else list_under(data, "postings", "data")
    return parse_records(document, records if records is not None else [data], parse_job)


def parse_job(job: dict[str, Any]) -> ParsedPosting:
    """One Lever posting object."""
    title = require_title(job, "text")
    lists = _lists(job.get("lists"))
    posting = ParsedPosting(source=SOURCE)
    posting.text = compose_text(
        title,
        [
            (None, _description(job)),
            *((heading, "\n".join(f"- {item}" for item in items)) for heading, items in lists),
            (None, readable(job.get("additional")) or readable(job.get("additionalPlain"))),
        ],
    )
    raw_categories = job.get("categories")
    categories: dict[str, Any] = raw_categories if isinstance(raw_categories, dict) else {}
    posting.add("title", strip_workplace_marker(title))
    posting.add("department", get_str(categories, "team") or get_str(categories, "department"))
    _add_place(posting, job, categories)
    posting.add("employment_type", normalize_employment_type(categories.get("commitment")))
    posting.add("salary", salary_from_range(job.get("salaryRange")))
    posting.add("date_posted", normalize_date(job.get("createdAt")))
    posting.add("url", get_str(job, "hostedUrl"))
    posting.add("apply_url", get_str(job, "applyUrl"))
    add_section_lists(posting, lists)
    return posting


def _description(job: dict[str, Any]) -> str:
    """The description: whole, or as its opening and body where only those are given."""
    whole = readable(job.get("description")) or readable(job.get("descriptionPlain"))
    if whole:
        return whole
    parts = (
        readable(job.get("opening")) or readable(job.get("openingPlain")),
        readable(job.get("descriptionBody")) or readable(job.get("descriptionBodyPlain")),
    )
    return "\n\n".join(part for part in parts if part)


def salary_from_range(salary_range: Any) -> Salary | None:
    """Lever's ``salaryRange`` {min, max, currency, interval: "per-year-salary"}."""
    if not isinstance(salary_range, dict):
        return None
    return make_salary(
        parse_amount(salary_range.get("min")),
        parse_amount(salary_range.get("max")),
        to_currency_code(salary_range.get("currency")),
        normalize_period(salary_range.get("interval")),
    )


def _lists(value: Any) -> list[tuple[str, list[str]]]:
    """(heading, items) for each of Lever's ``lists`` that has both."""
    if not isinstance(value, list):
        return []
    found: list[tuple[str, list[str]]] = []
    for entry in value:
        heading = get_str(entry, "text")
        items = html_list_items(entry.get("content")) if isinstance(entry, dict) else []
        if heading and items:
            found.append((heading, items))
    return found


def _add_place(posting: ParsedPosting, job: dict[str, Any], categories: dict[str, Any]) -> None:
    """Places from ``allLocations`` (or ``location``), with the posting's country filling gaps."""
    texts = categories.get("allLocations")
    if not isinstance(texts, list) or not texts:
        texts = [categories.get("location")]
    parsed = read_places(texts, job.get("country"))
    add_locations(posting, parsed.locations)
    workplace = normalize_workplace(job.get("workplaceType"))
    if workplace is None and (parsed.remote or parsed.hybrid):
        workplace = "hybrid" if parsed.hybrid else "remote"
    posting.add("workplace_type", workplace)
    if workplace in ("remote", "hybrid"):
        posting.add("remote_eligibility", parsed.remote_regions)
