"""Worker processes for a batch: documents run in a process pool, so more than one core works.

One Python process is bound by its GIL. With ``workers`` > 1, jobs go to a
``ProcessPoolExecutor`` in chunks, to amortise pickling. Offline, a worker extracts its
documents whole and returns their records. With a model, a worker runs the parsers and
rules only and returns the results with their texts: the model step runs in the parent's
threads (extractor.batch.staged), which wait on the network together.

Its processes are never forked from this one (whose threads may hold locks): on Linux they
are forked from a fork server that imported and warmed up the extractor once
(extractor.batch.preload), so they start in milliseconds; elsewhere they are spawned and
import it themselves.

Nothing is lost. A chunk that fails as a whole (an item that cannot be pickled, say) runs
again job by job, so only the culprit gets an error record. A worker process that dies
(killed, out of memory) breaks the whole pool: a fresh pool is started and the jobs that
were in flight run again, once, each alone; a job caught in a second broken pool gets
an error record of type ``WorkerCrashed``.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Collection, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from extractor.batch.items import BatchItem
from extractor.batch.process import (
    Job,
    Plan,
    error_record,
    extract_job,
    guarded,
    model_spec,
    plan_batch,
)
from extractor.batch.records import BatchRecord
from extractor.batch.staged import Parsed, offline_stage, parse_job
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_all

if TYPE_CHECKING:
    from extractor.llm.provider import ProviderSpec

# Jobs per task: each takes about 2 ms, so pickling is amortised over many.
CHUNK = 32
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
    the tables' building. Elsewhere "spawn": macOS cannot safely fork a process that
    loaded its system frameworks, Windows cannot fork. The preload list is the fork
    server's, shared with any other forkserver pool of this process; it keeps Python's
    default "__main__" in it.
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


# Run offline once as a process starts: the parsers' and rules' lazy tables are then built
# once, before the first document.
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


# The worker process's state, set once by _initialize().
_PLAN: Plan | None = None
_OPTIONS: ExtractOptions | None = None  # the batch's, when the worker parses only
_SPEC: ProviderSpec | None = None  # the batch's model, when the worker parses only


def _initialize(options: ExtractOptions, parse_only: bool) -> None:
    """Set up a worker process once: its plan (offline when it parses only)."""
    global _PLAN, _OPTIONS, _SPEC
    if parse_only:
        _PLAN = plan_batch(offline_stage(options))
        _OPTIONS, _SPEC = options, model_spec(options)
    else:
        _PLAN = plan_batch(options)
    warm_up()  # already done by the fork server where there is one: then it costs ~2 ms


def run_chunk(jobs: list[Job]) -> list[str | Parsed]:
    """In a worker process, for each job in order (never raises for one): its record as
    JSON, or with a model its offline results and model requests. JSON, not pickled
    records: measured on the bench corpus, a record costs 25 us to dump and 68 us to parse,
    against 144 us to pickle and 85 us to unpickle."""
    assert _PLAN is not None, "worker process not initialised"
    outcomes: list[str | Parsed] = []
    for job in jobs:
        if _SPEC is None or _OPTIONS is None:
            outcome: BatchRecord | Parsed = guarded(job.item, extract_job, job, _PLAN)
        else:
            outcome = parse_job(job, _PLAN.options, _OPTIONS, _SPEC)
        outcomes.append(outcome if isinstance(outcome, Parsed) else outcome.model_dump_json())
    return outcomes


def _sent(job: Job) -> Job:
    """The job as a worker needs it: its content once (the item's own may be a copy)."""
    return replace(job, item=BatchItem(job.item.id, "", job.name), key=None)


@dataclass(frozen=True)
class _Chunk:
    jobs: list[Job]
    retried: bool  # run again after a broken pool: a second break is the job's fault


Outcome = BatchRecord | Parsed


class WorkerPool:
    """Chunks of jobs in flight in a process pool, a bounded window of them at a time.

    ``options`` are the batch's. With ``parse_only`` (the batch calls a model) the workers
    run the parsers and rules only, and the outcomes are ``Parsed`` or error records;
    otherwise records.
    """

    def __init__(self, options: ExtractOptions, workers: int, parse_only: bool) -> None:
        self._workers = workers
        self._initargs = (options, parse_only)
        self._context = process_context()
        self._pool = self._start()
        self._pending: dict[concurrent.futures.Future[list[str | Parsed]], _Chunk] = {}
        self._owner: dict[concurrent.futures.Future[list[str | Parsed]], Any] = {}
        self._buffer: list[Job] = []

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        return concurrent.futures.ProcessPoolExecutor(
            self._workers,
            mp_context=self._context,
            initializer=_initialize,
            initargs=self._initargs,
        )

    @property
    def full(self) -> bool:
        """Enough chunks are in flight: wait for some before adding more."""
        return len(self._pending) >= self._workers * _WINDOW_PER_WORKER

    @property
    def busy(self) -> bool:
        return bool(self._pending or self._buffer)

    @property
    def futures(self) -> Collection[concurrent.futures.Future[list[str | Parsed]]]:
        """The chunks in flight, to wait on (with other futures) and pass to collect()."""
        return self._pending.keys()

    def add(self, job: Job) -> None:
        """Queue a job; a full chunk is sent to the processes."""
        self._buffer.append(job)
        if len(self._buffer) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Send the partial chunk too (the input is exhausted)."""
        if self._buffer:
            self._submit(_Chunk(self._buffer, retried=False))
            self._buffer = []

    def _submit(self, chunk: _Chunk) -> None:
        future: concurrent.futures.Future[list[str | Parsed]]
        try:
            future = self._pool.submit(run_chunk, [_sent(job) for job in chunk.jobs])
        except BrokenProcessPool as error:  # broke before its futures said so: the same case
            future = concurrent.futures.Future()
            future.set_exception(error)
        self._pending[future] = chunk
        self._owner[future] = self._pool

    def wait_some(self) -> list[tuple[Job, Outcome]]:
        """Outcomes of at least one finished chunk (after sending a partial one when nothing
        else is in flight)."""
        if not self._pending:
            self.flush()
        done, _ = concurrent.futures.wait(
            self._pending, return_when=concurrent.futures.FIRST_COMPLETED
        )
        return self.collect(done)

    def collect(self, done: Iterable[concurrent.futures.Future[Any]]) -> list[tuple[Job, Outcome]]:
        """The outcomes of the finished chunks among ``done`` (other futures are ignored),
        each with its job."""
        outcomes: list[tuple[Job, Outcome]] = []
        for future in done:
            chunk = self._pending.pop(future, None)
            if chunk is None:
                continue
            owner = self._owner.pop(future)
            error = future.exception()
            if error is None:
                for job, outcome in zip(chunk.jobs, future.result(), strict=True):
                    if isinstance(outcome, str):
                        outcome = BatchRecord.model_validate_json(outcome)
                    outcomes.append((job, outcome))
            elif isinstance(error, BrokenProcessPool):
                outcomes.extend(self._broken(chunk, owner))
            elif len(chunk.jobs) > 1:  # the chunk failed (an item would not pickle): alone
                for job in chunk.jobs:  # each, the culprit's own record says so
                    self._submit(_Chunk([job], retried=chunk.retried))
            else:
                outcomes.extend((job, error_record(job.item, error)) for job in chunk.jobs)
        return outcomes

    def _broken(self, chunk: _Chunk, owner: Any) -> list[tuple[Job, Outcome]]:
        if owner is self._pool:  # the first future to report this break starts a new pool
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
        if chunk.retried:
            crash = WorkerCrashed(
                "a worker process died while extracting it (killed, out of memory, or unable "
                "to start: a script that runs a batch with workers needs the "
                "'if __name__ == \"__main__\":' guard)"
            )
            return [(job, error_record(job.item, crash)) for job in chunk.jobs]
        for job in chunk.jobs:  # alone, so that a second break names only its culprits
            self._submit(_Chunk([job], retried=True))
        return []

    def close(self, wait: bool = True) -> None:
        """Stop the processes; queued chunks are dropped, running ones finish (waited for
        with ``wait``)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)
