"""HTML with no structured data: cleaned to text that keeps headings and bullets."""

from __future__ import annotations

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.html import html_to_text
from extractor.parsers.base import ParsedPosting


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting whose text is the page's readable text."""
    return [ParsedPosting(source=Format.HTML.value, text=html_to_text(document.text))]
