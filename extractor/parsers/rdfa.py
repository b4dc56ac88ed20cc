"""schema.org JobPosting as RDFa Lite (vocab / typeof / property).

RDFa Lite marks items and properties as microdata does, under other attribute names, so it
shares microdata's walker: each element with ``typeof`` opens an item, ``property`` names a
property, and values come from ``content``, then ``href``/``src``/``datetime``, then text.
"""

from __future__ import annotations

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.parsers.base import ParsedPosting
from extractor.parsers.microdata import Syntax, parse_items

RDFA = Syntax(Format.RDFA.value, item="typeof", kind="typeof", prop="property")


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per RDFa JobPosting item.

    Raises:
        MalformedInputError: markup lxml cannot read at all.
    """
    return parse_items(document, RDFA)
