"""One schema.org JobPosting node into a ParsedPosting, whichever syntax carried it.

JSON-LD, microdata and RDFa each build the same plain dict (property -> value or list of
values, nested nodes as dicts) and hand it here, so the mapping from schema.org's
properties to SPEC's fields lives in one place. Only what a property clearly states is
proposed: free-text salaries, experience and education sentences are left in the text for
the rules to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import lxml.html
from lxml import etree

from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.normalize.company import normalize_company
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.html import html_to_text, looks_like_html
from extractor.normalize.locations import (
    location_from_address,
    parse_location,
    remote_region,
)
from extractor.normalize.salary import salary_from_schema_org
from extractor.normalize.text import (
    clean_block,
    clean_inline,
    is_double_escaped_html,
    unescape_entities,
)
from extractor.parsers.base import ParsedPosting
from extractor.rules.prefilter import could_match, folded, required_words
from extractor.schema import ExperienceYears, Location, Salary

# dict first: JSON gives dicts, and isinstance stops there before the slower ABC check.
_MAPPING = (dict, Mapping)

DOUBLE_ESCAPED_WARNING = "description was HTML-escaped twice; decoded it before reading"

# Textual properties appended to the posting text under a heading when the description
# does not already hold them, so the rules and the model can read them too.
_SECTION_PROPERTIES = (
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Qualifications"),
    ("experienceRequirements", "Experience"),
    ("educationRequirements", "Education"),
    ("skills", "Skills"),
    ("jobBenefits", "Benefits"),
    ("incentiveCompensation", "Incentives"),
)

# Google's credentialCategory values, and the spellings sites use for them.
_CREDENTIALS: dict[str, str] = {
    "high school": "high_school",
    "associate degree": "associate",
    "bachelor degree": "bachelor",
    "bachelor's degree": "bachelor",
    "bachelors degree": "bachelor",
    "postgraduate degree": "master",
    "master degree": "master",
    "master's degree": "master",
    "doctorate": "doctorate",
    "doctoral degree": "doctorate",
}
_EDUCATION_ORDER = ("none", "high_school", "associate", "bachelor", "master", "doctorate")

_REMOTE_WORDS = (
    r"remote(?:[\s-](?:eligible|first|friendly|only|ok|possible))?|fully\s+remote|100\s*%\s*remote"
    r"|hybrid|on-?site|wfh|work\s+from\s+home|t[ée]l[ée]travail|remoto|home\s*office"
)
_TITLE_MARKER = re.compile(rf"\s*[(\[【]\s*(?:{_REMOTE_WORDS})\b[^)\]】]*[)\]】]", re.IGNORECASE)
_TITLE_TRAILING_REMOTE = re.compile(rf"\s*[-–—|,/:]\s*(?:{_REMOTE_WORDS})\s*$", re.IGNORECASE)
_TITLE_LEADING_BRACKET = re.compile(r"^\s*[\[【(]([^\]】)]{1,40})[\]】)]\s*")
_COMPANY_JOINER = r"\s*(?:[-–—|:·]|诚聘|招聘|is\s+hiring(?:\s+an?)?|hiring|sucht|recrute|busca)\s*"

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+(?=\S)")
_LIST_COMMA = re.compile(r"(?<!\d),\s*|,(?!\d)\s*|、")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–]|\d+[.)])\s+")

# How agencies say that they post for someone else, in the languages we read.
_AGENCY_FOR_CLIENT = re.compile(
    r"\b(?:our|my)\s+client\b|\bon\s+behalf\s+of\s+(?:our|a|one\s+of\s+our)\s+clients?\b"
    r"|\bacting\s+as\s+an\s+employment\s+(?:business|agency)\b"
    r"|\b(?:unser(?:es|em|en)?|für\s+einen)\s+(?:Kunden|Mandanten)\b|\bnotre\s+client\b"
    r"|\bnuestro\s+cliente\b|\bnostro\s+cliente\b|\bnosso\s+cliente\b",
    re.IGNORECASE,
)


_AGENCY_WORDS = required_words(_AGENCY_FOR_CLIENT)


def _names_a_client(text: str) -> bool:
    """_AGENCY_FOR_CLIENT's verdict; the regex (0.1 ms on a posting) runs only when the text
    holds a word that each of its branches needs."""
    return could_match(_AGENCY_WORDS, folded(text)) and bool(_AGENCY_FOR_CLIENT.search(text))


_APPLY_WORDS = re.compile(
    r"\bapply|\bapplication|\bpostul|\bcandidat|\bbewerb|\binscrib|\baplicar|\bsolicitar"
    r"|\bsend\s+(?:us\s+)?your\s+(?:cv|resume|résumé)|\benv[ií]a(?:nos)?\s+tu\s+cv"
    r"|応募|申请|投递|откликн",
    re.IGNORECASE,
)

_PERIOD_WORDS: dict[str, re.Pattern[str]] = {
    "YEAR": re.compile(
        r"per\s+(?:year|annum)|a\s+year|/\s*(?:year|yr|an|jahr)\b|\byearly|\bannual|p\.\s?a\."
        r"|\bjahr|jährlich|\bpar\s+an\b|\bannuel|\bal\s+año|\banual|年収|年俸",
        re.IGNORECASE,
    ),
    "MONTH": re.compile(
        r"per\s+month|a\s+month|/\s*(?:month|mo|monat|mois|mes)\b|\bmonthly|\bmonat|\bpar\s+mois"
        r"|\bmensuel|\bal\s+mes|\bmensual|月給|月額",
        re.IGNORECASE,
    ),
    "HOUR": re.compile(
        r"per\s+hour|an\s+hour|/\s*(?:hour|hr|h|stunde)\b|\bhourly|\bstunde|stündlich"
        r"|\bde\s+l'heure|\bpar\s+heure|\bpor\s+hora|時給",
        re.IGNORECASE,
    ),
}


def posting_from_node(
    node: Mapping[str, Any], source: str, *, text: str | None = None
) -> ParsedPosting:
    """Map one JobPosting node to a posting with structured candidates.

    ``text`` is the posting's readable text where the syntax has one of its own (the
    microdata or RDFa element); without it the text is the title, a blank line, and the
    description, followed by the node's other textual properties.
    """
    props: dict[str, Any] = _local_keys(dict(node))
    posting = ParsedPosting(source=source)
    company = _company(props)
    raw_title = _string(props.get("title")) or _string(props.get("name"))
    locations = _locations(props)
    title = _clean_title(raw_title, company, props, locations) if raw_title else None
    if text is None:
        text = _node_text(raw_title or "", props, posting.warnings)
    elif is_double_escaped_html(_joined(props.get("description"))):
        posting.warnings.append(DOUBLE_ESCAPED_WARNING)
    posting.text = text  # set first: .add() looks each value up in it for its span

    posting.add("title", title)
    if company and _names_a_client(text):
        # SPEC: never the recruitment agency; the client it posts for goes unnamed here.
        posting.warnings.append(
            f"hiringOrganization {company!r} posts for a client it does not name; "
            "company left empty"
        )
    else:
        posting.add("company", company)
    posting.add("department", _string(props.get("department")))
    posting.add("locations", locations)
    remote = _is_remote(props)
    if remote:
        posting.add("workplace_type", "remote")
        posting.add("remote_eligibility", _eligibility(props))
    posting.add("employment_type", normalize_employment_type(_strings(props.get("employmentType"))))
    posting.add("salary", _salary(props.get("baseSalary"), props.get("salaryCurrency"), text))
    posting.add("salary_estimate", _salary(props.get("estimatedSalary"), None, None))
    posting.add("experience_years", _experience(props.get("experienceRequirements")))
    posting.add("education", _education(props.get("educationRequirements")))
    posting.add("skills", _skills(props.get("skills")))
    posting.add("date_posted", normalize_date(_scalar(props.get("datePosted"))))
    posting.add("valid_through", normalize_date(_scalar(props.get("validThrough"))))
    posting.add("url", _url(props.get("url")))
    posting.add("apply_url", _apply_url(props))
    posting.add("responsibilities", list_items(props.get("responsibilities")))
    posting.add("requirements", list_items(props.get("qualifications")))
    benefits = list_items(props.get("jobBenefits")) + list_items(props.get("incentiveCompensation"))
    posting.add("benefits", list(dict.fromkeys(benefits)))
    return posting


def is_job_posting(node: object) -> bool:
    """True for a node whose @type (a string or a list) names JobPosting."""
    if not isinstance(node, _MAPPING):
        return False
    kinds = node.get("@type", node.get("type"))
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and _local(kind) == "JobPosting" for kind in names)


# --- values ---------------------------------------------------------------------------------


def _local(key: str) -> str:
    """The property name without a vocabulary: "schema:title", "http://schema.org/title"."""
    if key.startswith("@"):
        return key
    # What follows the last "/", "#" or ":" (the whole key without one), without a regex.
    return key[max(key.rfind("/"), key.rfind("#"), key.rfind(":")) + 1 :]


def _local_keys(value: Any) -> Any:
    if isinstance(value, _MAPPING):
        return {_local(str(key)): _local_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_local_keys(item) for item in value]
    return value


def _scalar(value: Any) -> Any:
    """The first value of a list, unwrapping JSON-LD value objects ({"@value": ...})."""
    if isinstance(value, list):
        value = next((item for item in value if item not in (None, "", [], {})), None)
    if isinstance(value, _MAPPING) and "@value" in value:
        value = value["@value"]
    return value


def _string(value: Any) -> str | None:
    value = _scalar(value)
    if isinstance(value, _MAPPING):
        value = value.get("name")
        value = _scalar(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    cleaned = clean_inline(value)
    return cleaned or None


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    found = [_string(item) for item in items]
    return [item for item in found if item]


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(_joined(item) for item in value)
    value = _scalar(value)
    return value if isinstance(value, str) else ""


def _nodes(value: Any) -> list[Any]:
    return [item for item in (value if isinstance(value, list) else [value]) if item]


# --- text -----------------------------------------------------------------------------------


@lru_cache(maxsize=8)  # JSON-LD reads a description twice: to judge it a stub, then as text
def readable(markup: str) -> str:
    """Text from a property that may hold HTML, escaped HTML, entities or plain text."""
    if looks_like_html(markup):
        return html_to_text(markup)
    return clean_block(unescape_entities(markup))


def _node_text(title: str, props: Mapping[str, Any], warnings: list[str]) -> str:
    description = _joined(props.get("description"))
    if is_double_escaped_html(description):
        warnings.append(DOUBLE_ESCAPED_WARNING)
    body = readable(description) if description else ""
    parts = [part for part in (title, body) if part]
    for prop, heading in _SECTION_PROPERTIES:
        items = list_items(props.get(prop))
        missing = [item for item in items if item not in body]
        if missing:
            parts.append(f"## {heading}\n" + "\n".join(f"- {item}" for item in missing))
    return "\n\n".join(parts)


def list_items(value: Any) -> list[str]:
    """Items of a list property: a list, bullets in HTML or text, sentences, or a comma list.

    Nodes (an EducationalOccupationalCredential, a DefinedTerm) give their name or
    description; numbers and other shapes give nothing.
    """
    if isinstance(value, list):
        items: list[str] = []
        for item in value:
            items.extend(list_items(item))
        return list(dict.fromkeys(items))
    value = _scalar(value)
    if isinstance(value, _MAPPING):
        value = _scalar(value.get("name")) or _scalar(value.get("description"))
    if not isinstance(value, str) or not value.strip():
        return []
    text = readable(value)
    lines = [line for line in text.split("\n") if line.strip()]
    bullets = [_BULLET.sub("", line).strip() for line in lines if _BULLET.match(line)]
    if bullets:
        return bullets
    if len(lines) > 1:
        return [line.strip() for line in lines if not line.startswith("#")]
    return _split_line(lines[0].strip()) if lines else []


def _split_line(line: str) -> list[str]:
    if "; " in line:
        return [part.strip() for part in line.split(";") if part.strip()]
    sentences = [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    if len(sentences) > 1:
        return sentences
    pieces = [piece.strip() for piece in _LIST_COMMA.split(line) if piece.strip()]
    if len(pieces) > 1 and all(len(piece.split()) <= 6 for piece in pieces):
        return pieces
    return [line]


# --- fields ---------------------------------------------------------------------------------


def _company(props: Mapping[str, Any]) -> str | None:
    name = _string(props.get("hiringOrganization"))
    return normalize_company(name) if name else None


def _clean_title(
    title: str, company: str | None, props: Mapping[str, Any], locations: list[Location]
) -> str | None:
    """The title without remote markers, a leading location tag, or the company's name."""
    cleaned = _TITLE_MARKER.sub("", title)
    cleaned = _TITLE_TRAILING_REMOTE.sub("", cleaned).strip()
    places = {
        part.casefold()
        for location in locations
        for part in (location.city, location.region)
        if part
    }
    match = _TITLE_LEADING_BRACKET.match(cleaned)
    if match:
        inside = match.group(1).strip()
        if inside.casefold() in places or parse_location(inside).remote:
            cleaned = cleaned[match.end() :]
    for place in places:
        # "Barista - Köln", "Barista (Köln)": the job's own place, confirmed by jobLocation.
        escaped = re.escape(place)
        cleaned = re.sub(rf"\s*[-–—|,@]\s*{escaped}$", "", cleaned, flags=re.IGNORECASE)
        cleaned = re.sub(rf"\s*[(\[]\s*{escaped}\s*[)\]]", "", cleaned, flags=re.IGNORECASE)
    raw_company = _string(props.get("hiringOrganization"))
    for name in dict.fromkeys(n for n in (raw_company, company) if n):
        escaped = re.escape(name)
        cleaned = re.sub(rf"^{escaped}{_COMPANY_JOINER}", "", cleaned, flags=re.IGNORECASE)
        cleaned = re.sub(rf"\s*(?:[-–—|@]|\bat\b)\s*{escaped}$", "", cleaned, flags=re.I)
    cleaned = cleaned.strip(" -–—|:")
    return cleaned or title


