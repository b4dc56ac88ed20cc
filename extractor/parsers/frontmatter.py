"""Markdown (or HTML) with YAML front matter, as job boards and static careers sites write it.

The YAML is read with the safe, alias-bounded reader. Job-board keys are mapped to posting
fields (title, company, location, remote, pay range, dates, addresses, employment type,
department); tags and hashtags are not, because a board's tags are not evidence of skills.
The body is the description: markdown stays as written, an HTML page is cleaned to text.
Where the body is empty (templates that keep everything in the YAML) the YAML's prose
values become the text.

Front matter from hand-edited templates is often not quite YAML. It is then read key by key:
what parses is kept, what does not is read as text, and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractor.detect import Detection, Format, detect
from extractor.document import Document
from extractor.errors import ExtractorError, MalformedInputError, UnsafeInputError
from extractor.normalize.company import normalize_company
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.locations import location_from_address, parse_location
from extractor.normalize.salary import make_salary, normalize_period, parse_amount
from extractor.normalize.text import clean_block, clean_inline
from extractor.parsers import parser_for
from extractor.parsers.ats_common import strip_workplace_marker
from extractor.parsers.base import ParsedPosting
from extractor.parsers.html import page_text
from extractor.parsers.text import exact_text
from extractor.readers import load_yaml
from extractor.schema import Salary

_SOURCE = Format.FRONTMATTER.value

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
# A top-level key at the start of a line: where a block of the YAML begins.
_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_\"'][^:#\n]*:(?:[ \t]|$)")
_SCHEMA_ORG_FORMATS = frozenset({Format.JSONLD, Format.MICRODATA, Format.RDFA})
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_BODY = re.compile(
    r"\A\s*(?:<!doctype|<html|<head|<body|<div|<section|<article|<main|<p[\s>]|<h[1-6])", re.I
)
# "Login.gov: Data Analyst", "Cloud.gov - Cloud Operations SRE": an organisation written as a
# domain name before the title.
_DOMAIN_PREFIX = re.compile(
    r"^[\w-]+(?:\.[\w-]+)*\.(?:gov|com|org|io|net|co|ai|app|dev|edu)\s*(?::|\s[-–—|])\s+(?=\S)",
    re.I,
)

# A template comment that tells editors to write the title as "Org: Position Title": where it
# is there, the part before the colon is the hiring organisation.
_ORG_TITLE_CONVENTION = re.compile(
    r"^\s*#.*\b(?:org|organi[sz]ation|company)\s*:\s*(?:position\s+|job\s+)?title\b",
    re.I | re.M,
)
_ORG_TITLE = re.compile(r"^(?P<org>[^:]{2,80}?):\s+(?P<title>\S.*)$")

# Folded key names (lower case, no "_", "-" or spaces) for each posting field.
_TITLE_KEYS = ("title", "jobtitle", "position", "positiontitle", "role")
_COMPANY_KEYS = ("company", "companyname", "organization", "organisation", "employer")
_LOCATION_KEYS = ("location", "locations", "joblocation")
_REMOTE_KEYS = ("remote", "isremote")
_SALARY_KEYS = ("salary", "compensation", "payrange")
_SALARY_MIN_KEYS = ("minpayrange", "salarymin", "minsalary", "salaryfrom")
_SALARY_MAX_KEYS = ("maxpayrange", "salarymax", "maxsalary", "salaryto")
_CURRENCY_KEYS = ("currency", "salarycurrency")
_PERIOD_KEYS = ("salaryperiod", "payperiod", "salaryinterval")
_POSTED_KEYS = (
    "timestamp",
    "dateposted",
    "datepublished",
    "date",
    "published",
    "postedat",
    "opens",
)
_CLOSES_KEYS = ("validthrough", "closes", "deadline", "applicationdeadline", "closingdate")
_APPLY_KEYS = ("applyurl", "applicationlink", "applicationurl", "applylink")
_URL_KEYS = ("url", "joburl", "canonicalurl")
_EMPLOYMENT_KEYS = (
    "employmenttype",
    "employment",
    "jobtype",
    "worktype",
    "workschedule",
    "contracttype",
)
_DEPARTMENT_KEYS = ("department", "team")
# Keys whose values are site plumbing, never posting prose.
_PLUMBING_KEYS = frozenset(
    {"layout", "permalink", "tags", "hashtags", "type", "sidebar", "showtitle", "translationkey"}
)


@dataclass
class FrontMatter:
    """What the YAML block held: the values read, blocks read only as text, and warnings."""

    data: dict[str, Any] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    org_in_title: bool = False


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting: the front matter's fields and the body's text.

    Raises:
        UnsafeInputError: the YAML is an alias bomb or nested beyond reason.
        MalformedInputError: the YAML is unreadable, even key by key.
    """
    parts = split_front_matter(document.text)
    if parts is None:
        return [_as_text(document.text, "no closing '---' after the front matter")]
    yaml_text, body = parts
    # YAML refuses control characters; a stray one is not worth losing the front matter.
    yaml_text = exact_text(yaml_text)
    front = read_front_matter(yaml_text, document.name)
    if front is None:
        return [_as_text(document.text, "the front matter is not a mapping of keys to values")]
    front.org_in_title = bool(_ORG_TITLE_CONVENTION.search(yaml_text))
    posting = _posting(front, body)
    posting.warnings[:0] = front.warnings
    if _HTML_BODY.match(body):
        posting = _with_structured_body(posting, document, body)
    return [posting]


