"""Rules: the offline reading of a posting's text, one module per field family.

Each rule module exposes ``RULE: Rule``, a function from a RuleContext to candidates with
the character span that supports them. ``run_rules`` runs every registered rule; a rule
that leaves a field alone returns nothing for it, because precision comes first.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractor.candidates import Candidate, Tier

__all__ = ["RULE_MODULES", "Rule", "RuleContext", "end_of_posting", "rule_candidate", "run_rules"]


@dataclass(frozen=True)
class RuleContext:
    """What a rule reads: the posting's text, its format, and what the source already states."""

    text: str
    format: str
    known: dict[str, Any] = field(default_factory=dict)


Rule = Callable[[RuleContext], list[Candidate]]


def rule_candidate(module: str, name: str, value: Any, span: tuple[int, int] | None) -> Candidate:
    """A RULE-tier candidate from ``extractor.rules.<module>``, with the span that supports it."""
    return Candidate(name, value, f"rule:{module}", Tier.RULE, span)


# A board's block of other postings ("Similar jobs", "Ähnliche Jobs") after the posting itself.
_OTHER_POSTINGS = re.compile(
    r"^[^\w\n]{0,8}(?:(?:similar|related|other|more|recommended)\s+"
    r"(?:jobs|positions|roles|openings|vacancies)"
    r"|jobs\s+you\s+may\s+(?:like|be\s+interested\s+in)|people\s+also\s+viewed"
    r"|Ähnliche\s+(?:Jobs|Stellen\w*)|Weitere\s+(?:Jobs|Stellen\w*)|Offres\s+similaires"
    r"|(?:Empleos|Ofertas)\s+similares)\b",
    re.IGNORECASE | re.MULTILINE,
)


@lru_cache(maxsize=4)  # several rules ask for the same text's end
def end_of_posting(text: str) -> int:
    """Where the posting's own text ends: at a board's "similar jobs" block, else the end."""
    match = _OTHER_POSTINGS.search(text)
    return match.start() if match else len(text)


# Field families in the order they run. Filled in as rule modules land.
RULE_MODULES: tuple[str, ...] = (
    "salary",
    "employment",
    "workplace",
    "seniority",
    "experience",
    "education",
    "status",
    "visa",
    "title_company",
    "sections",
    "skills",
)


def _load(module: str) -> Rule:
    rule: Rule = importlib.import_module(f"extractor.rules.{module}").RULE
    return rule


def run_rules(context: RuleContext, modules: tuple[str, ...] = RULE_MODULES) -> list[Candidate]:
    """Every registered rule's candidates for one posting's text."""
    candidates: list[Candidate] = []
    for module in modules:
        candidates.extend(_load(module)(context))
    return candidates
