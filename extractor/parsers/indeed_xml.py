"""Indeed-style XML feeds (``<source><job>...</job></source>``): one posting per ``<job>``.

Feeds in the wild are often not well-formed, so the feed is read with the recovering XML
reader and every job that survives is kept, with a warning. The feed's ``<publisher>`` is
the board or agency that publishes it, never the employer: a ``<company>`` that only repeats
it is dropped. Free-text ``<salary>``, ``<experience>`` and ``<education>`` go into the text
for the rules to read; only the structured ``salary_min``/``salary_max`` elements are read
here.
"""

from __future__ import annotations

import re

from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.normalize.company import normalize_company
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.locations import location_from_address, parse_location
from extractor.normalize.salary import make_salary, normalize_period, parse_amount
from extractor.normalize.text import clean_inline
from extractor.parsers.ats_common import strip_workplace_marker
from extractor.parsers.base import ParsedPosting
from extractor.parsers.html import page_text
from extractor.readers import local_name, parse_xml, xml_text
from extractor.schema import Salary

_SOURCE = Format.INDEED_XML.value

# Values feeds put where they have nothing: "N/A", "-", and "No <element>" ("No Postal Code"
# in <postalcode>), which only counts where it names its own element, so that a title such
# as "No Code Developer" stays.
_PLACEHOLDER = re.compile(r"^(?:none|n/?a|null|undefined|tbd|-+)$", re.I)
_NO_SUCH = re.compile(r"^no\s+(\w+)(?:\s+\w+)?$", re.I)
# Free-text elements the rules read from the text, in the order they are written there.
_TEXT_ELEMENTS = (("salary", "Salary"), ("experience", "Experience"), ("education", "Education"))
# Japanese boards open a title with a bracketed promotion and close it with the pay:
# "【2027年2月新規オープン】施設長｜年俸500〜600万".
_PROMO_PREFIX = re.compile(r"^\s*【[^】]*】\s*")
_PAY_SUFFIX = re.compile(r"\s*[｜|]\s*[^｜|]*\d[^｜|]*(?:円|万)[^｜|]*$")


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per ``<job>`` that has a title.

    Raises:
        UnsafeInputError: the feed declares XML entities.
        MalformedInputError: nothing readable, or no ``<job>`` with a title.
    """
    root, warnings = parse_xml(document.text, document.name)
    publisher = _first_text(root, "publisher")
    postings: list[ParsedPosting] = []
    skipped: list[str] = []
    jobs = [element for element in root.iter() if local_name(element) == "job"]
    for index, job in enumerate(jobs, start=1):
        fields = _fields(job)
        if not fields.get("title"):
            skipped.append(f"skipped job #{index}: it has no title")
            continue
        postings.append(_posting(fields, publisher))
    if not postings:
        raise MalformedInputError(document.name, f"no <job> with a title among {len(jobs)}")
    for posting in postings:
        posting.warnings[:0] = [*warnings, *skipped]
    return postings


def _first_text(root: etree._Element, name: str) -> str:
    for element in root.iter():
        if local_name(element) == name:
            return clean_inline(xml_text(element))
    return ""


def _fields(job: etree._Element, fields: dict[str, str] | None = None) -> dict[str, str]:
    """Each child element's text by lower-cased name; the first non-placeholder value wins.

    A child that only groups others (``<location><city>...</city></location>``) gives its
    children's values under their own names.
    """
    fields = {} if fields is None else fields
    for child in job:
        name = local_name(child)
        if not name or name in fields:
            continue
        if name != "description" and len(child) and not (child.text or "").strip():
            _fields(child, fields)
            continue
        value = xml_text(child)
        if name != "description":
            value = clean_inline(value)
        if value and not _is_placeholder(name, value):
            fields[name] = value
    return fields


def _is_placeholder(name: str, value: str) -> bool:
    if _PLACEHOLDER.match(value):
        return True
    no_such = _NO_SUCH.match(value)
    return bool(no_such and no_such.group(1).casefold() in name)


def _posting(fields: dict[str, str], publisher: str) -> ParsedPosting:
    posting = ParsedPosting(source=_SOURCE)
    title = _clean_title(fields["title"], fields.get("city"))
    posting.text = _text(title, fields)
    posting.add("title", title)
    _add_company(posting, fields.get("company"), publisher)
    _add_place(posting, fields)
    posting.add("date_posted", normalize_date(_date_field(fields)))
    posting.add("valid_through", normalize_date(fields.get("expiration_date")))
    posting.add("url", _web_address(fields.get("url")))
    posting.add("apply_url", _web_address(fields.get("applyurl") or fields.get("apply_url")))
    posting.add("employment_type", normalize_employment_type(fields.get("jobtype")))
    posting.add("salary", _salary(fields))
    return posting


def _clean_title(title: str, city: str | None) -> str:
    """The title without a trailing " - <city>, <state>", a workplace marker ("(Remote)"), or
    a Japanese board's promotion and pay wrapper."""
    cleaned = strip_workplace_marker(_PAY_SUFFIX.sub("", _PROMO_PREFIX.sub("", title)).strip())
    if city:
        # "Bilingual Resident Services Specialist - Sandy Springs, GA": the job's own city.
        suffix = re.compile(rf"\s+[-–—|]\s+{re.escape(city)}(?:,\s*[\w .]+)?$", re.I)
        cleaned = suffix.sub("", cleaned).strip()
    return cleaned or title


