"""Batches: many documents, streamed, one JSON line per input, resumable after a crash.

>>> from extractor.batch import read_inputs, run_batch   # doctest: +SKIP
>>> summary = run_batch(read_inputs("postings/"), Path("out.jsonl"))   # doctest: +SKIP
"""

from extractor.batch.inputs import count_inputs, read_inputs
from extractor.batch.items import BatchItem, InvalidItem
from extractor.batch.output import RecordWriter, done_ids
from extractor.batch.process import process_item
from extractor.batch.records import BatchError, BatchRecord
from extractor.batch.run import run_batch
from extractor.batch.runner import aiter_batch, iter_batch
from extractor.batch.summary import BatchSummary

__all__ = [
    "BatchError",
    "BatchItem",
    "BatchRecord",
    "BatchSummary",
    "InvalidItem",
    "RecordWriter",
    "aiter_batch",
    "count_inputs",
    "done_ids",
    "iter_batch",
    "process_item",
    "read_inputs",
    "run_batch",
]
