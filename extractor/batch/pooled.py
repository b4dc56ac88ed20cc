"""iter_batch() and aiter_batch() over worker processes (``workers`` > 1).

This process reads the items, answers bad lines and result-cache hits itself, and sends the
rest to the worker pool (extractor.batch.workers). Offline, the workers return records.
With a model, they return parsed results, and this process's ``concurrency`` threads run the
model step over them (extractor.batch.staged). Both stages hold a bounded window: chunks in
the pool, and at most ``2 * concurrency`` documents waiting for or in the model step.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any

from extractor.batch.items import BatchItem
from extractor.batch.process import Job, error_record, guarded, lookup, plan_batch
from extractor.batch.records import BatchRecord
from extractor.batch.staged import Parsed, fill_parsed
from extractor.batch.workers import WorkerPool, resolve_concurrency
from extractor.options import ExtractOptions

# Documents waiting for the model step beyond its threads, so no thread waits for a worker.
_FILL_WINDOW_FACTOR = 2


class PooledBatch:
    """One batch's worker pool and model threads: add items, take records as they finish."""

    def __init__(self, options: ExtractOptions, workers: int, concurrency: int | None) -> None:
        self._plan = plan_batch(options)  # a wrong model raises here
        self._threads = 0
        self._fills: concurrent.futures.ThreadPoolExecutor | None = None
        if self._plan.spec is not None:
            from extractor.llm import fill

            self._threads = resolve_concurrency(options, concurrency)
            fill.prepare(self._plan.spec, options)  # now, not raced for by the first threads
            self._fills = concurrent.futures.ThreadPoolExecutor(
                self._threads, thread_name_prefix="extractor-fill"
            )
        self._pool = WorkerPool(options, workers, parse_only=self._fills is not None)
        self._filling: set[concurrent.futures.Future[BatchRecord]] = set()

    def add(self, item: BatchItem) -> BatchRecord | None:
        """Queue an item; its record at once if it is a bad line or in the result cache."""
        found = guarded(item, lookup, item, self._plan)
        if isinstance(found, BatchRecord):
            return found
        self._pool.add(found)
        return None

    @property
    def full(self) -> bool:
        """Enough is in flight: wait for some records before adding more."""
        return self._pool.full or len(self._filling) >= self._threads * _FILL_WINDOW_FACTOR > 0

    @property
    def busy(self) -> bool:
        return self._pool.busy or bool(self._filling)

    def finish(self) -> None:
        """The input is exhausted: send the last partial chunk."""
        self._pool.flush()

    def wait_some(self) -> list[BatchRecord]:
        """Records of at least one finished chunk or model step."""
        if not self._pool.futures and not self._filling:
            self._pool.flush()
        waiting: list[concurrent.futures.Future[Any]] = [*self._pool.futures, *self._filling]
        done, _ = concurrent.futures.wait(waiting, return_when=concurrent.futures.FIRST_COMPLETED)
        records: list[BatchRecord] = []
        for job, outcome in self._pool.collect(done):
            if isinstance(outcome, Parsed):
                assert self._fills is not None, "workers parse only when there is a model"
                self._filling.add(self._fills.submit(self._fill, job, outcome))
            else:
                records.append(outcome)
        filled = self._filling.intersection(done)
        self._filling.difference_update(filled)
        records.extend(future.result() for future in filled)
        return records

    def _fill(self, job: Job, parsed: Parsed) -> BatchRecord:
        try:
            return fill_parsed(job, parsed, self._plan)
        except Exception as error:  # any failure is this item's, not the batch's
            return error_record(job.item, error)

    def close(self, wait: bool = True) -> None:
        """Stop the processes and threads; queued work is dropped, running work finishes
        (waited for with ``wait``)."""
        self._pool.close(wait=wait)
        if self._fills is not None:
            self._fills.shutdown(wait=wait, cancel_futures=True)


def iter_pooled(
    items: Iterable[BatchItem], options: ExtractOptions, workers: int, concurrency: int | None
) -> Iterator[BatchRecord]:
    """iter_batch() over ``workers`` processes: records in completion order, a bounded
    window in flight."""
    batch = PooledBatch(options, workers, concurrency)
    try:
        for item in items:
            record = batch.add(item)
            if record is not None:
                yield record
            while batch.full:
                yield from batch.wait_some()
        batch.finish()
        while batch.busy:
            yield from batch.wait_some()
    finally:
        batch.close()


async def aiter_pooled(
    items: AsyncIterable[BatchItem], options: ExtractOptions, workers: int, concurrency: int | None
) -> AsyncIterator[BatchRecord]:
    """iter_pooled() as an async iterator: the waits run in a thread, never blocking the
    event loop."""
    batch = PooledBatch(options, workers, concurrency)
    try:
        async for item in items:
            record = batch.add(item)
            if record is not None:
                yield record
            while batch.full:
                for record in await asyncio.to_thread(batch.wait_some):
                    yield record
        batch.finish()
        while batch.busy:
            for record in await asyncio.to_thread(batch.wait_some):
                yield record
    finally:
        batch.close(wait=False)  # no blocking in the event loop; running work ends alone
