"""Recruitee careers-site offers API JSON: ``{"offers": [...]}`` or one ``{"offer": {...}}``.

The salary is a structured {min, max, currency, period}; ``remote``, ``hybrid`` and
``on_site`` are explicit flags. Titles often end with the place (" - Berlin, Germany"),
which SPEC keeps out of the title, so a suffix naming the offer's own place is dropped.
"""

from __future__ import annotations

from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.salary import make_salary, normalize_period, parse_amount
from extractor.parsers.ats_common import (
    add_locations,
    company_name,
    compose_text,
    get_str,
    list_under,
    make_location,
    parse_records,
    readable,
    require_title,
    strip_location_suffix,
    strip_workplace_marker,
)
from extractor.parsers.base import ParsedPosting
from extractor.schema import Location, Salary

SOURCE = Format.RECRUITEE.value

# Recruitee's employment_type_code values; a fixed term is temporary whatever the hours.
_EMPLOYMENT: dict[str, list[str]] = {
    "fulltime": ["FULL_TIME"],
    "fulltime_permanent": ["FULL_TIME"],
    "fulltime_fixed_term": ["FULL_TIME", "TEMPORARY"],
    "parttime": ["PART_TIME"],
    "parttime_permanent": ["PART_TIME"],
    "parttime_fixed_term": ["PART_TIME", "TEMPORARY"],
    "fixed_term": ["TEMPORARY"],
    "temporary": ["TEMPORARY"],
    "internship": ["INTERN"],
    "traineeship": ["INTERN"],
    "freelance": ["CONTRACTOR"],
    "contract": ["CONTRACTOR"],
    "volunteer": ["VOLUNTEER"],
}


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per offer in the response, in order.

    Raises:
        MalformedInputError: the response holds no offer with a title.
    """
    data = detection.data
    if isinstance(data, dict) and isinstance(data.get("offer"), dict):
        return parse_records(document, [data["offer"]], parse_job)
    records = data if isinstance(data, list) else list_under(data, "offers")
    return parse_records(document, records if records is not None else [data], parse_job)


def parse_job(offer: dict[str, Any]) -> ParsedPosting:
    """One Recruitee offer object."""
    translation = _first_translation(offer.get("translations"))
    raw_title = get_str(offer, "title") or require_title(translation, "title")
    places = _places(offer)
    title = strip_location_suffix(raw_title, places)
    description = offer.get("description") or translation.get("description")
    requirements = offer.get("requirements") or translation.get("requirements")
    posting = ParsedPosting(source=SOURCE)
    posting.text = compose_text(
        title, [(None, readable(description)), (None, readable(requirements))]
    )
    posting.add("title", strip_workplace_marker(title))
    posting.add("company", company_name(offer.get("company_name")))
    posting.add("department", get_str(offer, "department"))
    workplace = _workplace(offer)
    if workplace == "remote":
        # A remote offer's city-less place is where applicants may live, not a base.
        countries = [p.country for p in places if p.city is None and p.country]
        posting.add("remote_eligibility", list(dict.fromkeys(countries)))
        places = [p for p in places if p.city is not None]
    add_locations(posting, places)
    posting.add("workplace_type", workplace)
    posting.add("employment_type", _EMPLOYMENT.get(str(offer.get("employment_type_code")), []))
    posting.add("salary", salary_from_offer(offer.get("salary")))
    posting.add("date_posted", normalize_date(offer.get("published_at") or offer.get("created_at")))
    posting.add("valid_through", normalize_date(offer.get("close_at")))
    posting.add("url", get_str(offer, "careers_url"))
    posting.add("apply_url", get_str(offer, "careers_apply_url"))
    return posting


def salary_from_offer(salary: Any) -> Salary | None:
    """Recruitee's ``salary`` {min, max, currency, period}; amounts may be strings."""
    if not isinstance(salary, dict):
        return None
    return make_salary(
        parse_amount(salary.get("min")),
        parse_amount(salary.get("max")),
        to_currency_code(salary.get("currency")),
        normalize_period(salary.get("period")),
    )


def _first_translation(translations: Any) -> dict[str, Any]:
    if isinstance(translations, dict):
        for value in translations.values():
            if isinstance(value, dict):
                return value
    return {}


def _places(offer: dict[str, Any]) -> list[Location]:
    """The offer's ``locations``, else its flat city / state / country fields."""
    places: list[Location] = []
    locations = offer.get("locations")
    for entry in locations if isinstance(locations, list) else []:
        if isinstance(entry, dict):
            place = make_location(
                entry.get("city"),
                entry.get("state"),
                entry.get("country_code") or entry.get("country"),
            )
            if place is not None and place not in places:
                places.append(place)
    if not places:
        place = make_location(
            offer.get("city"),
            offer.get("state_name"),
            offer.get("country_code") or offer.get("country"),
        )
        places = [place] if place else []
    return places


def _workplace(offer: dict[str, Any]) -> str | None:
    if offer.get("remote") is True:
        return "remote"
    if offer.get("hybrid") is True:
        return "hybrid"
    if offer.get("on_site") is True:
        return "onsite"
    return None
