"""Rule for the sections field family (placeholder until its rule lands: proposes nothing)."""

from __future__ import annotations

from extractor.candidates import Candidate
from extractor.rules import RuleContext


def RULE(context: RuleContext) -> list[Candidate]:
    return []
