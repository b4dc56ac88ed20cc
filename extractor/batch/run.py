"""run_batch(): read items, skip those already done, process the rest, write each line."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from extractor.batch.items import BatchItem
from extractor.batch.output import RecordWriter, done_ids
from extractor.batch.process import model_spec
from extractor.batch.records import BatchRecord
from extractor.batch.runner import iter_batch
from extractor.batch.summary import BatchSummary
from extractor.options import ExtractOptions


def run_batch(
    inputs: Iterable[BatchItem],
    out: Path,
    options: ExtractOptions | None = None,
    *,
    concurrency: int | None = None,
    workers: int = 1,
    resume: bool = True,
    on_record: Callable[[BatchRecord], None] | None = None,
    fsync: bool = False,
) -> BatchSummary:
    """Process ``inputs`` into the JSON Lines file ``out``, one line per input.

    With ``resume`` (the default), ids already in ``out`` are skipped (a torn last line from a
    killed run is cut away first), so a rerun after a crash completes the file with every
    input exactly once. Without it, ``out`` starts empty. ``on_record`` is called after each
    line is written (for progress); ``fsync`` syncs each line to disk. ``workers`` processes
    (0: one per core) share the work, as for iter_batch(); OUT is written by this process
    alone.

    Raises:
        InputError: ``out`` cannot be written.
        LLMConfigError: the model configuration is wrong (before any item is processed).
    """
    out = Path(out)
    model_spec(options or ExtractOptions())  # a wrong model fails before OUT is touched
    summary = BatchSummary()
    done = done_ids(out) if resume else set()
    started = time.perf_counter()

    def todo() -> Iterator[BatchItem]:
        for item in inputs:
            if item.id in done:
                summary.skipped += 1
            else:
                yield item

    with RecordWriter(out, resume=resume, fsync=fsync) as writer:
        for record in iter_batch(todo(), options, concurrency=concurrency, workers=workers):
            writer.write(record)
            summary.add(record)
            if on_record is not None:
                on_record(record)
    summary.wall_seconds = time.perf_counter() - started
    return summary
