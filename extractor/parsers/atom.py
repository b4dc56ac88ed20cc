"""Atom feeds and single Atom entries: one posting per ``<entry>``.

Standard elements give the title, the posting's address (``link rel="alternate"``), an apply
link (a ``rel`` ending in ``/apply``), the dates and the content. FINN.no's ad extensions
(``finn:adata`` fields and ``finn:location``) add the employer, the place, the application
deadline, the employment type and the home-office options.

``<author>`` (the entry's, else the feed's) is the account that posted the ad: an employer
on its own careers feed or a board, but also an account type (FINN's "Privat") or a bot. It
is read as the company only where the entry's own text names it.
"""

from __future__ import annotations

import re

from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.normalize.company import normalize_company
from extractor.normalize.dates import normalize_date
from extractor.normalize.employment import normalize_employment_type
from extractor.normalize.locations import location_from_address
from extractor.normalize.text import clean_inline
from extractor.parsers.ats_common import strip_workplace_marker
from extractor.parsers.base import ParsedPosting
from extractor.parsers.html import page_text
from extractor.readers import local_name, parse_xml, xml_text

_SOURCE = Format.ATOM.value

# FINN's ad types (category scheme urn:finn:ad:type) and contract durations ("duration").
_FINN_AD_TYPES = {"job-full-time": "FULL_TIME", "job-part-time": "PART_TIME"}
_FINN_TEMPORARY = re.compile(r"^(?:vikariat|engasjement|prosjekt|sesong)", re.I)
# FINN's remote_options values: "Kun hjemmekontor" (home office only) and "Delvis
# hjemmekontor" (partly home office).
_FINN_REMOTE = {"kun hjemmekontor": "remote", "delvis hjemmekontor": "hybrid"}

AdData = dict[str, "str | list[str] | AdData"]


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per ``<entry>`` (the root itself when it is an entry) that has a title.

    Raises:
        UnsafeInputError: the feed declares XML entities.
        MalformedInputError: nothing readable, or no entry with a title.
    """
    root, warnings = parse_xml(document.text, document.name)
    entries = [root] if local_name(root) == "entry" else _atom_children(root, "entry")
    feed_author = _author(root) if root not in entries else ""
    postings = [
        _posting(entry, feed_author)
        for entry in entries
        if clean_inline(_atom_text(entry, "title"))
    ]
    if not postings:
        raise MalformedInputError(document.name, f"no <entry> with a title among {len(entries)}")
    skipped = len(entries) - len(postings)
    notes = [f"skipped {skipped} <entry> element(s) without a title"] if skipped else []
    for posting in postings:
        posting.warnings[:0] = [*warnings, *notes]
    return postings


_ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _atom_children(element: etree._Element, name: str) -> list[etree._Element]:
    """Children in the Atom namespace (or none), so media:content is not taken for content."""
    return [
        child
        for child in _children(element, name)
        if etree.QName(child).namespace in (None, _ATOM_NAMESPACE)
    ]


def _atom_text(element: etree._Element, name: str) -> str:
    found = _atom_children(element, name)
    return xml_text(found[0]) if found else ""


def _child_text(element: etree._Element, name: str) -> str:
    found = _children(element, name)
    return xml_text(found[0]) if found else ""


def _posting(entry: etree._Element, feed_author: str) -> ParsedPosting:
    posting = ParsedPosting(source=_SOURCE)
    adata = _adata(entry)
    title = strip_workplace_marker(clean_inline(_atom_text(entry, "title")))
    posting.text = _text(title, entry, adata)
    posting.add("title", title)
    company = adata.get("company")
    if isinstance(company, dict) and isinstance(company.get("name"), str):
        posting.add("company", normalize_company(str(company["name"])))
    else:
        posting.add("company", _author_as_company(_author(entry) or feed_author, posting.text))
    _add_links(posting, entry)
    published = _atom_text(entry, "published") or _child_text(entry, "datesubmitted")
    posting.add("date_posted", normalize_date(published or _atom_text(entry, "updated")))
    deadline = adata.get("application_deadline")
    if not isinstance(deadline, str):
        deadline = _child_text(entry, "expires")  # age:expires, when the ad comes down
    posting.add("valid_through", normalize_date(deadline))
    _add_place(posting, entry)
    posting.add("employment_type", _employment(entry, adata))
    posting.add("workplace_type", _workplace(adata.get("remote_options")))
    return posting


def _author(element: etree._Element) -> str:
    authors = _atom_children(element, "author")
    return clean_inline(_atom_text(authors[0], "name")) if authors else ""


def _author_as_company(author: str, text: str) -> str | None:
    """The author as the company, where the entry's text names it ("Die Rheinkiesel ...")."""
    name = normalize_company(author) if author else None
    if not name or len(name) < 3:
        return None
    return name if name.casefold() in text.casefold() else None


