"""SmartRecruiters Posting API JSON: a posting detail, or a listing (``{"content": [...]}``).

The detail carries the ad as HTML sections under ``jobAd.sections``; a listing item carries
only the header fields, so its text is the title alone. ``location.remote`` and
``location.hybrid`` are explicit flags: both false is an on-site job.
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
    dig,
    get_str,
    list_under,
    make_location,
    parse_records,
    read_place,
    readable,
    require_title,
    strip_workplace_marker,
)
from extractor.parsers.base import ParsedPosting

SOURCE = Format.SMARTRECRUITERS.value

# The ad's sections in reading order, with the heading used where the ad gives none.
_SECTIONS = (
    ("companyDescription", "Company Description"),
    ("jobDescription", "Job Description"),
    ("qualifications", "Qualifications"),
    ("additionalInformation", "Additional Information"),
)


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per SmartRecruiters posting in the response, in order.

    Raises:
        MalformedInputError: the response holds no posting with a name (title).
    """
    data = detection.data
    records = data if isinstance(data, list) else list_under(data, "content")
    return parse_records(document, records if records is not None else [data], parse_job)


def parse_job(job: dict[str, Any]) -> ParsedPosting:
    """One SmartRecruiters posting object (detail or listing item)."""
    title = require_title(job, "name", "title")
    posting = ParsedPosting(source=SOURCE)
    posting.text = compose_text(title, _section_blocks(dig(job, "jobAd", "sections")))
    posting.add("title", strip_workplace_marker(title))
    posting.add("company", company_name(dig(job, "company", "name")))
    posting.add("department", get_str(job, "department", "label"))
    _add_place(posting, job.get("location"))
    posting.add("employment_type", _employment(job.get("typeOfEmployment")))
    posting.add("date_posted", normalize_date(job.get("releasedDate")))
    posting.add("url", get_str(job, "postingUrl"))
    posting.add("apply_url", get_str(job, "applyUrl"))
    return posting


def _section_blocks(sections: Any) -> list[tuple[str | None, str]]:
    if not isinstance(sections, dict):
        return []
    blocks: list[tuple[str | None, str]] = []
    for key, default_heading in _SECTIONS:
        section = sections.get(key)
        body = readable(dig(section, "text"))
        if body:
            blocks.append((get_str(section, "title") or default_heading, body))
    return blocks


def _employment(type_of_employment: Any) -> list[str]:
    """From the label ("Full-time"), else the id ("permanent", "part_time")."""
    return normalize_employment_type(get_str(type_of_employment, "label")) or (
        normalize_employment_type(get_str(type_of_employment, "id"))
    )


def _add_place(posting: ParsedPosting, location: Any) -> None:
    if not isinstance(location, dict):
        return
    remote, hybrid = location.get("remote"), location.get("hybrid")
    if remote is True:
        workplace: str | None = "remote"
    elif hybrid is True:
        workplace = "hybrid"
    elif remote is False and hybrid is False:
        workplace = "onsite"
    else:
        workplace = None
    place = make_location(location.get("city"), location.get("region"), location.get("country"))
    if place is None:
        parsed = read_place(location.get("fullLocation"))
        add_locations(posting, parsed.locations)
    elif workplace == "remote" and place.city is None:
        # A remote job with only a country: that is where applicants may live.
        posting.add("remote_eligibility", [place.country] if place.country else [])
    else:
        add_locations(posting, [place])
    posting.add("workplace_type", workplace)
