"""RSS 2.0 (and RSS 1.0 / RDF) job feeds: one posting per ``<item>``.

Job boards add their own elements to items; those read here are We Work Remotely's
``<region>`` (where applicants may live) and ``<type>`` (employment type), and a board's
``<expires_at>``. Boards that write item titles as "Company: Title" are recognised by every
item following that convention (or by WWR's own elements), and only then is the title split.
The channel's title names a board, not an employer, except on an employer's own careers feed:
its name is the company only where the item's description names it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.normalize.company import normalize_company
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.locations import parse_location
from extractor.normalize.text import clean_inline
from extractor.parsers.ats_common import strip_workplace_marker
from extractor.parsers.base import ParsedPosting
from extractor.parsers.html import page_text
from extractor.readers import local_name, parse_xml, xml_text

_SOURCE = Format.RSS.value

# "Mathmo: Maths Coach". The company part is short and holds no sentence punctuation.
_COMPANY_TITLE = re.compile(r"^(?P<company>[^:.!?]{1,80}?):\s+(?P<title>\S.*)$")
# "Ingénieur support N2 (H/F) – Toulouse": a short place after a dash or a bar.
_PLACE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+[-–—|]\s+(?P<place>[^\W\d][\w .'-]{1,40})$")
_PLACE_PREPOSITIONS = r"in|à|a|en|im|in der|based in|basé à|basée à|situé à|ubicado en"
# Boards known to write every item title as "Company: Title".
_COMPANY_PREFIX_BOARDS = ("weworkremotely.com",)
# Boards that list only remote jobs, so that their region element ("Europe Only") is where
# applicants may live even when it does not say "remote".
_REMOTE_ONLY_BOARDS = ("weworkremotely.com",)


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per ``<item>`` that has a title.

    Raises:
        UnsafeInputError: the feed declares XML entities.
        MalformedInputError: nothing readable, or no item with a title.
    """
    root, warnings = parse_xml(document.text, document.name)
    items = [_fields(item) for item in root.iter() if local_name(item) == "item"]
    titled = [fields for fields in items if fields.get("title")]
    if not titled:
        raise MalformedInputError(document.name, f"no <item> with a title among {len(items)}")
    host = _channel_host(root)
    # Items that carry WWR's own elements (<region> and <type>) follow its conventions too.
    wwr_shaped = all("region" in fields and "type" in fields for fields in titled)
    split = (
        _on_board(host, _COMPANY_PREFIX_BOARDS)
        or wwr_shaped
        or (len(titled) >= 2 and all(_COMPANY_TITLE.match(fields["title"]) for fields in titled))
    )
    remote_board = _on_board(host, _REMOTE_ONLY_BOARDS) or wwr_shaped
    skipped = [
        f"skipped item #{index}: it has no title"
        for index, fields in enumerate(items, start=1)
        if not fields.get("title")
    ]
    feed = _Feed(split, remote_board, _channel_name(root))
    postings = [_posting(fields, feed) for fields in titled]
    for posting in postings:
        posting.warnings[:0] = [*warnings, *skipped]
    return postings


def _fields(item: etree._Element) -> dict[str, str]:
    """Each child's text by lower-cased local name (the first non-empty one wins)."""
    fields: dict[str, str] = {}
    for child in item:
        name = local_name(child)
        if not name or name in fields:
            continue
        value = xml_text(child)
        if name == "link" and not value:
            value = child.get("href", "")  # Atom-style links inside RSS
        if name not in ("description", "encoded"):
            value = clean_inline(value)
        if value:
            fields[name] = value
    return fields


def _channel_host(root: etree._Element) -> str:
    """The host of the channel's own link (the first <link> in the feed)."""
    for element in root.iter():
        if local_name(element) == "link":
            return urlparse(xml_text(element) or element.get("href", "")).hostname or ""
    return ""


def _on_board(host: str, boards: tuple[str, ...]) -> bool:
    return any(host == board or host.endswith("." + board) for board in boards)


@dataclass(frozen=True)
class _Feed:
    """What holds for every item of one feed."""

    split_title: bool  # titles are "Company: Title"
    remote_board: bool  # every job is remote; <region> is where applicants may live
    channel_name: str  # the channel's name without its "– Jobs" suffix


def _channel_name(root: etree._Element) -> str:
    """The name a channel title gives before a separator ("Vigie – Offres d'emploi")."""
    for element in root.iter():
        if local_name(element) == "channel":
            for child in element:
                if local_name(child) == "title":
                    title = clean_inline(xml_text(child))
                    return re.split(r"\s+[-–—|·:]\s+|:\s+", title, maxsplit=1)[0].strip()
    return ""


def _posting(fields: dict[str, str], feed: _Feed) -> ParsedPosting:
    posting = ParsedPosting(source=_SOURCE)
    title, company = fields["title"], None
    match = _COMPANY_TITLE.match(title) if feed.split_title else None
    if match:
        title, company = match["title"].strip(), match["company"].strip()
    description = fields.get("encoded") or fields.get("description") or ""
    body = page_text(description)
    title = strip_place_suffix(strip_workplace_marker(title), body)
    posting.text = f"{title}\n\n{body}" if body else title
    posting.add("title", title)
    if company:
        posting.add("company", normalize_company(company))
    elif _names_itself(feed.channel_name, body):
        # An employer's own careers feed: the item's text names the channel's owner.
        posting.add("company", normalize_company(feed.channel_name))
    posting.add("url", _web_address(fields.get("link")) or _web_address(fields.get("guid")))
    posting.add("date_posted", normalize_date(fields.get("pubdate") or fields.get("date")))
    posting.add("valid_through", normalize_date(fields.get("expires_at")))
    posting.add("employment_type", normalize_employment_type(fields.get("type")))
    _add_region(posting, fields.get("region"), feed.remote_board)
    return posting


def _names_itself(name: str, body: str) -> bool:
    """True when a short channel name occurs as words in the item's description."""
    if not 2 <= len(name) <= 60 or len(name.split()) > 5:
        return False
    return bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body, re.I))


def strip_place_suffix(title: str, body: str) -> str:
    """A title without a trailing " – <place>" that the feed gives no element for.

    The suffix goes only where it is a known place with a country ("– Berlin") or where the
    description says the job is there ("basé à Toulouse", "based in Leeds"), so that
    "Engineer – Payments" stays whole.
    """
    match = _PLACE_SUFFIX.match(title)
    if not match:
        return title
    head, place = match["head"].strip(), match["place"].strip()
    parsed = parse_location(place)
    if any(location.country for location in parsed.locations):
        return head
    stated = re.compile(rf"\b(?:{_PLACE_PREPOSITIONS})\s+{re.escape(place)}\b", re.I)
    return head if stated.search(body) else title


def _add_region(posting: ParsedPosting, region: str | None, remote_board: bool) -> None:
    """A board's region element: where a remote job's applicants may live."""
    if not region:
        return
    parsed = parse_location(region)
    if parsed.remote or (remote_board and parsed.remote_regions):
        posting.add("workplace_type", "hybrid" if parsed.hybrid else "remote")
        posting.add("remote_eligibility", parsed.remote_regions)


def _web_address(value: str | None) -> str | None:
    if value and re.match(r"https?://\S+$", value):
        return value
    return None
