"""Workday CXS job JSON: a detail (``jobPostingInfo``) or a listing (``{"jobPostings": [...]}``).

``postedOn`` is relative ("Posted 30+ Days Ago") and so never a date; the detail's
``startDate`` is the day the posting went live and ``endDate`` the day it closes. Workday
locations read "City, Region, Country"; the record's own country code settles the country.
A listing item's ``externalPath`` is relative to a site the JSON does not name, so it gives
no url.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.countries import to_country_code
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
    normalize_workplace,
    parse_records,
    read_place,
    readable,
    require_title,
    strip_workplace_marker,
)
from extractor.parsers.base import ParsedPosting
from extractor.schema import Location

SOURCE = Format.WORKDAY.value

# A listing's summary of several places ("3 Locations") names none of them.
_COUNTED_LOCATIONS = re.compile(r"^\s*\d+\s+locations?\s*$", re.I)


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting for a detail, or one per item of a listing, in order.

    Raises:
        MalformedInputError: the response holds no job with a title.
    """
    data = detection.data
    if isinstance(data, dict) and isinstance(data.get("jobPostingInfo"), dict):
        return parse_records(document, [data], parse_detail)
    records = data if isinstance(data, list) else list_under(data, "jobPostings")
    return parse_records(document, records if records is not None else [data], parse_job)


def parse_job(record: dict[str, Any]) -> ParsedPosting:
    """A listing item, or a detail where a list holds details."""
    if isinstance(record.get("jobPostingInfo"), dict):
        return parse_detail(record)
    title = require_title(record, "title")
    posting = ParsedPosting(source=SOURCE, text=title)
    posting.add("title", strip_workplace_marker(title))
    locations_text = get_str(record, "locationsText")
    if locations_text and not _COUNTED_LOCATIONS.match(locations_text):
        add_locations(posting, [_place(locations_text, None)])
    posting.add("workplace_type", normalize_workplace(record.get("remoteType")))
    return posting


def parse_detail(record: dict[str, Any]) -> ParsedPosting:
    """A detail response: ``jobPostingInfo`` beside ``hiringOrganization``."""
    info: dict[str, Any] = record["jobPostingInfo"]
    title = require_title(info, "title")
    posting = ParsedPosting(source=SOURCE)
    posting.text = compose_text(title, [(None, readable(info.get("jobDescription")))])
    posting.add("title", strip_workplace_marker(title))
    posting.add("company", company_name(dig(record, "hiringOrganization", "name")))
    country = (
        get_str(info, "jobRequisitionLocation", "country", "alpha2Code")
        or get_str(info, "country", "alpha2Code")
        or get_str(info, "country", "descriptor")
    )
    texts = [info.get("location")]
    additional = info.get("additionalLocations")
    if isinstance(additional, list):
        texts.extend(additional)
    add_locations(posting, [_place(t, country) for t in texts if isinstance(t, str)])
    posting.add("workplace_type", normalize_workplace(info.get("remoteType")))
    _add_remote_header(posting)
    posting.add("employment_type", normalize_employment_type(info.get("timeType")))
    posting.add("date_posted", normalize_date(info.get("startDate")))
    posting.add("valid_through", normalize_date(info.get("endDate")))
    posting.add("url", get_str(info, "externalUrl"))
    return posting


# Employers' Workday templates open the description with a field block ("Remote:\nNo").
_REMOTE_HEADER = re.compile(r"^Remote:\s*(Yes|No)[ \t]*$", re.I | re.M)


def _add_remote_header(posting: ParsedPosting) -> None:
    """Workplace from a "Remote: Yes/No" line in the description's opening field block."""
    if posting.value("workplace_type"):
        return
    match = _REMOTE_HEADER.search(posting.text[:1500])
    if match:
        workplace = "remote" if match.group(1).casefold() == "yes" else "onsite"
        posting.add("workplace_type", workplace, span=match.span())


def _place(text: str, country: str | None) -> Location | None:
    """A Workday location: "City, Region, Country" where the last part is the country."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    record_country = to_country_code(country)
    if len(parts) == 3:
        # The place's own country first: additional locations may lie in other countries.
        code = to_country_code(parts[2]) or record_country
        if code:
            return make_location(parts[0], parts[1], code)
    parsed = read_place(text, record_country)
    return parsed.locations[0] if parsed.locations else None