def _with_structured_body(posting: ParsedPosting, document: Document, body: str) -> ParsedPosting:
    """The front matter's posting joined with the schema.org JobPosting of an HTML body.

    A rendered page under the front matter may carry JSON-LD, microdata or RDFa; their
    parser reads it, its text becomes the posting's text, and the front matter's values
    come first. A body whose markup cannot be read leaves the front matter's posting as it
    is, with a warning.
    """
    page = Document(name=document.name, text=body, encoding=document.encoding)
    detection = detect(page)
    if detection.format not in _SCHEMA_ORG_FORMATS:
        return posting
    try:
        found = parser_for(detection.format)(page, detection)
    except ExtractorError as error:
        posting.warnings.append(f"the page's {detection.format.value} was not read: {error}")
        return posting
    if len(found) != 1:
        return posting
    (structured,) = found
    joined = ParsedPosting(source=_SOURCE, text=structured.text or posting.text)
    for candidate in posting.candidates:
        joined.add(candidate.field, candidate.value)
    joined.candidates.extend(structured.candidates)
    joined.warnings = [*posting.warnings, *structured.warnings]
    return joined


def split_front_matter(text: str) -> tuple[str, str] | None:
    """The YAML between the opening "---" line and the closing "---" (or "...") line, and the
    body after it; None when the text does not open with a closed front matter block."""
    opening = _OPENING.match(text)
    if not opening:
        return None
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        return None
    return text[opening.end() : closing.start()], text[closing.end() :].lstrip("\r\n")


def read_front_matter(yaml_text: str, source: str) -> FrontMatter | None:
    """The front matter's mapping, or None when it is YAML but not a mapping.

    Raises:
        UnsafeInputError: an alias bomb or nesting beyond reason.
        MalformedInputError: no key can be read at all.
    """
    try:
        data = load_yaml(yaml_text, source)
    except UnsafeInputError:
        raise
    except MalformedInputError as error:
        front = _read_key_by_key(yaml_text, source)
        if not front.data:
            raise
        front.warnings.insert(
            0, f"front matter is not valid YAML ({error.problem}): read key by key"
        )
        return front
    if data is None:
        return FrontMatter()
    if not isinstance(data, dict):
        return None
    return FrontMatter(data={str(key): value for key, value in data.items()})


