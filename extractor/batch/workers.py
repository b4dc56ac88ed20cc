"""Worker processes for a batch: items run in a process pool, so more than one core works.

One Python process is bound by its GIL: parsing, rules and the model client's own CPU all
share one core. With ``workers`` > 1, items go to a ``ProcessPoolExecutor`` in chunks, to
amortise pickling. Its processes are never forked from this one (whose threads may hold
locks): on Linux they are forked from a fork server that imported and warmed up the
extractor once (extractor.batch.preload), so they start in milliseconds; elsewhere they are
spawned and import it themselves. Each process is set up once by an initializer (options,
result cache, model client and answer cache) and, with a model, runs a chunk's documents in
a thread pool of ``ceil(concurrency / workers)``; a semaphore shared by the processes keeps
the model calls in flight at most ``concurrency`` in all.

Nothing is lost. A chunk that fails as a whole (an item that cannot be pickled, say) runs
again item by item, so only the culprit gets an error record. A worker process that dies
(killed, out of memory) breaks the whole pool: a fresh pool is started and the items that
were in flight run again, once, each alone; an item caught in a second broken pool gets
an error record of type ``WorkerCrashed``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import math
import multiprocessing
import os
import sys
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from extractor.batch.items import BatchItem, InvalidItem
from extractor.batch.process import Plan, error_record, extract_job, guarded, lookup, plan_batch
from extractor.batch.records import BatchRecord
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_all

# Items per task offline: each takes about 2 ms, so pickling is amortised over many.
OFFLINE_CHUNK = 32
# Chunks queued per process beyond the running one, so no process waits for the parent.
_WINDOW_PER_WORKER = 2


class WorkerCrashed(Exception):
    """A worker process died while it held the item (twice: the item was run again once)."""


# Python's own default preload ("__main__") and the extractor, warmed up.
_FORK_SERVER_PRELOAD = ["__main__", "extractor.batch.preload"]


def process_context() -> Any:
    """The multiprocessing context of worker pools.

    Linux: "forkserver", preloaded with the extractor: a worker is a fork of a
    single-threaded server that imported it once, which saves each worker the imports and
    the tables' building (about 1.6 s of CPU each with a model). Elsewhere "spawn": macOS
    cannot safely fork a process that loaded its system frameworks, Windows cannot fork.
    The preload list is the fork server's, shared with any other forkserver pool of this
    process; it keeps Python's default "__main__" in it.
    """
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_FORK_SERVER_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def resolve_workers(workers: int | None) -> int:
    """The number of processes for ``workers``: 0 (or None) means one per core.

    Raises:
        ValueError: ``workers`` is negative.
    """
    if workers is None or workers == 0:
        return os.cpu_count() or 1
    if workers < 0:
        raise ValueError(f"workers must be 0 (one per core) or more, not {workers}")
    return workers


def resolve_concurrency(options: ExtractOptions, concurrency: int | None) -> int:
    """Documents waiting on the model at once: ``concurrency``, else the options' own.

    Raises:
        ValueError: the result is below 1.
    """
    total = options.max_concurrency if concurrency is None else concurrency
    if total < 1:
        raise ValueError(f"concurrency must be at least 1, not {total}")
    return total


def threads_per_worker(concurrency: int, workers: int) -> int:
    """Threads in each process so that ``workers`` processes together run ``concurrency``."""
    return max(1, math.ceil(concurrency / workers))


# The worker process's state, set once by _initialize().
_PLAN: Plan | None = None
_THREADS: concurrent.futures.ThreadPoolExecutor | None = None
_SLOTS: Any = None  # the semaphore shared with the other processes (model calls in flight)


# Run offline once as a process starts: the parsers' and rules' lazy tables are then built
# by one thread, not raced for by every thread of the first chunk (measured: about 0.4 s of
# CPU less per process with a model).
_WARM_UP = (
    "Data Engineer\n\nAcme Analytics is hiring a Data Engineer in Berlin, Germany. Full-time, "
    "hybrid. EUR 60,000 - 70,000 a year. 3+ years of Python, SQL and Airflow. Bachelor's "
    "degree. Visa sponsorship available.\n"
)


def warm_up() -> None:
    """Extract one small posting offline, so that every lazily built table exists."""
    offline = ExtractOptions(strategy=Strategy.OFFLINE)
    with contextlib.suppress(Exception):  # a real document will report any such failure
        extract_all(_WARM_UP, name="warm-up.txt", options=offline)


def _initialize(options: ExtractOptions, threads: int, slots: Any) -> None:
    """Set up a worker process once: the plan (result cache), the model client, threads."""
    global _PLAN, _THREADS, _SLOTS
    _PLAN = plan_batch(options)
    _SLOTS = slots
    warm_up()  # already done by the fork server where there is one: then it costs ~2 ms
    if _PLAN.spec is not None:
        from extractor.llm import fill

        fill.prepare(_PLAN.spec, options)
        if threads > 1:
            _THREADS = concurrent.futures.ThreadPoolExecutor(
                threads, thread_name_prefix="extractor-worker"
            )


def _run(item: BatchItem) -> BatchRecord:
    assert _PLAN is not None, "worker process not initialised"
    found = guarded(item, lookup, item, _PLAN)
    if isinstance(found, BatchRecord):
        return found
    if _SLOTS is None:
        return guarded(item, extract_job, found, _PLAN)
    with _SLOTS:
        return guarded(item, extract_job, found, _PLAN)


def run_chunk(items: list[BatchItem]) -> list[str]:
    """In a worker process: the chunk's records as JSON, in completion order (never raises
    for an item). JSON, not pickled records: measured on the bench corpus, a record costs
    25 us to dump and 68 us to parse, against 144 us to pickle and 85 us to unpickle."""
    if _THREADS is None:
        return [_run(item).model_dump_json() for item in items]
    futures = [_THREADS.submit(_run, item) for item in items]
    done = concurrent.futures.as_completed(futures)
    return [future.result().model_dump_json() for future in done]


@dataclass(frozen=True)
class _Chunk:
    items: list[BatchItem]
    retried: bool  # run again after a broken pool: a second break is the item's fault


class WorkerPool:
    """Chunks of items in flight in a process pool, a bounded window of them at a time."""

    def __init__(self, options: ExtractOptions, workers: int, concurrency: int | None) -> None:
        self._options = options
        self._workers = workers
        model = plan_batch(options).spec is not None  # a wrong model raises here
        if model:
            total = resolve_concurrency(options, concurrency)
            self._threads = threads_per_worker(total, workers)
            self._slots_total: int | None = total
            self.chunk_size = min(OFFLINE_CHUNK, 2 * self._threads)
        else:
            self._threads, self._slots_total, self.chunk_size = 1, None, OFFLINE_CHUNK
        self._context = process_context()
        self._pool = self._start()
        self._pending: dict[concurrent.futures.Future[list[str]], _Chunk] = {}
        self._owner: dict[concurrent.futures.Future[list[str]], Any] = {}
        self._buffer: list[BatchItem] = []

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        slots = None
        if self._slots_total is not None:
            slots = self._context.BoundedSemaphore(self._slots_total)
        return concurrent.futures.ProcessPoolExecutor(
            self._workers,
            mp_context=self._context,
            initializer=_initialize,
            initargs=(self._options, self._threads, slots),
        )

    @property
    def full(self) -> bool:
        """Enough chunks are in flight: wait for some before adding more."""
        return len(self._pending) >= self._workers * _WINDOW_PER_WORKER

    @property
    def busy(self) -> bool:
        return bool(self._pending or self._buffer)

    def add(self, item: BatchItem) -> None:
        """Queue an item; a full chunk is sent to the processes."""
        self._buffer.append(item)
        if len(self._buffer) >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        """Send the partial chunk too (the input is exhausted)."""
        if self._buffer:
            self._submit(_Chunk(self._buffer, retried=False))
            self._buffer = []

    def _submit(self, chunk: _Chunk) -> None:
        future: concurrent.futures.Future[list[str]]
        try:
            future = self._pool.submit(run_chunk, chunk.items)
        except BrokenProcessPool as error:  # broke before its futures said so: the same case
            future = concurrent.futures.Future()
            future.set_exception(error)
        self._pending[future] = chunk
        self._owner[future] = self._pool

    def wait_some(self) -> list[BatchRecord]:
        """Records of at least one finished chunk (after sending a partial one when nothing
        else is in flight)."""
        if not self._pending:
            self.flush()
        done, _ = concurrent.futures.wait(
            self._pending, return_when=concurrent.futures.FIRST_COMPLETED
        )
        records: list[BatchRecord] = []
        for future in done:
            chunk = self._pending.pop(future)
            owner = self._owner.pop(future)
            error = future.exception()
            if error is None:
                records.extend(map(BatchRecord.model_validate_json, future.result()))
            elif isinstance(error, BrokenProcessPool):
                records.extend(self._broken(chunk, owner))
            elif len(chunk.items) > 1:  # the chunk failed (an item would not pickle): alone
                for item in chunk.items:  # each, the culprit's own record says so
                    self._submit(_Chunk([item], retried=chunk.retried))
            else:
                records.extend(error_record(item, error) for item in chunk.items)
        return records

    def _broken(self, chunk: _Chunk, owner: Any) -> list[BatchRecord]:
        if owner is self._pool:  # the first future to report this break starts a new pool
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
        if chunk.retried:
            crash = WorkerCrashed(
                "a worker process died while extracting it (killed, out of memory, or unable "
                "to start: a script that runs a batch with workers needs the "
                "'if __name__ == \"__main__\":' guard)"
            )
            return [error_record(item, crash) for item in chunk.items]
        for item in chunk.items:  # alone, so that a second break names only its culprits
            self._submit(_Chunk([item], retried=True))
        return []

    def close(self, wait: bool = True) -> None:
        """Stop the processes; queued chunks are dropped, running ones finish (waited for
        with ``wait``)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)


