"""SPEC section 4: one pure scoring function per kind of field, in a registry keyed by field.

Values are JSON-shaped, as a gold file holds them and as ``Posting.model_dump(mode="json")``
gives them. ``score_field`` applies the null rules that every field shares; the registered
scorers only ever see two stated values.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from extractor.schema import is_empty

STRING_THRESHOLD = 90  # token-sort similarity for title, company, department
SECTION_THRESHOLD = 80  # token-set similarity for section list items
SALARY_TOLERANCE = 0.01  # min and max each within 1%

Scorer = Callable[[Any, Any], float]


@dataclass(frozen=True)
class FieldScore:
    """A field's score in [0, 1] and whether the prediction was a hallucination or a miss."""

    score: float
    hallucination: bool = False
    miss: bool = False


def score_field(field: str, gold: Any, predicted: Any) -> FieldScore:
    """Score one labelled field: both empty is right; one side empty is wrong.

    Raises:
        KeyError: ``field`` is not a posting field.
    """
    scorer = SCORERS[field]
    gold_empty, predicted_empty = is_empty(gold), is_empty(predicted)
    if gold_empty and predicted_empty:
        return FieldScore(1.0)
    if gold_empty:
        return FieldScore(0.0, hallucination=True)
    if predicted_empty:
        return FieldScore(0.0, miss=True)
    return FieldScore(float(scorer(gold, predicted)))


# --- normal forms -------------------------------------------------------------------------

_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+")


def fold_text(value: str) -> str:
    """Case-folded NFKC text with punctuation and runs of whitespace turned into one space."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return _PUNCTUATION_OR_SPACE.sub(" ", folded).strip()


_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def normalize_url(url: str) -> str:
    """The URL without its scheme, a leading ``www.``, its fragment and a trailing slash."""
    value = url.strip().split("#", 1)[0]
    value = _SCHEME.sub("", value)
    if value.casefold().startswith("www."):
        value = value[4:]
    host, slash, rest = value.partition("/")
    return (host.casefold() + slash + rest).rstrip("/")


@cache
def _vocabulary_lookup() -> Callable[[str], str | None] | None:
    # The skill vocabulary is another module's job; compare case-folded while it is absent.
    try:
        module = importlib.import_module("extractor.vocabulary")
    except ImportError:
        return None
    lookup = getattr(module, "canonical_skill", None)
    return lookup if callable(lookup) else None


def canonical_skill(name: str) -> str:
    """A skill's canonical name from the vocabulary (folded), or the folded name outside it."""
    lookup = _vocabulary_lookup()
    canonical = lookup(name) if lookup is not None else None
    return fold_text(canonical if isinstance(canonical, str) and canonical else name)


# --- field kinds --------------------------------------------------------------------------


def exact(gold: Any, predicted: Any) -> float:
    """Enums, booleans, ISO codes and dates: equal or not."""
    return 1.0 if gold == predicted else 0.0


def string_match(gold: str, predicted: str) -> bool:
    """Equal after folding, or a token-sort similarity of at least 90 of the folded forms."""
    left, right = fold_text(str(gold)), fold_text(str(predicted))
    if left == right:
        return True
    return fuzz.token_sort_ratio(left, right) >= STRING_THRESHOLD


def string(gold: Any, predicted: Any) -> float:
    """``title``, ``company``, ``department``."""
    return 1.0 if string_match(gold, predicted) else 0.0


def url(gold: Any, predicted: Any) -> float:
    """``url``, ``apply_url``."""
    return 1.0 if normalize_url(str(gold)) == normalize_url(str(predicted)) else 0.0


def _within(gold: Any, predicted: Any, tolerance: float) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if gold == 0:
        return float(predicted) == 0
    return abs(float(predicted) - float(gold)) <= tolerance * abs(float(gold))


def salary(gold: dict[str, Any], predicted: dict[str, Any]) -> float:
    """``salary``, ``salary_estimate``: currency and period equal, min and max within 1%."""
    same_terms = all(gold.get(key) == predicted.get(key) for key in ("currency", "period"))
    amounts = all(
        _within(gold.get(key), predicted.get(key), SALARY_TOLERANCE) for key in ("min", "max")
    )
    return 1.0 if same_terms and amounts else 0.0


def experience(gold: dict[str, Any], predicted: dict[str, Any]) -> float:
    """``experience_years``: min and max equal."""
    same = all(gold.get(key) == predicted.get(key) for key in ("min", "max"))
    return 1.0 if same else 0.0


def f1(matched: int, gold_count: int, predicted_count: int) -> float:
    """F1 from a matching's size; two empty sets agree fully."""
    if gold_count == 0 and predicted_count == 0:
        return 1.0
    if matched == 0:
        return 0.0
    precision, recall = matched / predicted_count, matched / gold_count
    return 2 * precision * recall / (precision + recall)


def max_matching(gold: Sequence[Any], predicted: Sequence[Any], match: Callable[..., bool]) -> int:
    """The size of a largest one-to-one matching between the two lists (Kuhn's algorithm).

    Greedy pairing can undercount when one predicted item fits several gold items.
    """
    edges = [[j for j, p in enumerate(predicted) if match(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(assign(i, set()) for i in range(len(gold)))


def set_f1(gold: Sequence[str], predicted: Sequence[str], canonical: Callable[[str], str]) -> float:
    """F1 of two sets of canonical forms."""
    gold_set = {canonical(str(item)) for item in gold}
    predicted_set = {canonical(str(item)) for item in predicted}
    return f1(len(gold_set & predicted_set), len(gold_set), len(predicted_set))


def _code(value: str) -> str:
    return value.strip().upper()


def _region(value: str) -> str:
    # ISO codes and the named regions ("EMEA", "North America"): compare case-insensitively.
    return fold_text(value)


def employment_types(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return set_f1(gold, predicted, _code)


def remote_eligibility(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return set_f1(gold, predicted, _region)


def skills(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Set F1 after mapping both sides through the skill vocabulary."""
    return set_f1(gold, predicted, canonical_skill)


def location_match(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    """Countries equal and, where gold names a city, the cities match as strings."""
    if gold.get("country") != predicted.get("country"):
        return False
    city = gold.get("city")
    if not city:
        return True
    other = predicted.get("city")
    return isinstance(other, str) and bool(other) and string_match(str(city), other)


def locations(gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> float:
    return f1(max_matching(gold, predicted, location_match), len(gold), len(predicted))


def section_match(gold: str, predicted: str) -> bool:
    return fuzz.token_set_ratio(fold_text(gold), fold_text(predicted)) >= SECTION_THRESHOLD


def section(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Fuzzy set F1: each gold item matches at most one predicted item."""
    return f1(max_matching(gold, predicted, section_match), len(gold), len(predicted))


SCORERS: dict[str, Scorer] = {
    "title": string,
    "company": string,
    "department": string,
    "locations": locations,
    "workplace_type": exact,
    "remote_eligibility": remote_eligibility,
    "employment_type": employment_types,
    "seniority": exact,
    "salary": salary,
    "salary_estimate": salary,
    "experience_years": experience,
    "education": exact,
    "skills": skills,
    "date_posted": exact,
    "valid_through": exact,
    "url": url,
    "apply_url": url,
    "status": exact,
    "visa_sponsorship": exact,
    "responsibilities": section,
    "requirements": section,
    "nice_to_have": section,
    "benefits": section,
}
