"""Combining candidate values into one posting, with provenance and conflict warnings.

Precedence, per field: a structured source's own field (tier STRUCTURED) beats a rule
reading the text (tier RULE), which beats the LLM (tier LLM). Within a tier the first
candidate proposed wins, so a parser lists its most specific source first. A value that
disagrees with the winner from another source is kept out and reported as a warning; values
the posting model refuses are dropped with a warning, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from extractor.candidates import Candidate
from extractor.schema import POSTING_FIELDS, Posting, Provenance, field_adapter, is_empty

# Fields whose disagreement is worth a warning. Lists (sections, skills) legitimately differ
# between a source's field and its text, so they only follow precedence.
_CONFLICT_FIELDS = frozenset(
    {
        "title",
        "company",
        "salary",
        "salary_estimate",
        "date_posted",
        "valid_through",
        "workplace_type",
        "seniority",
        "experience_years",
        "education",
        "visa_sponsorship",
        "status",
    }
)


@dataclass
class Merged:
    """The merge's outcome: the posting, where each field came from, and what was odd."""

    posting: Posting
    provenance: dict[str, Provenance] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def merge(candidates: Iterable[Candidate]) -> Merged:
    """Pick one value per field by precedence and record where it came from."""
    by_field: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.field not in _FIELDS:
            raise ValueError(f"candidate for unknown field {candidate.field!r}")
        if not is_empty(candidate.value):
            by_field.setdefault(candidate.field, []).append(candidate)

    values: dict[str, Any] = {}
    sources: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    for name in POSTING_FIELDS:
        if name not in by_field:
            continue
        ranked = sorted(by_field[name], key=_TIER)
        winner = _first_valid(name, ranked, warnings)
        if winner is None:
            continue
        values[name] = winner.value
        sources[name] = {"source": winner.source, "span": winner.span}
        if name in _CONFLICT_FIELDS:
            warnings.extend(_conflicts(name, winner, ranked))
    # One validation builds every Provenance: a third cheaper than one Provenance() each.
    provenance = _PROVENANCES.validate_python(sources)
    return Merged(Posting.model_validate(values), provenance, warnings)


_TIER = attrgetter("tier")
_FIELDS = frozenset(POSTING_FIELDS)
_PROVENANCES = TypeAdapter(dict[str, Provenance])


def _first_valid(name: str, ranked: list[Candidate], warnings: list[str]) -> Candidate | None:
    validator = field_adapter(name)
    for candidate in ranked:
        try:
            validator.validate_python(candidate.value)
        except ValidationError as error:
            problem = error.errors()[0].get("msg", "invalid")
            warnings.append(
                f"{name}: dropped {_show(candidate.value)} from {candidate.source} ({problem})"
            )
            continue
        return candidate
    return None


def _conflicts(name: str, winner: Candidate, ranked: list[Candidate]) -> list[str]:
    seen: set[str] = {winner.source}
    notes: list[str] = []
    for other in ranked:
        if other.source in seen or _same(other.value, winner.value):
            continue
        seen.add(other.source)
        notes.append(
            f"conflicting {name}: kept {_show(winner.value)} from {winner.source}, "
            f"ignored {_show(other.value)} from {other.source}"
        )
    return notes


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, BaseModel):
        a = a.model_dump()
    if isinstance(b, BaseModel):
        b = b.model_dump()
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold().strip() == b.casefold().strip()
    return bool(a == b)


def _show(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