def _text(title: str, entry: etree._Element, adata: AdData) -> str:
    content = _atom_text(entry, "content") or _atom_text(entry, "summary")
    general = adata.get("general_text")
    if not content and isinstance(general, list) and general:
        content = general[0]
    elif not content and isinstance(general, dict) and isinstance(general.get("value"), str):
        content = str(general["value"])
    body = page_text(content) if content else ""
    return f"{title}\n\n{body}" if body else title


def _add_links(posting: ParsedPosting, entry: etree._Element) -> None:
    url = apply_url = None
    for link in _atom_children(entry, "link"):
        rel, href = link.get("rel", "alternate"), link.get("href", "")
        if not re.match(r"https?://\S+$", href):
            continue
        if rel == "alternate" and url is None:
            url = href
        elif rel.endswith("/apply") and apply_url is None:
            apply_url = href
    posting.add("url", url)
    posting.add("apply_url", apply_url if apply_url != url else None)


def _add_place(posting: ParsedPosting, entry: etree._Element) -> None:
    places = _children(entry, "location")
    if not places:
        return
    place = places[0]
    location = location_from_address(
        {
            "addressLocality": _child_text(place, "city"),
            "addressCountry": _child_text(place, "country"),
        }
    )
    if location is not None:
        posting.add("locations", [location])


def _employment(entry: etree._Element, adata: AdData) -> list[str]:
    duration = adata.get("duration")
    if isinstance(duration, str) and _FINN_TEMPORARY.match(duration.strip()):
        return ["TEMPORARY"]
    found: list[str] = []
    for category in _children(entry, "category"):
        if category.get("scheme") == "urn:finn:ad:type":
            kind = _FINN_AD_TYPES.get(category.get("term", ""))
            if kind:
                found.append(kind)
        elif category.get("scheme") in (None, "") and category.get("term"):
            found.extend(normalize_employment_type(category.get("term")))
    return list(dict.fromkeys(found))


def _workplace(options: object) -> str | None:
    """remote or hybrid where the ad offers one home-office option; both at once are unclear."""
    values = [options] if isinstance(options, str) else options
    if not isinstance(values, list):
        return None
    kinds = {
        _FINN_REMOTE.get(value.strip().casefold()) for value in values if isinstance(value, str)
    }
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else None


def _adata(entry: etree._Element) -> AdData:
    """FINN's ``<finn:adata>`` fields as a dict: values, lists of values, or nested fields."""
    for element in entry:
        if local_name(element) == "adata":
            return _fields(element)
    return {}


def _fields(element: etree._Element) -> AdData:
    fields: AdData = {}
    for field in element:
        if local_name(field) != "field" or not field.get("name"):
            continue
        fields.setdefault(field.get("name", ""), _field_value(field))
    return fields


def _field_value(field: etree._Element) -> str | list[str] | AdData:
    if field.get("value") is not None:
        return clean_inline(field.get("value", ""))
    values = _children(field, "value")
    if values:
        # <finn:value> holds text, or nested fields whose "value" is the text.
        texts: list[str] = []
        for value in values:
            nested = _fields(value)
            inner = nested.get("value") if nested else xml_text(value)
            if isinstance(inner, str) and inner.strip():
                texts.append(inner.strip())
        return texts
    if _children(field, "field"):
        return _fields(field)
    return xml_text(field)
