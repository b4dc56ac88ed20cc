"""Hacker News "Who is hiring?" comments: a thread with ``comments`` (Algolia search hits) or
an Algolia item with ``children``; each top-level comment is one posting.

Posts are free text, so little is structured: the date is the comment's, and the
conventional first line "Company | Role | Location | Type | Pay" gives company, title and
place only where it follows that convention without doubt. Pay in that line is left to the
salary rule. SPEC section 3: the post's lone link for applying is ``apply_url``; the
comment's own address is never the posting's ``url``.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.text import clean_inline, unescape_entities
from extractor.parsers.ats_common import (
    SkippedJob,
    add_locations,
    company_name,
    list_under,
    parse_records,
    read_place,
    readable,
    strip_workplace_marker,
)
from extractor.parsers.base import ParsedPosting
from extractor.schema import Location

SOURCE = Format.HN.value

# Words that make a header segment a job title rather than a company name.
_ROLE_WORDS = re.compile(
    r"\b(engineers?|developers?|designers?|managers?|scientists?|analysts?|architects?|"
    r"leads?|cto|ceo|cfo|coo|vp|head|directors?|technologists?|sre|devops|researchers?|"
    r"specialists?|consultants?|administrators?|interns?|internship|coordinators?|"
    r"representatives?|executives?|marketers?|writers?|recruiters?|accountants?|"
    r"programmers?|founding|staff|principal|swe|sde|pm|mle|hacker|operator|technician|"
    r"support|product|sales|roles?|positions?|hiring)\b",
    re.I,
)
_PAY = re.compile(r"[$€£¥₹]\s*\d|\d\s*[kK]\b|\b(salary|equity|compensation|/hr|per hour)\b", re.I)
_TERMS = re.compile(
    r"\b(?:full|part)(?:[- ]or[- ](?:full|part))?[- ]?time\b|\bcontract(?:or)?\b|\bfreelance\b|"
    r"\binternship\b|\bpermanent\b",
    re.I,
)
_VISA = re.compile(r"\b(visa|sponsorship|h-?1b)\b", re.I)
_WORKPLACE_ONLY = re.compile(
    r"^\s*(remote|onsite|on-site|on site|hybrid|in[- ]office|in person)"
    r"(\s*(\(|only|ok|friendly|first|possible).*)?$",
    re.I,
)
_APPLY = re.compile(r"\bapply\b|\bapplications?\b", re.I)


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per top-level comment that has text, in order.

    Raises:
        MalformedInputError: no comment with text.
    """
    data = detection.data
    comments = data if isinstance(data, list) else list_under(data, "comments", "children", "hits")
    if _is_comment_item(data):
        # One comment item: it is the post, and its replies (children) are not postings.
        return parse_records(document, [data], parse_comment)
    if comments is None:
        comments = [data]
    thread_id = _thread_id(data)
    top_level = [c for c in comments if not _is_reply(c, thread_id)]
    return parse_records(document, top_level, parse_comment)


def parse_comment(comment: dict[str, Any]) -> ParsedPosting:
    """One HN comment: its text, date, the header line's fields and the apply link.

    Raises:
        SkippedJob: a deleted or empty comment.
    """
    markup = _markup(comment)
    if markup is None:
        raise SkippedJob("a comment with no text (deleted or empty)")
    posting = ParsedPosting(source=SOURCE, text=readable(markup))
    header = posting.text.split("\n", 1)[0]
    _add_header_fields(posting, header)
    posting.add("date_posted", normalize_date(comment.get("created_at")))
    posting.add("apply_url", apply_link(markup))
    return posting


def _markup(comment: dict[str, Any]) -> str | None:
    """The comment's HTML: ``comment_text`` in search hits, ``text`` in items."""
    markup = comment.get("comment_text") or comment.get("text")
    return markup if isinstance(markup, str) and markup.strip() else None


def _is_comment_item(data: Any) -> bool:
    """A comment (it has a parent and text), not the thread or story holding the comments."""
    if not isinstance(data, dict) or _markup(data) is None:
        return False
    return data.get("type") == "comment" or data.get("parent_id") is not None


