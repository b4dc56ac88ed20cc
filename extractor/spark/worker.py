"""What runs on the executors: one runtime per Python worker process, a frame per Arrow batch.

Spark reuses its Python workers across tasks, so the runtime (options parsed once, the model
checked once; the LLM client itself is kept per process by extractor.llm.fill) is built on a
worker's first batch and serves every later one. Each batch goes through the batch path's
iter_batch, so a row here equals the batch record of the same document, and with a model at
most ``concurrency`` documents of a batch wait on it at once.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from extractor.batch import BatchItem, BatchRecord, iter_batch
from extractor.batch.process import model_spec
from extractor.options import ExtractOptions
from extractor.spark.rows import record_rows


@dataclass(frozen=True)
class Plan:
    """What a partition needs to know, shipped to the executors with the function."""

    document_column: str
    id_column: str
    kept: tuple[str, ...]  # input columns copied to every row of their document, id first
    outcome: tuple[str, ...]  # the columns record_rows() fills
    options_json: str
    concurrency: int | None


class Runtime:
    """One process's extractor: the options, parsed and checked once."""

    def __init__(self, options_json: str) -> None:
        self.options = ExtractOptions.model_validate_json(options_json)
        model_spec(self.options)  # a wrong model fails here, once, not per document

    def records(
        self, documents: Sequence[Any], names: Sequence[str], concurrency: int | None
    ) -> list[BatchRecord]:
        """One record per document, in the documents' order."""
        items = [
            BatchItem(id=str(position), data=_data(document), name=name)
            for position, (document, name) in enumerate(zip(documents, names, strict=True))
        ]
        records: list[BatchRecord | None] = [None] * len(items)
        # iter_batch yields in completion order; the item id is the position.
        for record in iter_batch(items, self.options, concurrency=concurrency):
            records[int(record.id)] = record
        done = [record for record in records if record is not None]
        if len(done) != len(items):  # iter_batch gives one record per item; rows would shift
            raise RuntimeError(f"iter_batch gave {len(done)} records for {len(items)} items")
        return done


@functools.lru_cache(maxsize=4)
def runtime(options_json: str) -> Runtime:
    """This process's runtime for these options (built once, on first use)."""
    return Runtime(options_json)


def partition_function(plan: Plan) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """The function mapInPandas runs over each partition's Arrow batches."""

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        worker = runtime(plan.options_json)
        for batch in batches:
            yield frame(worker, plan, batch)

    return run


def frame(worker: Runtime, plan: Plan, batch: pd.DataFrame) -> pd.DataFrame:
    """The output rows of one input batch: kept columns beside each posting's outcome."""
    ids = batch[plan.id_column].tolist()
    names = [_name(value, position) for position, value in enumerate(ids)]
    records = worker.records(batch[plan.document_column].tolist(), names, plan.concurrency)
    positions: list[int] = []
    rows: list[dict[str, Any]] = []
    for position, record in enumerate(records):
        for row in record_rows(record):
            positions.append(position)
            rows.append(row)
    kept = batch[list(plan.kept)].iloc[positions].reset_index(drop=True)
    # object Series: a missing struct must stay None (pandas would make it NaN).
    outcome = pd.DataFrame(
        {name: pd.Series([row.get(name) for row in rows], dtype=object) for name in plan.outcome}
    )
    return pd.concat([kept, outcome], axis=1)


def _data(value: Any) -> str | bytes:
    """A cell as the pipeline's input; a null cell is an empty document (an error row)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str | bytes):
        return value
    return str(value)


def _name(value: Any, position: int) -> str:
    """The document's name in results and messages: its id, or its place when the id is null."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"<row {position}>"
    return str(value)
