"""Running a batch: one record per item, streamed, with a bounded window in flight.

Offline, documents run one after another in the calling thread (parsers and rules are CPU
work; threads would only add GIL overhead). With a model, up to ``concurrency`` documents run
at once in a thread pool of that size, so that many requests wait on the model together; the
one model client (extractor.llm.fill) is shared by every thread. Records come out in
completion order and carry their id.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from extractor.batch.cache import ResultCache, result_key, run_key, shared_result_cache
from extractor.batch.items import BatchItem, InvalidItem
from extractor.batch.records import BatchError, BatchRecord
from extractor.errors import ExtractorError, InputError
from extractor.llm.provider import ProviderSpec, resolve_provider
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_all
from extractor.schema import Result, Usage

# Items queued beyond the workers, so a worker never waits for the consumer to hand it one.
_WINDOW_FACTOR = 2


def model_spec(options: ExtractOptions) -> ProviderSpec | None:
    """The model a batch with ``options`` calls, or None when it runs offline.

    Raises:
        LLMConfigError: the provider string, key or model file is wrong.
    """
    if options.strategy is Strategy.OFFLINE:
        return None
    return resolve_provider(options.llm, options.base_url)


def process_item(item: BatchItem, options: ExtractOptions | None = None) -> BatchRecord:
    """One item's record. Never raises: our errors and bugs alike become an error record
    (with the exception's type name), so a batch never dies on one document."""
    try:
        plan = _plan(options or ExtractOptions())
    except Exception as error:  # a wrong model configuration: this item's record says so
        return error_record(item, error)
    return _run(item, plan)


def error_record(item: BatchItem, error: BaseException) -> BatchRecord:
    """The record of an item that failed with ``error``."""
    message = str(error) if isinstance(error, ExtractorError) else f"{item.id}: {error}"
    return BatchRecord(
        id=item.id,
        status="error",
        source=_name(item),
        results=[],
        error=BatchError(type=type(error).__name__, message=message),
    )


def iter_batch(
    items: Iterable[BatchItem],
    options: ExtractOptions | None = None,
    *,
    concurrency: int | None = None,
) -> Iterator[BatchRecord]:
    """One record per item, in completion order, with at most ``2 * concurrency`` items
    held at once (memory stays flat however many there are).

    With a model configured, ``concurrency`` (default options.max_concurrency) documents run
    at once in threads; offline they run one by one in the calling thread.

    Raises:
        LLMConfigError: the model configuration is wrong (every document would fail alike);
            raised before any item is processed.
    """
    plan = _plan(options or ExtractOptions())
    if plan.spec is None:
        for item in items:
            yield _run(item, plan)
        return
    workers = _workers(plan.options, concurrency)
    pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="extractor-batch")
    pending: set[concurrent.futures.Future[BatchRecord]] = set()
    try:
        for item in items:
            if len(pending) >= workers * _WINDOW_FACTOR:
                done, pending = concurrent.futures.wait(
                    pending, return_when=concurrent.futures.FIRST_COMPLETED
                )
                yield from (future.result() for future in done)
            # Cache hits and bad lines are answered here: a thread would only add overhead.
            found = _guarded(item, _lookup, item, plan)
            if isinstance(found, BatchRecord):
                yield found
            else:
                pending.add(pool.submit(_guarded, item, _extract, found, plan))
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
) -> AsyncIterator[BatchRecord]:
    """iter_batch() as an async iterator: documents run in worker threads (one offline,
    ``concurrency`` with a model), never blocking the event loop.

    Raises:
        LLMConfigError: as for iter_batch().
    """
    plan = _plan(options or ExtractOptions())
    workers = 1 if plan.spec is None else _workers(plan.options, concurrency)
    loop = asyncio.get_running_loop()
    pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="extractor-abatch")
    pending: set[asyncio.Future[BatchRecord]] = set()
    try:
        async for item in _aiterate(items):
            if len(pending) >= workers * _WINDOW_FACTOR:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for future in done:
                    yield future.result()
            pending.add(loop.run_in_executor(pool, _run, item, plan))
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


