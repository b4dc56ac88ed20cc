"""Plain text, markdown, and JSON of no known shape: the text itself, for the rules to read."""

from __future__ import annotations

import json

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.text import clean_block
from extractor.parsers.base import ParsedPosting


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting whose text is the document (spans then index the input itself)."""
    if detection.format is Format.JSON:
        text = json.dumps(detection.data, ensure_ascii=False, indent=1)
        posting = ParsedPosting(source=Format.JSON.value, text=text)
        posting.warnings.append("JSON of no known posting shape: read as text")
        return [posting]
    text = document.text.replace("\r\n", "\n")
    # Plain text keeps its exact characters so spans point into the input; only text with
    # stray control characters or odd spacing is cleaned.
    if "\r" in text or "\x0c" in text:
        text = clean_block(text)
    return [ParsedPosting(source=detection.format.value, text=text)]