def _read_key_by_key(yaml_text: str, source: str) -> FrontMatter:
    """Each top-level key's block parsed on its own; blocks that fail are kept as text.

    Raises:
        UnsafeInputError: a block is an alias bomb.
    """
    blocks: list[list[str]] = []
    for line in yaml_text.splitlines():
        if _TOP_LEVEL_KEY.match(line):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
    front = FrontMatter()
    for lines in blocks:
        key = lines[0].split(":", 1)[0].strip().strip("\"'")
        try:
            value = load_yaml("\n".join(lines), source)
        except UnsafeInputError:
            raise
        except MalformedInputError:
            front.unreadable[key] = _block_as_text(lines)
            front.warnings.append(f"front matter key {key!r} is not valid YAML: read as text")
            continue
        if isinstance(value, dict):
            front.data.update({str(k): v for k, v in value.items()})
    return front


def _block_as_text(lines: list[str]) -> str:
    """A broken block's words: comments, the key and YAML markers dropped, bullets kept."""
    kept: list[str] = []
    first = re.sub(r"^[^:]*:\s*[|>]?[-+]?\s*", "", lines[0])
    for line in [first, *lines[1:]]:
        stripped = line.strip()
        if not stripped:
            kept.append("")  # a paragraph break
            continue
        if stripped.startswith("#") or re.fullmatch(r"\w+:", stripped):
            continue
        stripped = re.sub(r"^-\s+\w+:\s*", "- ", stripped)
        kept.append(stripped)
    return clean_block("\n".join(kept))


def _as_text(text: str, reason: str) -> ParsedPosting:
    posting = ParsedPosting(source=Format.MARKDOWN.value, text=exact_text(text))
    posting.warnings.append(f"front matter ignored ({reason}): read as markdown")
    return posting


def _posting(front: FrontMatter, body: str) -> ParsedPosting:
    values = {_fold(key): value for key, value in front.data.items()}
    posting = ParsedPosting(source=_SOURCE)
    title = _title(_first(values, _TITLE_KEYS))
    org = None
    split = _ORG_TITLE.match(title) if title and front.org_in_title else None
    if split:
        title, org = split["title"].strip(), split["org"].strip()
    elif title:
        title = _DOMAIN_PREFIX.sub("", title) or title
    location = _first(values, _LOCATION_KEYS)
    salary_text = _first(values, _SALARY_KEYS) or _range_text(values)
    posting.text = _text(title, location, salary_text, front, _body_text(body))
    posting.add("title", title)
    company = _first(values, _COMPANY_KEYS)
    if isinstance(company, dict):  # company: {name: ..., url: ...}
        company = company.get("name")
    company = company or org
    posting.add("company", normalize_company(company) if isinstance(company, str) else None)
    posting.add("department", _string(_first(values, _DEPARTMENT_KEYS)))
    _add_place(posting, location, _first(values, _REMOTE_KEYS))
    posting.add("salary", _salary(values))
    posting.add("date_posted", normalize_date(_first(values, _POSTED_KEYS)))
    posting.add("valid_through", normalize_date(_first(values, _CLOSES_KEYS)))
    posting.add("url", _web_address(_first(values, _URL_KEYS)))
    posting.add("apply_url", _web_address(_first(values, _APPLY_KEYS)))
    posting.add("employment_type", _employment(_first(values, _EMPLOYMENT_KEYS)))
    if values.get("archived") is True or values.get("expired") is True:
        posting.add("status", "closed")
    return posting


def _fold(key: str) -> str:
    return re.sub(r"[\s_\-]+", "", key).casefold()


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = values.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return clean_inline(value)
    return None


def _title(value: Any) -> str | None:
    title = _string(value)
    if title is None or "{{" in title:
        return None
    return strip_workplace_marker(title)


def _range_text(values: dict[str, Any]) -> str | None:
    """ "$ 143,736 - $ 191,900" from separate keys, so the text shows the pay it states."""
    bounds = [_first(values, _SALARY_MIN_KEYS), _first(values, _SALARY_MAX_KEYS)]
    shown = [str(bound).strip() for bound in bounds if bound not in (None, "")]
    return " - ".join(shown) or None


def _body_text(body: str) -> str:
    if _HTML_BODY.match(body):
        return page_text(body)
    # Markdown does not render HTML comments; templates leave instructions in them.
    without_comments = _HTML_COMMENT.sub("", exact_text(body))
    return re.sub(r"\n{3,}", "\n\n", without_comments).strip("\n")


