"""Greenhouse Job Board API JSON: one job (``/jobs/{id}``) or a board listing (``/jobs``).

The description (``content``) arrives as entity-escaped HTML; pay, when stated, sits inside
it and is left to the salary rule. The company is ``company_name``.
"""

from __future__ import annotations

from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.parsers.ats_common import (
    add_locations,
    company_name,
    compose_text,
    get_str,
    list_under,
    normalize_workplace,
    parse_records,
    read_place,
    readable,
    require_title,
)
from extractor.parsers.base import ParsedPosting

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
    posting.add("title", title)
    posting.add("company", company_name(job.get("company_name")))
    posting.add("department", _department(job.get("departments")))
    _add_place(posting, job)
    _add_metadata(posting, job.get("metadata"))
    posting.add("date_posted", normalize_date(job.get("first_published")))
    posting.add("valid_through", normalize_date(job.get("application_deadline")))
    posting.add("url", get_str(job, "absolute_url"))
    return posting


def _department(departments: Any) -> str | None:
    """The most specific department: one that no other listed department is a parent of."""
    if not isinstance(departments, list):
        return None
    named = [d for d in departments if isinstance(d, dict) and get_str(d, "name")]
    parents = {d.get("parent_id") for d in named}
    for department in named:
        if department.get("id") not in parents:
            return get_str(department, "name")
    return get_str(named[0], "name") if named else None


def _add_place(posting: ParsedPosting, job: dict[str, Any]) -> None:
    """Places from ``location.name``, falling back to the office names."""
    texts = [get_str(job, "location", "name")]
    if not texts[0]:
        offices = job.get("offices")
        texts = [get_str(o, "name") for o in offices] if isinstance(offices, list) else []
    places = []
    regions: list[str] = []
    remote = hybrid = False
    for text in texts:
        parsed = read_place(text)
        places.extend(parsed.locations)
        regions.extend(r for r in parsed.remote_regions if r not in regions)
        remote = remote or parsed.remote
        hybrid = hybrid or parsed.hybrid
    add_locations(posting, places)
    if remote or hybrid:
        posting.add("workplace_type", "hybrid" if hybrid else "remote")
        posting.add("remote_eligibility", regions)


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
