"""What a batch did: counts by status and format, tokens, calls, cost and time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extractor.batch.records import BatchRecord


@dataclass
class BatchSummary:
    """Running totals over a batch's records (``add`` one at a time)."""

    by_status: Counter[str] = field(default_factory=Counter)
    by_format: Counter[str] = field(default_factory=Counter)
    postings: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    llm_calls: int = 0
    cached: int = 0
    cost_usd: float = 0.0
    wall_seconds: float = 0.0
    skipped: int = 0  # inputs already in OUT from an earlier run

    @property
    def records(self) -> int:
        """Records written by this run (skipped inputs not counted)."""
        return sum(self.by_status.values())

    @property
    def errors(self) -> int:
        return self.by_status["error"]

    @property
    def rate(self) -> float:
        """Records per second of wall time."""
        return self.records / self.wall_seconds if self.wall_seconds > 0 else 0.0

    def add(self, record: BatchRecord) -> None:
        """Count one record."""
        self.by_status[record.status] += 1
        self.postings += len(record.results)
        if any(result.usage.cached for result in record.results):
            self.cached += 1
        for result in record.results:
            self.by_format[result.format] += 1
            usage = result.usage
            self.input_tokens += usage.input_tokens
            self.output_tokens += usage.output_tokens
            self.llm_calls += usage.llm_calls
            self.cost_usd += usage.cost_usd or 0.0
