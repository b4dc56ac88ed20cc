"""BatchSummary: counts by status and format, postings, tokens, calls, cache hits and cost."""

from __future__ import annotations

from extractor.batch import BatchError, BatchRecord, BatchSummary
from extractor.schema import Posting, Result, Usage


def _result(fmt: str, usage: Usage) -> Result:
    return Result(posting=Posting(title="Cook"), format=fmt, usage=usage)


def test_records_are_counted_by_status_and_their_results_by_format() -> None:
    summary = BatchSummary()
    paid = Usage(llm_calls=2, input_tokens=300, output_tokens=40, cost_usd=0.25)
    cached = Usage(cached=True, cost_usd=0.0)
    summary.add(
        BatchRecord(id="a", status="ok", source=None, results=[_result("jsonld", paid)], error=None)
    )
    summary.add(
        BatchRecord(
            id="b",
            status="degraded",
            source=None,
            results=[_result("json", cached), _result("json", Usage())],
            error=None,
        )
    )
    summary.add(
        BatchRecord(
            id="c", status="error", source=None, results=[], error=BatchError(type="X", message="m")
        )
    )
    summary.wall_seconds = 2.0

    assert dict(summary.by_status) == {"ok": 1, "degraded": 1, "error": 1}
    assert dict(summary.by_format) == {"jsonld": 1, "json": 2}
    assert summary.records == 3 and summary.errors == 1 and summary.postings == 3
    assert (summary.input_tokens, summary.output_tokens, summary.llm_calls) == (300, 40, 2)
    assert summary.cached == 1
    assert summary.cost_usd == 0.25
    assert summary.rate == 1.5


def test_an_empty_summary_has_no_rate() -> None:
    assert BatchSummary().rate == 0.0
    assert BatchSummary().errors == 0
