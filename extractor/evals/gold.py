"""Gold validation for ``extractor eval --check``: every problem, each with its case id.

A gold file holds a partial posting (SPEC section 3). The checks: fields the schema does not
know, values the schema refuses (enums, types, ISO codes, dates), and gold that contradicts
itself. Structural problems of the dataset (a document without gold, gold without a
document) are reported here too, so one command lists everything to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import ValidationError

from extractor.errors import DatasetError
from extractor.evals.dataset import GOLD_SUFFIX, Dataset
from extractor.schema import POSTING_FIELDS, REMOTE_REGIONS, Posting


class ProblemKind(StrEnum):
    """What sort of problem: the first three make a case unscorable, the last two do not."""

    PAIRING = "pairing"  # a document without gold, gold without a document, a shared id
    UNREADABLE = "unreadable"  # gold that is not a JSON object
    INVALID = "invalid"  # an unknown field or a value the schema refuses
    MALFORMED = "malformed"  # a date, currency or country that is no real code or date
    CONTRADICTION = "contradiction"  # gold that disagrees with itself


@dataclass(frozen=True)
class GoldProblem:
    """One thing wrong with a case's gold; ``field`` is None for problems of the whole case."""

    case_id: str
    message: str
    field: str | None = None
    kind: ProblemKind = ProblemKind.INVALID

    @property
    def blocks_scoring(self) -> bool:
        """True when the case cannot be scored as labelled (the run refuses such gold)."""
        return self.kind in (ProblemKind.UNREADABLE, ProblemKind.INVALID)

    def __str__(self) -> str:
        where = f"{self.case_id}.{self.field}" if self.field else self.case_id
        return f"{where}: {self.message}"


_PAIRING = ProblemKind.PAIRING
_MALFORMED = ProblemKind.MALFORMED
_CONTRADICTION = ProblemKind.CONTRADICTION


def check_dataset(dataset: Dataset) -> list[GoldProblem]:
    """Every problem in a dataset's gold and pairing, in case id order."""
    problems: list[GoldProblem] = []
    for document in dataset.orphan_documents:
        problems.append(
            GoldProblem(document.stem, f"document {document.name} has no gold file", None, _PAIRING)
        )
    for gold_path in dataset.orphan_gold:
        case_id = gold_path.name[: -len(GOLD_SUFFIX)]
        problems.append(
            GoldProblem(case_id, f"gold file {gold_path.name} has no document", None, _PAIRING)
        )
    for case_id in dataset.duplicate_ids:
        problems.append(
            GoldProblem(case_id, "several documents share this case id", None, _PAIRING)
        )
    for case in dataset.cases:
        try:
            gold = case.gold()
        except DatasetError as error:
            problems.append(GoldProblem(case.case_id, str(error), None, ProblemKind.UNREADABLE))
            continue
        problems.extend(check_gold(case.case_id, gold))
    return sorted(problems, key=lambda p: (p.case_id, p.field or ""))


def check_gold(case_id: str, gold: dict[str, Any]) -> list[GoldProblem]:
    """The problems in one case's gold labels."""
    problems = [
        GoldProblem(case_id, "not a posting field", name)
        for name in gold
        if name not in POSTING_FIELDS
    ]
    known = {name: value for name, value in gold.items() if name in POSTING_FIELDS}
    for name, value in known.items():
        problems.extend(_field_problems(case_id, name, value))
    problems.extend(_contradictions(case_id, known))
    return problems


def _field_problems(case_id: str, name: str, value: Any) -> list[GoldProblem]:
    problems: list[GoldProblem] = []
    try:
        # Strict: gold is JSON as labelled, so "true" or "100" in quotes is a labelling slip.
        Posting.model_validate({name: value}, strict=True)
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"][1:])
            detail = f" at {where}" if where else ""
            problems.append(
                GoldProblem(case_id, f"{item['msg']}{detail} (got {item['input']!r})", name)
            )
        return problems
    if name in ("date_posted", "valid_through") and value is not None and _date(value) is None:
        problems.append(GoldProblem(case_id, f"{value!r} is not a calendar date", name, _MALFORMED))
    if name in ("salary", "salary_estimate") and isinstance(value, dict):
        currency = value.get("currency")
        if currency is not None and currency not in _currencies():
            problems.append(
                GoldProblem(case_id, f"{currency!r} is not an ISO 4217 code", name, _MALFORMED)
            )
    if name == "locations":
        for index, location in enumerate(value or []):
            country = location.get("country") if isinstance(location, dict) else None
            if country is not None and not _is_country(country):
                message = f"{country!r} at {index} is not an ISO 3166-1 alpha-2 code"
                problems.append(GoldProblem(case_id, message, name, _MALFORMED))
    if name == "remote_eligibility":
        for item in value or []:
            if item not in REMOTE_REGIONS and not _is_country(item):
                message = f"{item!r} is neither an ISO 3166-1 alpha-2 code nor a named region"
                problems.append(GoldProblem(case_id, message, name, _MALFORMED))
    return problems


def _contradictions(case_id: str, gold: dict[str, Any]) -> list[GoldProblem]:
    problems: list[GoldProblem] = []
    for name in ("salary", "salary_estimate", "experience_years"):
        value = gold.get(name)
        if isinstance(value, dict) and _greater(value.get("min"), value.get("max")):
            message = f"min {value.get('min')} is greater than max {value.get('max')}"
            problems.append(GoldProblem(case_id, message, name, _CONTRADICTION))
    posted, closes = _date(gold.get("date_posted")), _date(gold.get("valid_through"))
    if posted and closes and closes < posted:
        message = f"valid_through {closes} is before date_posted {posted}"
        problems.append(GoldProblem(case_id, message, "valid_through", _CONTRADICTION))
    if gold.get("workplace_type") == "onsite" and gold.get("remote_eligibility"):
        message = "remote_eligibility is set while workplace_type is onsite"
        problems.append(GoldProblem(case_id, message, "remote_eligibility", _CONTRADICTION))
    return problems


def _greater(low: Any, high: Any) -> bool:
    numbers = (int, float)
    return isinstance(low, numbers) and isinstance(high, numbers) and low > high


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _is_country(code: Any) -> bool:
    return isinstance(code, str) and code in _countries()


@cache
def _countries() -> frozenset[str]:
    from babel import Locale

    territories = Locale.parse("en").territories
    # Two letters are countries; "EU", "UN", "ZZ" and the like are groupings, not countries.
    groupings = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
    codes = (str(code) for code in territories)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c not in groupings)


@cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())
