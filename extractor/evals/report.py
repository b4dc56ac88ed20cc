"""The eval report: a typed model (saved as JSON) and the aggregation that fills it.

A ``Report`` holds what the run was (versions, model, dataset hash, times) and one
``StrategyReport`` per strategy run over the same dataset. Scores are aggregated from
the per-case ``FieldResult`` rows, so the JSON holds both the figures and their evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extractor.errors import DatasetError
from extractor.schema import POSTING_FIELDS, is_empty

REPORT_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldResult(_Model):
    """One labelled field of one case: gold against prediction, and where the value came from."""

    field: str
    gold: Any
    predicted: Any
    score: float = Field(ge=0, le=1)
    hallucination: bool = False
    miss: bool = False
    source: str | None = Field(None, description='Provenance source: "jsonld", "rule:salary"...')
    span: tuple[int, int] | None = Field(None, description="[start, end) in the case's text.")


class CaseUsage(_Model):
    """What the LLM step cost for one case."""

    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    retries: int = 0
    cached: bool = False


class CaseReport(_Model):
    """One case: which posting was scored, each labelled field, and the document's text."""

    case_id: str
    document: str
    format: str | None = None
    postings_found: int = 0
    chosen_posting: int | None = Field(None, description="Index of the posting scored.")
    notes: list[str] = Field(default_factory=list)
    error: str | None = Field(None, description="Why extraction failed; fields then score empty.")
    fields: list[FieldResult] = Field(default_factory=list)
    usage: CaseUsage = Field(default_factory=CaseUsage)
    seconds: float = 0.0
    text: str | None = Field(None, description="The posting's cleaned text, which spans index.")


class FieldStats(_Model):
    """One field over the dataset: mean score over the cases that label it."""

    mean: float
    labelled: int
    hallucinations: int
    gold_nulls: int
    misses: int
    gold_values: int


class Slice(_Model):
    """Scores over a group of cases (one detected format): micro mean and the two rates."""

    cases: int
    scored: int
    mean_score: float | None
    hallucinations: int
    gold_nulls: int
    hallucination_rate: float | None
    misses: int
    gold_values: int
    miss_rate: float | None


class SourceSlice(_Model):
    """Scores of the predictions one source gave. Every item here is a prediction, so the
    hallucination share is the part of them made where gold says "not stated"."""

    predictions: int
    mean_score: float
    hallucinations: int
    hallucination_share: float


class UsageTotals(_Model):
    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_hits: int = 0
    retries: int = 0
    wall_seconds: float = 0.0


class StrategyReport(_Model):
    """One strategy's run over the dataset."""

    strategy: str
    fields: dict[str, FieldStats]
    macro_mean: float | None = Field(description="Mean of the field means, labelled fields only.")
    hallucinations: int
    gold_nulls: int
    hallucination_rate: float | None = Field(description="Predictions where gold is null / nulls.")
    misses: int
    gold_values: int
    miss_rate: float | None = Field(
        description="Empty predictions where gold has a value / values."
    )
    by_format: dict[str, Slice]
    by_source: dict[str, SourceSlice]
    usage: UsageTotals
    errors: int = Field(0, description="Cases whose extraction failed.")
    cases: list[CaseReport]


class DatasetInfo(_Model):
    name: str
    path: str
    hash: str
    cases: int


class RunInfo(_Model):
    """What produced the report, so two reports can be told apart and reproduced."""

    package_version: str
    git_commit: str | None
    schema_version: str
    prompt_versions: dict[str, str]
    model: str | None
    base_url: str | None
    started_at: str
    finished_at: str


