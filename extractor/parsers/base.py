"""What every parser returns: postings, each with its text and its candidate field values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from extractor.candidates import Candidate, Tier
from extractor.detect import Detection
from extractor.document import Document
from extractor.schema import is_empty


@dataclass
class ParsedPosting:
    """One posting found by a parser.

    ``text`` is the posting's readable text (title, description, sections) that the rules and
    the LLM read and that provenance spans index. ``candidates`` are the values the source
    states in its own fields.
    """

    source: str
    text: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, name: str, value: Any, span: tuple[int, int] | None = None) -> None:
        """Propose a structured value for a field; empty values are skipped.

        Where no span is given and the value is a string found in the text, its first
        occurrence becomes the span.
        """
        if is_empty(value):
            return
        if span is None and isinstance(value, str) and self.text:
            start = self.text.find(value)
            if start >= 0:
                span = (start, start + len(value))
        self.candidates.append(Candidate(name, value, self.source, Tier.STRUCTURED, span))

    def value(self, name: str) -> Any:
        """The first value proposed for a field, or None."""
        for candidate in self.candidates:
            if candidate.field == name:
                return candidate.value
        return None


ParseFunction = Callable[[Document, Detection], list[ParsedPosting]]
