"""Rules: the offline reading of a posting's text, one module per field family.

Each rule module exposes ``RULE: Rule``, a function from a RuleContext to candidates with
the character span that supports them. ``run_rules`` runs every registered rule; a rule
that leaves a field alone returns nothing for it, because precision comes first. A rule
that fails (a bug) costs only its own fields: run_rules reports it as a warning.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from extractor.candidates import Candidate, Tier

__all__ = [
    "RULE_MODULES",
    "Rule",
    "RuleContext",
    "RuleRun",
    "end_of_posting",
    "rule_candidate",
    "run_rules",
]


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
    # RULE is read on each call, so a rule replaced at run time (tests) still runs.
    rule: Rule = _rule_module(module).RULE
    return rule


@lru_cache(maxsize=64)  # import_module's lookup on every rule of every posting: 0.8 us each
def _rule_module(module: str) -> ModuleType:
    return importlib.import_module(f"extractor.rules.{module}")


@dataclass
class RuleRun:
    """What the rules found in one text, and which rules failed on it."""

    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def run_rules(context: RuleContext, modules: tuple[str, ...] = RULE_MODULES) -> RuleRun:
    """Every registered rule's candidates for one posting's text.

    A rule that raises is a bug in that rule, not in the input: the document keeps every
    other rule's candidates and a warning names the rule and the exception type.
    """
    run = RuleRun()
    for module in modules:
        try:
            found = _load(module)(context)
        except Exception as error:  # any bug in one rule; the others still run
            run.warnings.append(f"rule {module} failed ({type(error).__name__}); skipped")
            continue
        run.candidates.extend(found)
    return run
