"""One item into one record: the per-batch plan, the result-cache lookup, the extraction.

Nothing here raises for an item: our errors and bugs alike become an error record naming
the exception's type, so a batch never dies on one document.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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
        plan = plan_batch(options or ExtractOptions())
    except Exception as error:  # a wrong model configuration: this item's record says so
        return error_record(item, error)
    return run_item(item, plan)


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


def _name(item: BatchItem) -> str:
    if item.name is not None:
        return item.name
    return str(item.data) if isinstance(item.data, Path) else item.id


@dataclass(frozen=True)
class Plan:
    """What every item of one batch shares, worked out once."""

    options: ExtractOptions
    spec: ProviderSpec | None
    cache: ResultCache | None
    run_key: str = ""


@dataclass(frozen=True)
class Job:
    """An item to extract: its name, its content (bytes when they key the cache) and key."""

    item: BatchItem
    name: str
    data: str | bytes | Path
    key: str | None


def plan_batch(options: ExtractOptions) -> Plan:
    """What every item of a batch shares: the model, the result cache and the key's shared part.

    Raises:
        LLMConfigError: the model configuration or the cache folder is wrong.
    """
    spec = model_spec(options)
    if spec is None or not options.cache:
        return Plan(options, spec, None)
    from extractor.llm.fill import PROMPT_TASK
    from extractor.llm.prompts import load_prompt

    cache = shared_result_cache(options.cache_dir)
    return Plan(options, spec, cache, run_key(options, spec, load_prompt(PROMPT_TASK).key))


def run_item(item: BatchItem, plan: Plan) -> BatchRecord:
    """The item's record under ``plan``: from the cache, or extracted (never raises)."""
    found = guarded(item, lookup, item, plan)
    return found if isinstance(found, BatchRecord) else guarded(item, extract_job, found, plan)


_T = TypeVar("_T")
_A = TypeVar("_A")


def guarded(
    item: BatchItem, step: Callable[[_A, Plan], _T], argument: _A, plan: Plan
) -> _T | BatchRecord:
    try:
        return step(argument, plan)
    except Exception as error:  # any failure is this item's, not the batch's
        return error_record(item, error)


def lookup(item: BatchItem, plan: Plan) -> BatchRecord | Job:
    """The item's cached record, or the job of extracting it."""
    if isinstance(item, InvalidItem):
        raise item.error
    name = _name(item)
    if plan.cache is None:
        return Job(item, name, item.data, None)
    content = _content(item.data, name, plan.options.max_bytes)
    key = result_key(content, name, plan.run_key)
    stored = plan.cache.get(key)
    if stored is not None:
        return _from_cache(item, stored)
    return Job(item, name, content, key)


def extract_job(job: Job, plan: Plan) -> BatchRecord:
    results = extract_all(job.data, name=job.name, options=plan.options)
    return finish_job(job, results, plan)


def finish_job(job: Job, results: list[Result], plan: Plan) -> BatchRecord:
    """The job's record from its results, stored in the result cache when it is ok."""
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