def iter_pooled(
    items: Iterable[BatchItem], options: ExtractOptions, workers: int, concurrency: int | None
) -> Iterator[BatchRecord]:
    """iter_batch() over ``workers`` processes: records in completion order, a bounded
    window of chunks in flight. Lines that could not be read are answered here."""
    pool = WorkerPool(options, workers, concurrency)
    try:
        for item in items:
            if isinstance(item, InvalidItem):
                yield error_record(item, item.error)
                continue
            pool.add(item)
            while pool.full:
                yield from pool.wait_some()
        pool.flush()
        while pool.busy:
            yield from pool.wait_some()
    finally:
        pool.close()


async def aiter_pooled(
    items: AsyncIterable[BatchItem], options: ExtractOptions, workers: int, concurrency: int | None
) -> AsyncIterator[BatchRecord]:
    """iter_pooled() as an async iterator: the waits for chunks run in a thread, never
    blocking the event loop."""
    pool = WorkerPool(options, workers, concurrency)
    try:
        async for item in items:
            if isinstance(item, InvalidItem):
                yield error_record(item, item.error)
                continue
            pool.add(item)
            while pool.full:
                for record in await asyncio.to_thread(pool.wait_some):
                    yield record
        pool.flush()
        while pool.busy:
            for record in await asyncio.to_thread(pool.wait_some):
                yield record
    finally:
        pool.close(wait=False)  # no blocking in the event loop; running chunks end alone