def _thread_id(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    for key in ("thread_id", "story_id", "id", "objectID"):
        value = data.get(key)
        if value is not None:
            return str(value)
    return None


def _is_reply(comment: Any, thread_id: str | None) -> bool:
    """A comment whose parent is another comment, not the thread (replies are not posts)."""
    if not isinstance(comment, dict):
        return False
    parent, story = comment.get("parent_id"), comment.get("story_id")
    anchor = str(story) if story is not None else thread_id
    return parent is not None and anchor is not None and str(parent) != anchor


def _add_header_fields(posting: ParsedPosting, header: str) -> None:
    """Company, title, places, workplace and employment type from an "A | B | C" first line,
    where unambiguous."""
    segments = [clean_inline(s) for s in header.split("|")]
    if len(segments) < 3 or not all(segments):
        return
    free: list[tuple[int, str]] = []
    places: list[Location] = []
    regions: list[str] = []
    employment: list[str] = []
    remote = onsite = hybrid = False
    for index, segment in enumerate(segments):
        kinds = [] if _ROLE_WORDS.search(segment) else normalize_employment_type(segment)
        employment.extend(kind for kind in kinds if kind not in employment)
        if _PAY.search(segment) or _VISA.search(segment) or "http" in segment:
            continue
        if kinds or (_TERMS.search(segment) and not _ROLE_WORDS.search(segment)):
            continue
        parsed = read_place(segment)
        workplace_word = _WORKPLACE_ONLY.match(segment)
        # Any word reads as a city, so a segment is a place only where a country or a
        # remote marker backs it; "Portless" is a company, not a town.
        known = [place for place in parsed.locations if place.country]
        says_place = known or parsed.remote or parsed.remote_regions or parsed.hybrid
        if says_place and not _ROLE_WORDS.search(segment):
            places.extend(known)
            regions.extend(r for r in parsed.remote_regions if r not in regions)
            remote, hybrid = remote or parsed.remote, hybrid or parsed.hybrid
            continue
        if workplace_word:
            word = workplace_word.group(1).casefold()
            onsite = onsite or word not in ("remote", "hybrid")
            continue
        free.append((index, segment))
    _add_company_title(posting, free)
    posting.add("employment_type", employment)
    add_locations(posting, places)
    if remote and not onsite and not hybrid:
        posting.add("workplace_type", "remote")
        posting.add("remote_eligibility", regions)
    elif onsite and not remote and not hybrid:
        posting.add("workplace_type", "onsite")
    elif hybrid and not remote and not onsite:
        posting.add("workplace_type", "hybrid")


def _add_company_title(posting: ParsedPosting, free: list[tuple[int, str]]) -> None:
    """The convention: company first, then the role. Anything less clear is left alone."""
    if len(free) >= 2 and free[0][0] == 0:
        (_, company), (_, title) = free[0], free[1]
        if not _ROLE_WORDS.search(company) and _ROLE_WORDS.search(title):
            posting.add("company", company_name(company))
            posting.add("title", _without_trailing_markers(title))
        return
    if len(free) == 1 and _ROLE_WORDS.search(free[0][1]):
        posting.add("title", _without_trailing_markers(free[0][1]))


_MARKER_PARENS = re.compile(
    r"\s*\((?=[^)]*\b(?:part[- ]time|full[- ]time|contract|remote|onsite|hybrid)\b)[^)]*\)\s*$",
    re.I,
)


def _without_trailing_markers(title: str) -> str:
    """The role without trailing terms or workplace markers.

    "Engineer (part-time, path to CAIO)" is "Engineer": the parentheses state terms, not the
    role; "Engineer (Remote)" is "Engineer".
    """
    stripped = _MARKER_PARENS.sub("", title).strip()
    return strip_workplace_marker(stripped or title)


def apply_link(markup: str) -> str | None:
    """The one link the post gives for applying: an ``<a>`` whose line says "apply", or a
    ``mailto:``. Two different such links, or none, give None."""
    try:
        root = lxml.html.fromstring(f"<div>{markup}</div>", parser=etree.HTMLParser())
    except (etree.ParserError, ValueError):
        return None
    found: list[str] = []
    for anchor in root.iter("a"):
        href = unescape_entities(anchor.get("href") or "").strip()
        if not href:
            continue
        before = _text_before(anchor)
        says_apply = href.startswith("mailto:") or _APPLY.search(before)
        if says_apply and href not in found:
            found.append(href)
    return found[0] if len(found) == 1 else None


def _text_before(anchor: etree._Element) -> str:
    """The text on the anchor's line before it (within its paragraph), up to 80 characters."""
    parent = anchor.getparent()
    if parent is None:
        return ""
    pieces: list[str] = [parent.text or ""]
    for child in parent:
        if child is anchor:
            break
        if isinstance(child.tag, str):
            pieces.append("\n" if child.tag in ("p", "br") else "".join(map(str, child.itertext())))
        pieces.append(child.tail or "")
    line = "".join(pieces).rsplit("\n", 1)[-1]
    return line[-80:]
