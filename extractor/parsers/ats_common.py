"""What the ATS and job-board API parsers share.

Reading a listing so that one malformed job never costs the others, building a posting's
text from HTML or plain fields, and turning the small shapes every ATS repeats (places,
workplace words, section headings, bullet lists) into posting values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import lxml.html
from lxml import etree

from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.normalize.company import normalize_company
from extractor.normalize.countries import country_name, to_country_code
from extractor.normalize.html import element_text, html_to_text, looks_like_html
from extractor.normalize.locations import ParsedLocation, parse_location
from extractor.normalize.text import clean_block, clean_inline, unescape_entities
from extractor.parsers.base import ParsedPosting
from extractor.schema import REMOTE_REGIONS, Location

JobParser = Callable[[dict[str, Any]], ParsedPosting]
"""Turns one job record into a posting; raises SkippedJob (or fails) for a record it cannot use."""

# What a parser may stumble on in a record of the wrong shape; anything else is a bug.
_RECORD_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class SkippedJob(Exception):
    """A record in a listing that is not a usable job (no title, not an object).

    Internal to the parsers: parse_records turns it into a warning, so it never reaches
    callers (which is why it is not part of the ExtractorError tree).
    """


def parse_records(
    document: Document, records: Iterable[Any], parse_job: JobParser
) -> list[ParsedPosting]:
    """One posting per usable record, in order; unusable records become warnings.

    Every posting carries the warnings about the records that were skipped, so a listing
    with one broken job still yields the others and says what it dropped.

    Raises:
        MalformedInputError: the response holds no usable job at all.
    """
    postings: list[ParsedPosting] = []
    skipped: list[str] = []
    count = 0
    for index, record in enumerate(records, start=1):
        count += 1
        if not isinstance(record, dict):
            skipped.append(f"skipped job #{index}: a {type(record).__name__}, not an object")
            continue
        try:
            postings.append(parse_job(record))
        except SkippedJob as reason:
            skipped.append(f"skipped job #{index}: {reason}")
        except _RECORD_ERRORS as error:
            skipped.append(f"skipped job #{index}: unreadable record ({type(error).__name__})")
    if not postings:
        problem = "; ".join(skipped) if skipped else "the response holds no job records"
        raise MalformedInputError(document.name, f"no usable job in {count} record(s): {problem}")
    for posting in postings:
        posting.warnings.extend(skipped)
    return postings


def list_under(data: Any, *keys: str) -> list[Any] | None:
    """The list held under the first of ``keys`` that holds one, or None."""
    if isinstance(data, dict):
        for key in keys:
            value = data.get(key)
            if isinstance(value, list):
                return value
    return None


def get_str(data: Any, *path: str | int) -> str | None:
    """The string at a nested path, whitespace folded, or None when absent or empty."""
    value = dig(data, *path)
    if not isinstance(value, str):
        return None
    cleaned = clean_inline(value)
    return cleaned or None


def dig(data: Any, *path: str | int) -> Any:
    """The value at a nested path of dict keys and list indexes, or None."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and -len(data) <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def company_name(value: Any) -> str | None:
    """The employer's name as commonly written (legal form dropped), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return normalize_company(value)


def require_title(record: dict[str, Any], *keys: str) -> str:
    """The job's title from the first key that holds one.

    Raises:
        SkippedJob: no key holds a non-empty string.
    """
    for key in keys:
        title = get_str(record, key)
        if title:
            return title
    raise SkippedJob(f"no title (looked for {', '.join(keys)})")


def readable(value: Any) -> str:
    """Readable text from an HTML or plain-text field; empty for anything else."""
    if not isinstance(value, str) or not value.strip():
        return ""
    if looks_like_html(value):
        return html_to_text(value)
    return clean_block(unescape_entities(value))


def compose_text(title: str, blocks: Iterable[tuple[str | None, str]]) -> str:
    """The posting text: the title, a blank line, then each block under its heading."""
    parts = [title]
    for heading, body in blocks:
        if not body.strip():
            continue
        parts.append(f"## {heading}\n{body}" if heading else body)
    return "\n\n".join(parts)


def html_list_items(markup: Any) -> list[str]:
    """The text of each ``<li>`` in an HTML fragment, in order, skipping empty ones."""
    if not isinstance(markup, str) or "<li" not in markup.lower():
        return []
    try:
        root = lxml.html.fromstring(f"<ul>{markup}</ul>", parser=etree.HTMLParser())
    except (etree.ParserError, ValueError):
        return []
    # element_text renders an <li> as a "- " bullet; the item is what follows it.
    items = [clean_inline(element_text(li)).removeprefix("- ") for li in root.iter("li")]
    return [item for item in items if item.strip(" -")]


# Headings that say plainly which list they open; a heading that says nothing this clear
# ("What We Value", "The Team") is left for the rules, which read the text.
_SECTION_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "nice_to_have",
        re.compile(
            r"\b(nice[- ]to[- ]haves?|bonus(?: points)?|preferred|desired|pluses|"
            r"would be (?:a plus|great|nice))\b",
            re.I,
        ),
    ),
    (
        "benefits",
        re.compile(
            r"\b(benefits|perks|what we offer|we offer|compensation (?:&|and) benefits)\b", re.I
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"\b(responsibilit(?:y|ies)|what you(?:'|’)?ll do|what you will do|"
            r"your (?:role|tasks|mission)|duties|day[- ]to[- ]day|in this role,? you will)\b",
            re.I,
        ),
    ),
    (
        "requirements",
        re.compile(
            r"\b(requirements?|qualifications|what we(?:'|’)?re looking for|"
            r"what we are looking for|what you(?:'|’)?ll need|what you will need|"
            r"what we require|must[- ]haves?|who you are|you have|about you|skills)\b",
            re.I,
        ),
    ),
)


def section_field(heading: str) -> str | None:
    """The list field a heading clearly opens, or None when it says nothing that clear."""
    for name, pattern in _SECTION_HEADINGS:
        if pattern.search(heading):
            return name
    return None


def add_section_lists(posting: ParsedPosting, sections: Iterable[tuple[str, list[str]]]) -> None:
    """Propose list fields from (heading, items) pairs whose heading is unambiguous."""
    gathered: dict[str, list[str]] = {}
    for heading, items in sections:
        name = section_field(heading)
        if name and items:
            gathered.setdefault(name, []).extend(items)
    for name, items in gathered.items():
        posting.add(name, items)


_WORKPLACE: dict[str, str] = {
    "remote": "remote",
    "fully remote": "remote",
    "telecommute": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on site": "onsite",
    "in office": "onsite",
    "office": "onsite",
    "in person": "onsite",
}


def normalize_workplace(value: Any) -> str | None:
    """onsite, hybrid or remote from an ATS's workplace value ("OnSite", "on-site", ...)."""
    if not isinstance(value, str):
        return None
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value.strip())
    folded = re.sub(r"[\s_\-]+", " ", spaced).casefold()
    return _WORKPLACE.get(folded)


