"""One input of a batch: an id, its content (text, bytes or a path) and a name for messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.errors import InputError


@dataclass(frozen=True)
class BatchItem:
    """One document to extract. ``id`` is unique within a batch and keys the resume."""

    id: str
    data: str | bytes | Path
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class InvalidItem(BatchItem):
    """An input line that could not be read (bad JSON, no content key): it becomes an
    error record, so every line of the input still appears once in the output."""

    error: InputError
