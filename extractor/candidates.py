"""Candidate values: what a parser, rule or model proposes for one field, with its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Tier(IntEnum):
    """Precedence in the merge: a lower tier wins. SPEC's order is source, then rule, then LLM."""

    STRUCTURED = 0
    RULE = 1
    LLM = 2


@dataclass(frozen=True)
class Candidate:
    """One proposed value for one posting field.

    ``value`` is already in the posting's form (a Salary model, a list of strings, an ISO
    date string, ...). ``span`` is ``(start, end)`` in the posting's text where known.
    """

    field: str
    value: Any
    source: str
    tier: Tier
    span: tuple[int, int] | None = None