class Report(_Model):
    report_version: str = REPORT_VERSION
    run: RunInfo
    dataset: DatasetInfo
    strategies: list[StrategyReport]

    def strategy(self, name: str) -> StrategyReport | None:
        return next((s for s in self.strategies if s.strategy == name), None)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def field_stats(cases: Iterable[CaseReport]) -> dict[str, FieldStats]:
    """Per field, in schema order: the mean score and the counts behind the rates."""
    rows: dict[str, list[FieldResult]] = defaultdict(list)
    for case in cases:
        for row in case.fields:
            rows[row.field].append(row)
    stats: dict[str, FieldStats] = {}
    for name in (*POSTING_FIELDS, *sorted(set(rows) - set(POSTING_FIELDS))):
        found = rows.get(name)
        if not found:
            continue
        nulls = sum(1 for r in found if is_empty(r.gold))
        stats[name] = FieldStats(
            mean=sum(r.score for r in found) / len(found),
            labelled=len(found),
            hallucinations=sum(r.hallucination for r in found),
            gold_nulls=nulls,
            misses=sum(r.miss for r in found),
            gold_values=len(found) - nulls,
        )
    return stats


def _slice(cases: Sequence[CaseReport]) -> Slice:
    rows = [row for case in cases for row in case.fields]
    nulls = sum(1 for r in rows if is_empty(r.gold))
    hallucinations = sum(r.hallucination for r in rows)
    misses = sum(r.miss for r in rows)
    return Slice(
        cases=len(cases),
        scored=len(rows),
        mean_score=_mean([r.score for r in rows]),
        hallucinations=hallucinations,
        gold_nulls=nulls,
        hallucination_rate=_ratio(hallucinations, nulls),
        misses=misses,
        gold_values=len(rows) - nulls,
        miss_rate=_ratio(misses, len(rows) - nulls),
    )


def _by_source(cases: Iterable[CaseReport]) -> dict[str, SourceSlice]:
    rows: dict[str, list[FieldResult]] = defaultdict(list)
    for case in cases:
        for row in case.fields:
            if row.source is not None:
                rows[row.source].append(row)
    out: dict[str, SourceSlice] = {}
    for source in sorted(rows):
        found = rows[source]
        hallucinations = sum(r.hallucination for r in found)
        out[source] = SourceSlice(
            predictions=len(found),
            mean_score=sum(r.score for r in found) / len(found),
            hallucinations=hallucinations,
            hallucination_share=hallucinations / len(found),
        )
    return out


def summarize(strategy: str, cases: Sequence[CaseReport], wall_seconds: float) -> StrategyReport:
    """Aggregate a strategy's case reports into its figures."""
    stats = field_stats(cases)
    overall = _slice(cases)
    by_format: dict[str, list[CaseReport]] = defaultdict(list)
    for case in cases:
        by_format[case.format or "unknown"].append(case)
    usage = UsageTotals(
        llm_calls=sum(c.usage.llm_calls for c in cases),
        input_tokens=sum(c.usage.input_tokens for c in cases),
        output_tokens=sum(c.usage.output_tokens for c in cases),
        cache_hits=sum(c.usage.cached for c in cases),
        retries=sum(c.usage.retries for c in cases),
        wall_seconds=round(wall_seconds, 3),
    )
    return StrategyReport(
        strategy=strategy,
        fields=stats,
        macro_mean=_mean([s.mean for s in stats.values()]),
        hallucinations=overall.hallucinations,
        gold_nulls=overall.gold_nulls,
        hallucination_rate=overall.hallucination_rate,
        misses=overall.misses,
        gold_values=overall.gold_values,
        miss_rate=overall.miss_rate,
        by_format={name: _slice(group) for name, group in sorted(by_format.items())},
        by_source=_by_source(cases),
        usage=usage,
        errors=sum(1 for c in cases if c.error),
        cases=list(cases),
    )


def load_report(path: str | Path) -> Report:
    """A report saved with ``--out``.

    Raises:
        DatasetError: the file is missing, not JSON, or not a report of this version.
    """
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(f"{file}: cannot read the report ({error})") from None
    try:
        return Report.model_validate_json(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise DatasetError(
            f"{file}: not an eval report ({first['msg']} at {where}; "
            f"{error.error_count()} problem(s))"
        ) from None


def save_report(report: Report, path: str | Path) -> None:
    """Write the report as indented JSON.

    Raises:
        DatasetError: the file cannot be written.
    """
    try:
        Path(path).write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise DatasetError(f"{path}: cannot write the report ({error.strerror})") from None
