"""A model batch in two stages: parsers and rules in worker processes, the model step here.

The parsers and rules are CPU work, which worker processes spread over cores. A model call
mostly waits on the network; the CPU it needs is the client's own (request building, HTTP,
validation: a few milliseconds a call), and the answers' grounding. So with workers, a
worker returns a document's offline results with their texts (``Parsed``) and this process
fills them in ``concurrency`` threads, as one process would (extractor.pipeline): one model
client and connection pool, one answer cache, each request model built once, a local GGUF
model loaded once, and ``concurrency`` is simply the number of calls in flight.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.batch.process import Job, Plan, error_record, finish_job
from extractor.batch.records import BatchRecord
from extractor.document import load_document
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_document
from extractor.schema import Result


@dataclass(frozen=True)
class Parsed:
    """A document's offline results as JSON, each with its posting's text, and the whole
    document's text where the model step needs it (llm-only, or a posting without text)."""

    results: list[str]
    document_text: str | None


def offline_stage(options: ExtractOptions) -> ExtractOptions:
    """The options a worker parses with: no model, and the posting texts kept for the fill."""
    return options.model_copy(update={"strategy": Strategy.OFFLINE, "include_text": True})


def parse_job(job: Job, offline: ExtractOptions, strategy: Strategy) -> Parsed | BatchRecord:
    """In a worker: the job's offline results (``offline`` from offline_stage()), or its
    error record (never raises)."""
    try:
        document = load_document(job.data, name=job.name, max_bytes=offline.max_bytes)
        results = extract_document(document, offline)
    except Exception as error:  # any failure is this item's, not the batch's
        return error_record(job.item, error)
    wants_document = strategy is Strategy.LLM_ONLY or any(not r.text for r in results)
    return Parsed(
        [result.model_dump_json() for result in results],
        document.text if wants_document else None,
    )


def fill_parsed(job: Job, parsed: Parsed, plan: Plan) -> BatchRecord:
    """Here, in a thread: the model step over a worker's results, as extract_document()
    runs it, then the record (cached when ok)."""
    from extractor.llm.fill import fill_result

    options = plan.options
    results = []
    for raw in parsed.results:
        result = Result.model_validate_json(raw)
        filled = fill_result(result, result.text, parsed.document_text or "", options)
        if not options.include_text:
            filled = filled.model_copy(update={"text": None})
        results.append(filled)
    return finish_job(job, results, plan)
