"""A model batch in two stages: the CPU work in worker processes, the model calls here.

The parsers, the rules and the preparation of each model request (the text to send, the
known fields, the cache key, the text to ground answers in) are CPU work, which worker
processes spread over cores. A model call mostly waits on the network; the CPU it needs is
the client's own (request building, HTTP, validation: a few milliseconds a call) and the
answers' grounding. So with workers, a worker returns a document's offline results with
their requests (``Parsed``) and this process completes them in ``concurrency`` threads:
one model client and connection pool, one answer cache, each request model built once, a
local GGUF model loaded once, and ``concurrency`` is simply the number of calls in flight.
The records are those extract_document() gives in one process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.batch.process import Job, Plan, error_record, finish_job
from extractor.batch.records import BatchRecord
from extractor.document import load_document
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_document
from extractor.schema import Result

if TYPE_CHECKING:  # the model step is imported where it runs: offline batches never load it
    from extractor.llm.fill import FillRequest
    from extractor.llm.provider import ProviderSpec


@dataclass(frozen=True)
class Parsed:
    """A document's offline results as JSON, each with its model request (None: nothing
    is missing)."""

    results: list[str]
    requests: list[FillRequest | None]


def offline_stage(options: ExtractOptions) -> ExtractOptions:
    """The options a worker parses with: no model, and the posting texts kept (the model
    requests are made from them)."""
    return options.model_copy(update={"strategy": Strategy.OFFLINE, "include_text": True})


def parse_job(
    job: Job, offline: ExtractOptions, options: ExtractOptions, spec: ProviderSpec
) -> Parsed | BatchRecord:
    """In a worker: the job's offline results (``offline`` from offline_stage(``options``))
    and their model requests, or its error record (never raises)."""
    from extractor.llm.fill import fill_request

    try:
        document = load_document(job.data, name=job.name, max_bytes=offline.max_bytes)
        results = extract_document(document, offline)
        requests = [fill_request(r, r.text, document.text, options, spec) for r in results]
    except Exception as error:  # any failure is this item's, not the batch's
        return error_record(job.item, error)
    if not options.include_text:
        results = [result.model_copy(update={"text": None}) for result in results]
    return Parsed([result.model_dump_json() for result in results], requests)


def fill_parsed(job: Job, parsed: Parsed, plan: Plan) -> BatchRecord:
    """Here, in a thread: the model step over a worker's results, then the record (cached
    when ok)."""
    from extractor.llm.fill import complete_fill

    assert plan.spec is not None, "a model batch"
    results = []
    for raw, request in zip(parsed.results, parsed.requests, strict=True):
        result = Result.model_validate_json(raw)
        if request is not None:
            result = complete_fill(result, request, plan.options, plan.spec)
        results.append(result)
    return finish_job(job, results, plan)