def _text(title: str, fields: dict[str, str]) -> str:
    lines = [f"{label}: {fields[name]}" for name, label in _TEXT_ELEMENTS if fields.get(name)]
    description = page_text(fields.get("description", ""))
    blocks = [title, "\n".join(lines), description]
    return "\n\n".join(block for block in blocks if block)


def _add_company(posting: ParsedPosting, company: str | None, publisher: str) -> None:
    if not company:
        return
    if publisher and company.casefold() == publisher.casefold():
        posting.warnings.append(
            f"company {company!r} is the feed's publisher, not the employer: left empty"
        )
        return
    posting.add("company", normalize_company(company))


def _add_place(posting: ParsedPosting, fields: dict[str, str]) -> None:
    city = fields.get("city")
    region = fields.get("state")
    if region and city and region.casefold() == city.casefold():
        region = None  # "Athens" as city and state: the feed copied the city
    location = location_from_address(
        {"addressLocality": city, "addressRegion": region, "addressCountry": fields.get("country")}
    )
    if location is not None:
        posting.add("locations", [location])
    workplace = _workplace(fields.get("remotetype") or fields.get("remote"))
    posting.add("workplace_type", workplace)
    country_text = fields.get("country")
    if workplace == "remote" and country_text and location is None:
        # A remote job whose "country" is a region ("European Union"): where applicants live.
        posting.add("remote_eligibility", parse_location(country_text).remote_regions)


def _workplace(value: str | None) -> str | None:
    if not value:
        return None
    folded = value.casefold()
    if "hybrid" in folded:
        return "hybrid"
    if "telecommute" in folded or "remote" in folded:
        return "remote"
    if re.search(r"on[\s-]?site|in[\s-]?office", folded):
        return "onsite"
    return None


def _date_field(fields: dict[str, str]) -> str | None:
    for name in ("date", "dateposted", "date_posted", "posted_at", "pubdate"):
        if fields.get(name):
            return fields[name]
    return None


def _web_address(value: str | None) -> str | None:
    if value and re.match(r"https?://\S+$", value):
        return value
    return None


def _salary(fields: dict[str, str]) -> Salary | None:
    """The structured salary elements, where the feed has them; free text is for the rules."""
    low = parse_amount(fields.get("salary_min"))
    high = parse_amount(fields.get("salary_max"))
    if low is None and high is None:
        return None
    return make_salary(
        low,
        high,
        to_currency_code(fields.get("salary_currency")),
        normalize_period(fields.get("salary_schedule") or fields.get("salary_period")),
    )
