"""schema.org JobPosting as HTML microdata (itemscope / itemtype / itemprop).

The page is parsed once with lxml; each JobPosting item becomes the plain dict a JSON-LD
node would be (nested itemscopes as nested dicts, repeated properties as lists) and goes
through the same schema.org mapping. Fragments cut from a page (reed.co.uk's job detail)
carry itemprops whose JobPosting itemscope lies outside the fragment: those top-level
itemprops are read as one implicit JobPosting.

The walker is shared with RDFa Lite (rdfa.py), which differs only in its attribute names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.html import element_text, html_to_text
from extractor.normalize.text import clean_inline
from extractor.parsers.base import ParsedPosting
from extractor.parsers.schema_org import (
    is_job_posting,
    page_apply_link,
    parse_page,
    posting_from_node,
)

# Where each element kind keeps its value when it is a property (the microdata spec's table;
# RDFa reads "content" first, then the same attributes).
_VALUE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "meta": ("content",),
    "a": ("href",),
    "link": ("href",),
    "area": ("href",),
    "img": ("src",),
    "audio": ("src",),
    "video": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "time": ("datetime",),
    "data": ("value",),
    "meter": ("value",),
}


# An item's own text shorter than this, on a longer page, is a stub (a few meta fields).
_STUB_TEXT = 200
_LIST_TAGS = frozenset({"ul", "ol", "li", "br", "p", "div"})


@dataclass(frozen=True)
class Syntax:
    """The attributes one HTML syntax uses for items, their types and their properties."""

    name: str
    item: str  # the attribute that opens an item: "itemscope" or "typeof"
    kind: str  # the attribute that names its type: "itemtype" or "typeof"
    prop: str  # the attribute that names a property: "itemprop" or "property"


MICRODATA = Syntax(Format.MICRODATA.value, "itemscope", "itemtype", "itemprop")


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per microdata JobPosting item.

    Raises:
        MalformedInputError: markup lxml cannot read at all.
    """
    return parse_items(document, MICRODATA)


def parse_items(document: Document, syntax: Syntax) -> list[ParsedPosting]:
    """One posting per JobPosting item of the given syntax, or one implicit item.

    Raises:
        MalformedInputError: markup lxml cannot read at all.
    """
    root = parse_page(document)
    postings: list[ParsedPosting] = []
    elements = list(_job_elements(root, syntax))
    for element in elements:
        node = item_node(element, syntax)
        text = element_text(element)
        if len(elements) == 1 and len(text) < _STUB_TEXT:
            # The page's text is read only here and below (it costs a second parse).
            page_text = html_to_text(document.text)
            if len(page_text) > 2 * len(text):
                # An item that wraps only a few fields: the page around it is the text.
                text = page_text
        posting = posting_from_node(node, syntax.name, text=text)
        if posting.value("apply_url") is None:
            # One posting may use the page's apply link; several use only their own element's.
            posting.add("apply_url", page_apply_link(root if len(elements) == 1 else element))
        postings.append(posting)
    if postings:
        return postings
    implicit = _implicit_node(root, syntax)
    text = html_to_text(document.text)
    if implicit:
        posting = posting_from_node(implicit, syntax.name, text=text)
        if posting.value("apply_url") is None:
            posting.add("apply_url", page_apply_link(root))
        posting.warnings.append(
            f"{syntax.name}: properties outside any JobPosting item read as one posting"
        )
        return [posting]
    warning = f"{syntax.name}: no JobPosting item found; read the page's text"
    return [ParsedPosting(source=syntax.name, text=text, warnings=[warning])]


def _is_item(element: etree._Element, syntax: Syntax) -> bool:
    return element.get(syntax.item) is not None


def _types(element: etree._Element, syntax: Syntax) -> list[str]:
    return (element.get(syntax.kind) or "").split()


def _job_elements(root: etree._Element, syntax: Syntax) -> Iterator[etree._Element]:
    """JobPosting items, outermost first; one nested inside another is part of it."""
    for element in root.iter():
        if not isinstance(element.tag, str) or not _is_item(element, syntax):
            continue
        if not is_job_posting({"@type": _types(element, syntax)}):
            continue
        ancestors = element.iterancestors()
        if not any(
            _is_item(a, syntax) and is_job_posting({"@type": _types(a, syntax)}) for a in ancestors
        ):
            yield element


def item_node(element: etree._Element, syntax: Syntax) -> dict[str, Any]:
    """The item's properties as a JSON-LD-like dict, with "@type" from its type attribute."""
    properties: dict[str, list[Any]] = {}
    for child in element:
        _collect(child, syntax, properties)
    if syntax.item == "itemscope":
        # itemref="a b": properties kept elsewhere on the page, in the elements with those ids.
        refs = set((element.get("itemref") or "").split())
        if refs:
            for referenced in element.getroottree().getroot().iter():
                if isinstance(referenced.tag, str) and referenced.get("id") in refs:
                    _collect(referenced, syntax, properties)
    node: dict[str, Any] = {"@type": _types(element, syntax)}
    node.update(_flatten(properties))
    return node


def _implicit_node(root: etree._Element, syntax: Syntax) -> dict[str, Any]:
    """Properties with no enclosing item, read as one JobPosting (a cut-out fragment)."""
    properties: dict[str, list[Any]] = {}
    _collect(root, syntax, properties)
    if not properties:
        return {}
    return {"@type": "JobPosting", **_flatten(properties)}


def _collect(element: etree._Element, syntax: Syntax, properties: dict[str, list[Any]]) -> None:
    """Add the properties found at and below an element to the current item's table.

    An element that opens an item is a value (when it names a property) and a boundary: its
    own descendants belong to it.
    """
    if not isinstance(element.tag, str):
        return
    names = (element.get(syntax.prop) or "").split()
    if _is_item(element, syntax):
        if names:
            item = item_node(element, syntax)
            for name in names:
                properties.setdefault(name, []).append(item)
        return
    if names:
        value = _property_value(element)
        for name in names:
            properties.setdefault(name, []).append(value)
    for child in element:
        _collect(child, syntax, properties)


def _property_value(element: etree._Element) -> str:
    tag = str(element.tag).lower()
    content = element.get("content")
    if content is not None:
        # microdata allows content only on <meta>, but sites put it on spans too.
        return content
    for attribute in _VALUE_ATTRIBUTES.get(tag, ()):
        value = element.get(attribute)
        if value is not None:
            return value
    if any(
        isinstance(child.tag, str) and child.tag.lower() in _LIST_TAGS for child in element.iter()
    ):
        # Lists keep their bullets, so list properties split into their items.
        return element_text(element)
    return _inline(element)


def _inline(element: etree._Element) -> str:
    """The element's own text on one line, without the text that follows it."""
    return clean_inline("".join(str(part) for part in element.itertext()))


def _flatten(properties: dict[str, list[Any]]) -> dict[str, Any]:
    return {name: values[0] if len(values) == 1 else values for name, values in properties.items()}