def _workers(options: ExtractOptions, concurrency: int | None) -> int:
    workers = options.max_concurrency if concurrency is None else concurrency
    if workers < 1:
        raise ValueError(f"concurrency must be at least 1, not {workers}")
    return workers


def _name(item: BatchItem) -> str:
    if item.name is not None:
        return item.name
    return str(item.data) if isinstance(item.data, Path) else item.id


@dataclass(frozen=True)
class _Plan:
    """What every item of one batch shares, worked out once."""

    options: ExtractOptions
    spec: ProviderSpec | None
    cache: ResultCache | None
    run_key: str = ""


@dataclass(frozen=True)
class _Job:
    """An item to extract: its name, its content (bytes when they key the cache) and key."""

    item: BatchItem
    name: str
    data: str | bytes | Path
    key: str | None


def _plan(options: ExtractOptions) -> _Plan:
    spec = model_spec(options)
    if spec is None or not options.cache:
        return _Plan(options, spec, None)
    from extractor.llm.fill import PROMPT_TASK
    from extractor.llm.prompts import load_prompt

    cache = shared_result_cache(options.cache_dir)
    return _Plan(options, spec, cache, run_key(options, spec, load_prompt(PROMPT_TASK).key))


def _run(item: BatchItem, plan: _Plan) -> BatchRecord:
    found = _guarded(item, _lookup, item, plan)
    return found if isinstance(found, BatchRecord) else _guarded(item, _extract, found, plan)


_T = TypeVar("_T")
_A = TypeVar("_A")


def _guarded(
    item: BatchItem, step: Callable[[_A, _Plan], _T], argument: _A, plan: _Plan
) -> _T | BatchRecord:
    try:
        return step(argument, plan)
    except Exception as error:  # any failure is this item's, not the batch's
        return error_record(item, error)


def _lookup(item: BatchItem, plan: _Plan) -> BatchRecord | _Job:
    """The item's cached record, or the job of extracting it."""
    if isinstance(item, InvalidItem):
        raise item.error
    name = _name(item)
    if plan.cache is None:
        return _Job(item, name, item.data, None)
    content = _content(item.data, name, plan.options.max_bytes)
    key = result_key(content, name, plan.run_key)
    stored = plan.cache.get(key)
    if stored is not None:
        return _from_cache(item, stored)
    return _Job(item, name, content, key)


def _extract(job: _Job, plan: _Plan) -> BatchRecord:
    results = extract_all(job.data, name=job.name, options=plan.options)
    record = _record(job.item, results, model=plan.spec is not None)
    # Only ok records are kept: a degraded one would freeze the model's failure.
    if plan.cache is not None and job.key is not None and record.status == "ok":
        plan.cache.set(job.key, record.model_dump_json())
    return record


def _content(data: str | bytes | Path, name: str, max_bytes: int) -> bytes:
    """The input's bytes, read once (they key the cache and are then extracted)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    try:
        size = os.stat(data).st_size
        if size > max_bytes:
            # The pipeline refuses it with the right error, naming the input.
            from extractor.document import load_document

            load_document(data, name=name, max_bytes=max_bytes)
        return data.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from error


def _record(item: BatchItem, results: list[Result], model: bool = True) -> BatchRecord:
    degraded = model and any(_degraded(result) for result in results)
    return BatchRecord(
        id=item.id,
        status="degraded" if degraded else "ok",
        source=_name(item),
        results=results,
        error=None,
    )


def _degraded(result: Result) -> bool:
    from extractor.llm.fill import is_llm_failure

    return any(is_llm_failure(warning) for warning in result.warnings)


def _from_cache(item: BatchItem, stored: str) -> BatchRecord:
    record = BatchRecord.model_validate_json(stored)
    cached = Usage(cached=True, cost_usd=0.0)
    results = [r.model_copy(update={"usage": cached}) for r in record.results]
    return record.model_copy(update={"id": item.id, "results": results})