def remote_region(value: Any) -> str | None:
    """The SPEC remote region a label names exactly ("Europe", "north america"), or None."""
    if not isinstance(value, str):
        return None
    folded = clean_inline(value).casefold()
    for region in REMOTE_REGIONS:
        if region.casefold() == folded:
            return region
    return None


def make_location(city: Any = None, region: Any = None, country: Any = None) -> Location | None:
    """A Location from parts (country as a code or a name), or None when nothing is known."""
    city_text = clean_inline(city) if isinstance(city, str) else ""
    region_text = clean_inline(region) if isinstance(region, str) else ""
    code = to_country_code(country)
    if not (city_text or region_text or code):
        return None
    return Location(city=city_text or None, region=region_text or None, country=code)


def add_locations(posting: ParsedPosting, places: Iterable[Location | None]) -> None:
    """Propose the distinct places found, in order."""
    unique: list[Location] = []
    for place in places:
        if place is not None and place not in unique:
            unique.append(place)
    posting.add("locations", unique)


def read_places(texts: Iterable[Any], country_hint: Any = None) -> ParsedLocation:
    """read_place over several location strings, merged: every place and region, once."""
    places: list[Location] = []
    regions: list[str] = []
    remote = hybrid = False
    for text in texts:
        parsed = read_place(text, country_hint)
        places.extend(p for p in parsed.locations if p not in places)
        regions.extend(r for r in parsed.remote_regions if r not in regions)
        remote, hybrid = remote or parsed.remote, hybrid or parsed.hybrid
    return ParsedLocation(places, remote, regions, hybrid)


def strip_location_suffix(title: str, places: Iterable[Location]) -> str:
    """A title without a trailing " - <place>" that names one of the job's own places.

    ATS titles often end with the location ("Accountant (f/m/d) - Berlin, Germany"); SPEC
    keeps location markers out of the title. The suffix goes only when it names the city,
    the region or the country of a place the record gives, so "Engineer - Platform" stays.
    """
    head, sep, tail = title.rpartition(" - ")
    if not sep or not head.strip():
        return title
    names: set[str] = set()
    for place in places:
        names.update(n.casefold() for n in (place.city, place.region) if n)
        if place.country:
            names.add(place.country.casefold())
            english = country_name(place.country)
            if english:
                names.add(english.casefold())
    words = {w for w in re.split(r"[\s,/()]+", tail.casefold()) if w}
    joined = tail.casefold()
    if any(name in words or (" " in name and name in joined) for name in names):
        return head.strip()
    return title


def read_place(text: Any, country_hint: Any = None) -> ParsedLocation:
    """What an ATS location string says, with the record's own country filling the gaps.

    "Remote, Italy" is remote from Italy (no place, remote region "IT"); "New York, New York"
    with the record's country "US" is New York, New York, US.
    """
    if not isinstance(text, str) or not text.strip():
        return ParsedLocation()
    parsed = parse_location(text)
    hint = to_country_code(country_hint)
    if not hint:
        return parsed
    places = [p if p.country else p.model_copy(update={"country": hint}) for p in parsed.locations]
    return replace(parsed, locations=places)


# A trailing workplace marker: "(Remote)", "- Remote (US)", ", Hybrid", "[Remote Eligible]".
_MARKER_TAIL = re.compile(
    r"\s*(?:[-–—|:,/]\s*[(\[]?|[(\[])\s*"
    r"(?:100\s*%\s*|fully\s+)?(?:remote|hybrid|on[- ]?site|in[- ]office|work from home|wfh)"
    r"(?:[\s-]+(?:eligible|friendly|first|only|possible|ok))?"
    r"(?P<rest>.{0,40}?)[)\]]?\s*$",
    re.I,
)


def strip_workplace_marker(title: str) -> str:
    """A title without a trailing remote, hybrid or on-site marker (SPEC keeps them out).

    The marker may name where ("- Remote (US)", "(Remote, EMEA)"); anything else after it
    ("- Remote Sensing") keeps the title as it is, and so does a title that is only a marker.
    """
    match = _MARKER_TAIL.search(title)
    if not match or match.start() == 0:
        return title
    rest = match.group("rest").strip(" ()[],-–—/:|")
    if rest:
        parsed = parse_location(rest)
        named = parsed.remote_regions or any(p.country for p in parsed.locations)
        if not named or len(rest.split()) > 4:
            return title
    return title[: match.start()].rstrip(" -–—|:,/")