def _locations(props: Mapping[str, Any]) -> list[Location]:
    found: list[Location] = []
    for place in _nodes(props.get("jobLocation")):
        for location in _place_locations(place):
            if location not in found:
                found.append(location)
    return found


def _place_locations(place: Any) -> list[Location]:
    if isinstance(place, str):
        return parse_location(place).locations
    if not isinstance(place, _MAPPING):
        return []
    addresses = _nodes(place.get("address"))
    found: list[Location] = []
    for address in addresses:
        if isinstance(address, str):
            found.extend(parse_location(address).locations)
        else:
            location = location_from_address(address)
            if location:
                found.append(location)
    if not addresses and "addressLocality" in place:
        location = location_from_address(place)  # a PostalAddress given as the jobLocation
        if location:
            found.append(location)
    if not found and not addresses:
        # A Place with only a name: trusted only when the name reads as a place with a country.
        name = _string(place.get("name"))
        parsed = parse_location(name) if name else None
        if parsed:
            found.extend(loc for loc in parsed.locations if loc.country)
    return found


def _is_remote(props: Mapping[str, Any]) -> bool:
    kinds = _strings(props.get("jobLocationType"))
    return any("telecommute" in kind.casefold() for kind in kinds)


def _eligibility(props: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for requirement in _nodes(props.get("applicantLocationRequirements")):
        name = _string(requirement)
        if name is None and isinstance(requirement, _MAPPING):
            name = _string(requirement.get("identifier"))
        region = remote_region(name) if name else None
        if region and region not in found:
            found.append(region)
    return found


def _salary(value: Any, currency_hint: Any, text: str | None) -> Salary | None:
    if value is None or value == "" or value == []:
        return None
    salary = salary_from_schema_org(value, _scalar(currency_hint))
    if salary is None or salary.min is None or text is None:
        return salary
    if salary.period is not None and salary.currency is not None:
        return salary
    # The legacy flat form states no period (and some nodes no currency); the line of the
    # text that shows the same figure often does: "52.000 € Jahresbruttogehalt".
    line = _line_with_amount(text, salary.min)
    if line is None:
        return salary
    update: dict[str, str] = {}
    if salary.period is None:
        periods = {name for name, words in _PERIOD_WORDS.items() if words.search(line)}
        if len(periods) == 1:
            update["period"] = periods.pop()
    if salary.currency is None:
        marks = [mark for mark in _CURRENCY_MARK.findall(line) if mark not in _NOT_CURRENCIES]
        currencies = {to_currency_code(mark) for mark in marks}
        currencies.discard(None)
        if len(currencies) == 1:
            update["currency"] = str(currencies.pop())
    return salary.model_copy(update=update) if update else salary


# Capitalised words that are also ISO 4217 codes (Albanian lek, Tongan paʻanga, ...).
_NOT_CURRENCIES = frozenset({"ALL", "TOP", "PEN", "CUP", "MOP", "BAM", "BOB", "LAK", "MAD"})
_CURRENCY_MARK = re.compile(
    r"\b[A-Z]{3}\b|US\$|C\$|A\$|R\$|[$€£¥₹₽₩₪₺₴₸円元]|\bzł|\bKč|\bруб", re.UNICODE
)


def _line_with_amount(text: str, amount: float) -> str | None:
    """The first line of the text that shows this figure ("52.000", "52,000", "52k")."""
    if amount != int(amount) or amount < 1:
        return None
    digits = f"{int(amount):,}".replace(",", "[.,\\s\u00a0\u202f']?")
    forms = [digits]
    if int(amount) % 1000 == 0:
        forms.append(rf"{int(amount) // 1000}\s*[kK]")
    match = re.search(rf"(?<![\d.,])(?:{'|'.join(forms)})(?![\d])", text)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    return text[line_start : line_end if line_end >= 0 else len(text)]


def _experience(value: Any) -> ExperienceYears | None:
    for requirement in _nodes(value):
        if not isinstance(requirement, _MAPPING):
            continue
        months = _scalar(requirement.get("monthsOfExperience"))
        if isinstance(months, str) and re.fullmatch(r"\s*\d+(?:\.0+)?\s*", months):
            months = float(months)
        # Only whole years: "18 months" is not a number of years SPEC can hold.
        is_number = isinstance(months, int | float) and not isinstance(months, bool)
        if is_number and 0 <= months <= 720 and months % 12 == 0:
            return ExperienceYears(min=int(months // 12), max=None)
    return None


def _education(value: Any) -> str | None:
    found: list[str] = []
    for requirement in _nodes(value):
        category: Any = requirement
        if isinstance(requirement, _MAPPING):
            category = requirement.get("credentialCategory")
            if isinstance(category, _MAPPING):
                category = category.get("name") or category.get("termCode")
        for name in _strings(category):
            level = _CREDENTIALS.get(name.casefold())
            if level:
                found.append(level)
    return min(found, key=_EDUCATION_ORDER.index) if found else None


def _skills(value: Any) -> list[str]:
    """Skill names the node lists; sentences that merely mention skills are left to the rules."""
    names: list[str] = []
    for item in _nodes(value):
        if isinstance(item, str):
            pieces: Iterable[str] = re.split(r"[,;\n、]|\s\|\s", readable(item))
        else:
            name = _string(item)
            pieces = [name] if name else []
        for piece in pieces:
            skill = _BULLET.sub("", piece).strip(" .")
            if skill and len(skill) <= 40 and len(skill.split()) <= 4 and skill not in names:
                names.append(skill)
    return names


def _url(value: Any) -> str | None:
    url = _string(value)
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _apply_url(props: Mapping[str, Any]) -> str | None:
    for contact in _nodes(props.get("applicationContact")):
        if not isinstance(contact, _MAPPING):
            continue
        url = _url(contact.get("url"))
        if url:
            return url
        email = _string(contact.get("email"))
        if email and "@" in email:
            return email if email.lower().startswith("mailto:") else f"mailto:{email}"
    return None


def page_apply_link(root: etree._Element) -> str | None:
    """The page's one link for applying, or None when there is none or several.

    A link counts when its text, its address's last segment, or the sentence around it says
    "apply" (or "postuler", "bewerben", "inscribirme", ...): "Apply now", ".../candidater",
    "Apply with your CV to <a href="mailto:...">".
    """
    links: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not re.match(r"(?:https?://|mailto:)", href, re.IGNORECASE):
            continue
        label = " ".join("".join(str(part) for part in anchor.itertext()).split())
        last_segment = href.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        parent = anchor.getparent()
        around = (
            " ".join("".join(str(p) for p in parent.itertext()).split())
            if parent is not None
            else ""
        )
        says_apply = (
            (len(label) <= 60 and _APPLY_WORDS.search(label))
            or (not href.lower().startswith("mailto:") and _APPLY_WORDS.search(last_segment))
            or (len(around) <= 300 and _APPLY_WORDS.search(around))
        )
        if says_apply and href not in links:
            links.append(href)
    return links[0] if len(links) == 1 else None


def parse_page(document: Document) -> etree._Element:
    """The document parsed once as an HTML page.

    Raises:
        MalformedInputError: markup lxml cannot read at all (nothing but a comment).
    """
    # etree's HTML parser: lxml.html's runs a Python class lookup for every element proxy,
    # and the syntaxes' readers use only etree's element methods.
    try:
        return lxml.html.document_fromstring(document.text, parser=etree.HTMLParser())
    except ValueError:
        pass  # lxml refuses str input that declares its encoding; the same text as bytes it reads
    except etree.ParserError as error:
        raise MalformedInputError(document.name, f"unreadable HTML: {error}") from error
    try:
        return lxml.html.document_fromstring(
            document.text.encode("utf-8"), parser=etree.HTMLParser()
        )
    except (etree.ParserError, ValueError) as error:
        raise MalformedInputError(document.name, f"unreadable HTML: {error}") from error
