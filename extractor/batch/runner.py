"""Running a batch: one record per item, streamed, with a bounded window in flight.

Offline, documents run one after another in the calling thread (parsers and rules are CPU
work; threads would only add GIL overhead). With a model, up to ``concurrency`` documents run
at once in a thread pool of that size, so that many requests wait on the model together; the
one model client (extractor.llm.fill) is shared by every thread. Records come out in
completion order and carry their id.

With ``workers`` > 1 the parsers and rules run in that many processes instead, so that more
than one core does that CPU work; the model calls still wait in this process's threads
(extractor.batch.pooled).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator

from extractor.batch.items import BatchItem
from extractor.batch.pooled import aiter_pooled, iter_pooled
from extractor.batch.process import (
    extract_job,
    guarded,
    lookup,
    plan_batch,
    run_item,
)
from extractor.batch.records import BatchRecord
from extractor.batch.workers import resolve_concurrency, resolve_workers
from extractor.options import ExtractOptions

__all__ = ["aiter_batch", "iter_batch"]

# Items queued beyond the workers, so a worker never waits for the consumer to hand it one.
_WINDOW_FACTOR = 2


def iter_batch(
    items: Iterable[BatchItem],
    options: ExtractOptions | None = None,
    *,
    concurrency: int | None = None,
    workers: int = 1,
) -> Iterator[BatchRecord]:
    """One record per item, in completion order, with at most ``2 * concurrency`` items
    held at once (memory stays flat however many there are).

    With a model configured, ``concurrency`` (default options.max_concurrency) documents run
    at once in threads; offline they run one by one in the calling thread. With ``workers``
    > 1 (0: one per core) the parsers and rules run in that many worker processes, with at
    most two chunks of items per process held at once, and the model calls in this
    process's threads as before (a script that calls this needs the
    ``if __name__ == "__main__":`` guard: worker processes import the main module).

    Raises:
        LLMConfigError: the model configuration is wrong (every document would fail alike);
            raised before any item is processed.
        ValueError: ``concurrency`` < 1 or ``workers`` < 0.
    """
    processes = resolve_workers(workers)
    if processes > 1:
        yield from iter_pooled(items, options or ExtractOptions(), processes, concurrency)
        return
    plan = plan_batch(options or ExtractOptions())
    if plan.spec is None:
        for item in items:
            yield run_item(item, plan)
        return
    threads = resolve_concurrency(plan.options, concurrency)
    pool = concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="extractor-batch")
    pending: set[concurrent.futures.Future[BatchRecord]] = set()
    try:
        for item in items:
            if len(pending) >= threads * _WINDOW_FACTOR:
                done, pending = concurrent.futures.wait(
                    pending, return_when=concurrent.futures.FIRST_COMPLETED
                )
                yield from (future.result() for future in done)
            # Cache hits and bad lines are answered here: a thread would only add overhead.
            found = guarded(item, lookup, item, plan)
            if isinstance(found, BatchRecord):
                yield found
            else:
                pending.add(pool.submit(guarded, item, extract_job, found, plan))
        while pending:
            done, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED
            )
            yield from (future.result() for future in done)
    finally:
        # A consumer that stops early leaves nothing queued; running documents finish.
        pool.shutdown(wait=True, cancel_futures=True)


async def aiter_batch(
    items: Iterable[BatchItem] | AsyncIterable[BatchItem],
    options: ExtractOptions | None = None,
    *,
    concurrency: int | None = None,
    workers: int = 1,
) -> AsyncIterator[BatchRecord]:
    """iter_batch() as an async iterator: documents run in worker threads (one offline,
    ``concurrency`` with a model), their parsers and rules in ``workers`` processes if
    asked, never blocking the event loop.

    Raises:
        LLMConfigError, ValueError: as for iter_batch().
    """
    processes = resolve_workers(workers)
    if processes > 1:
        pooled = aiter_pooled(_aiterate(items), options or ExtractOptions(), processes, concurrency)
        async for record in pooled:
            yield record
        return
    plan = plan_batch(options or ExtractOptions())
    threads = 1 if plan.spec is None else resolve_concurrency(plan.options, concurrency)
    loop = asyncio.get_running_loop()
    pool = concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="extractor-abatch")
    pending: set[asyncio.Future[BatchRecord]] = set()
    try:
        async for item in _aiterate(items):
            if len(pending) >= threads * _WINDOW_FACTOR:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for future in done:
                    yield future.result()
            pending.add(loop.run_in_executor(pool, run_item, item, plan))
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)


async def _aiterate(
    items: Iterable[BatchItem] | AsyncIterable[BatchItem],
) -> AsyncIterator[BatchItem]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
