"""schema.org JobPosting as JSON-LD: raw JSON, arrays, @graph, or <script> blocks in HTML.

Every JobPosting node becomes one posting (BreadcrumbList, Organization and other nodes are
skipped, though a posting's {"@id": ...} reference to one is followed). Blocks are read
leniently (see lenient_json); a block beyond repair is a warning, and an error only when it
was the whole input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.normalize.html import html_to_text
from extractor.parsers.base import ParsedPosting
from extractor.parsers.lenient_json import load_lenient_json
from extractor.parsers.schema_org import (
    is_job_posting,
    page_apply_link,
    parse_page,
    posting_from_node,
    readable,
)

SOURCE = Format.JSONLD.value

# A description shorter than this, on a page whose text is much longer, is a stub ("Exocore |
# 杭州 | ...") and the page's own text is the better posting text.
_STUB_DESCRIPTION = 200


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per JobPosting node in the document.

    Raises:
        UnsafeInputError: JSON nested deeper than any posting needs.
        MalformedInputError: raw JSON input that no repair can read, or HTML that lxml
            cannot read at all.
    """
    text = document.text.lstrip("\ufeff \t\r\n")
    if detection.data is None and text[:1] not in "{[":
        return _parse_html(document)
    if detection.data is not None:
        block: tuple[Any, list[str]] = (detection.data, [])
    else:
        block = load_lenient_json(text, document.name)
    postings = _postings([block], page=None)
    if not postings:
        warning = "no JobPosting node in the JSON-LD; read the document as text"
        postings = [ParsedPosting(source=SOURCE, text=document.text, warnings=[warning])]
    return postings


@dataclass
class _Page:
    """An HTML page's tree, and its text, read only when a posting needs it (most JSON-LD
    descriptions are no stub, and reading the page again cost as much as parsing it)."""

    root: etree._Element
    markup: str
    _text: str | None = None

    def text(self) -> str:
        if self._text is None:
            self._text = html_to_text(self.markup)
        return self._text


def _parse_html(document: Document) -> list[ParsedPosting]:
    root = parse_page(document)
    blocks: list[tuple[Any, list[str]]] = []
    failures: list[str] = []
    for number, script in enumerate(_json_ld_scripts(root), start=1):
        try:
            blocks.append(load_lenient_json(script, document.name))
        except MalformedInputError as error:
            failures.append(f"JSON-LD block {number} skipped: {error.problem}")
    page = _Page(root, document.text)
    postings = _postings(blocks, page=page)
    if not postings:
        # The page held JobPosting markup we could not read: keep its text for the rules.
        postings = [ParsedPosting(source=SOURCE, text=page.text())]
        failures.append("no readable JSON-LD JobPosting; read the page's text instead")
    for posting in postings:
        posting.warnings[:0] = failures
    return postings


def _json_ld_scripts(root: etree._Element) -> Iterator[str]:
    for script in root.iter("script"):
        kind = (script.get("type") or "").casefold()
        if "ld+json" in kind and script.text and script.text.strip():
            yield script.text


def _postings(blocks: list[tuple[Any, list[str]]], page: _Page | None) -> list[ParsedPosting]:
    index: dict[str, dict[str, Any]] = {}
    found: list[tuple[dict[str, Any], list[str]]] = []
    for value, warnings in blocks:
        for node in _walk(value):
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > 1:
                index.setdefault(node_id, node)
            if is_job_posting(node) and all(node != seen for seen, _ in found):
                # Pages that print the same block twice hold one posting, not two.
                found.append((node, warnings))
    postings: list[ParsedPosting] = []
    for node, warnings in found:
        resolved = _resolve(node, index)
        if page is not None:
            resolved = _with_page_text(resolved, page)
        posting = posting_from_node(resolved, SOURCE)
        posting.warnings[:0] = warnings
        postings.append(posting)
    if page is not None and len(postings) == 1 and postings[0].value("apply_url") is None:
        postings[0].add("apply_url", page_apply_link(page.root))
    return postings


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every node in a JSON-LD value: arrays, @graph, and nodes nested in properties."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            # A JobPosting's own properties (its address, its salary) hold no other postings.
            if not is_job_posting(item):
                stack.extend(reversed(list(item.values())))


def _resolve(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Replace {"@id": ...} references in a node's properties by the nodes they name."""

    def lookup(value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return index.get(str(value["@id"]), value)
        if isinstance(value, list):
            return [lookup(item) for item in value]
        return value

    return {key: lookup(value) for key, value in node.items()}


def _with_page_text(node: dict[str, Any], page: _Page) -> dict[str, Any]:
    """A node whose description is missing or a stub reads the page's text instead."""
    description = node.get("description")
    body = readable(description) if isinstance(description, str) else ""
    if len(body) < _STUB_DESCRIPTION:
        page_text = page.text()
        if len(page_text) > 2 * max(len(body), 1):
            return {**node, "description": page_text}
    return node