def _text(title: str | None, location: Any, salary: Any, front: FrontMatter, body: str) -> str:
    facts = [
        f"{label}: {clean_inline(value)}"
        for label, value in (("Location", location), ("Salary", salary))
        if isinstance(value, str) and value.strip()
    ]
    prose = "" if body.strip() else _prose(front)
    blocks = [title or "", "\n".join(facts), prose, body]
    return "\n\n".join(block for block in blocks if block.strip())


def _prose(front: FrontMatter) -> str:
    """The YAML's prose values as markdown, for a posting whose body is empty."""
    sections: list[str] = []
    for key, value in front.data.items():
        if _fold(key) in _PLUMBING_KEYS:
            continue
        rendered = _render(value)
        if rendered and len(rendered.split()) >= 6:
            sections.append(f"## {key.replace('_', ' ').capitalize()}\n\n{rendered}")
    for key, raw in front.unreadable.items():
        if raw:
            sections.append(f"## {key.replace('_', ' ').capitalize()}\n\n{raw}")
    return "\n\n".join(sections)


def _render(value: Any) -> str:
    if isinstance(value, str):
        return "" if "{{" in value or re.match(r"https?://\S+$", value) else clean_block(value)
    if isinstance(value, list):
        lines: list[str] = []
        for item in value:
            if isinstance(item, str) and item.strip():
                lines.append(f"- {clean_inline(item)}")
            elif isinstance(item, dict):
                heading = _string(item.get("title"))
                if heading:
                    lines.append(f"### {heading}")
                items = item.get("items")
                if isinstance(items, list):
                    lines.extend(f"- {clean_inline(x)}" for x in items if isinstance(x, str))
        return "\n".join(lines)
    return ""


def _add_place(posting: ParsedPosting, location: Any, remote: Any) -> None:
    """Places from a location string, a list of them, or a mapping of address parts."""
    texts = [location] if isinstance(location, str) else location
    if isinstance(location, dict):
        place = location_from_address(
            {
                "addressLocality": location.get("city") or location.get("locality"),
                "addressRegion": location.get("region") or location.get("state"),
                "addressCountry": location.get("country"),
            }
        )
        posting.add("locations", [place] if place else [])
    elif isinstance(texts, list):
        places = [parse_location(text) for text in texts if isinstance(text, str)]
        posting.add("locations", [loc for place in places for loc in place.locations])
        if any(place.remote for place in places):
            posting.add("workplace_type", "remote")
        elif any(place.hybrid for place in places):
            posting.add("workplace_type", "hybrid")
        posting.add(
            "remote_eligibility",
            list(dict.fromkeys(r for place in places for r in place.remote_regions)),
        )
    if remote is True or (isinstance(remote, str) and remote.strip().casefold() in ("yes", "true")):
        posting.add("workplace_type", "remote")


def _salary(values: dict[str, Any]) -> Salary | None:
    """A pay range from separate minimum, maximum and period keys.

    Without a period key the range is left to the salary rule, which reads it from the
    "Salary:" line of the text and applies SPEC's convention for figures with no period
    in one place; a free-text salary is the rule's too.
    """
    period = normalize_period(_first(values, _PERIOD_KEYS))
    low_value, high_value = _first(values, _SALARY_MIN_KEYS), _first(values, _SALARY_MAX_KEYS)
    low, high = parse_amount(low_value), parse_amount(high_value)
    if period is None or (low is None and high is None):
        return None
    currency = to_currency_code(_first(values, _CURRENCY_KEYS)) or _currency_in(
        f"{low_value} {high_value}"
    )
    return make_salary(low, high, currency, period)


def _currency_in(text: str) -> str | None:
    """The currency that an amount string writes beside its figure ("$ 143,736")."""
    for token in re.findall(r"[A-Z]{3}|[^\w\s.,'’]+", text):
        code = to_currency_code(token)
        if code:
            return code
    return None


def _employment(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.strip().rstrip(".")
    return normalize_employment_type(value)


def _web_address(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"(?:https?://|mailto:)\S+$", value.strip()):
        return value.strip()
    return None
