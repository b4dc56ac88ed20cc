"""The two stages of a model batch with workers: parse_job() (in a worker: parsers and rules,
never a model) and fill_parsed() (here: the model step, the record, the result cache), which
together give what extract_job() gives in one step."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.batch import BatchItem
from extractor.batch.process import Job, extract_job, lookup, plan_batch
from extractor.batch.records import BatchRecord
from extractor.batch.staged import Parsed, fill_parsed, offline_stage, parse_job
from extractor.options import ExtractOptions, Strategy
from tests.support.postings import GROUNDED, POSTING
from tests.support.scripted_server import ScriptedServer, answer


def _job(data: str, item_id: str = "p1") -> Job:
    return Job(BatchItem(id=item_id, data=data), f"{item_id}.txt", data, None)


def test_the_offline_stage_keeps_every_option_but_the_model_and_keeps_texts() -> None:
    options = ExtractOptions(strategy=Strategy.LLM_ONLY, rules_max_chars=5_000, max_bytes=9_999)

    stage = offline_stage(options)

    assert stage.strategy is Strategy.OFFLINE and stage.include_text
    assert (stage.rules_max_chars, stage.max_bytes) == (5_000, 9_999)


def test_a_parsed_posting_carries_its_text_and_the_document_only_when_needed() -> None:
    offline = offline_stage(ExtractOptions())

    hybrid = parse_job(_job(POSTING), offline, Strategy.HYBRID)
    llm_only = parse_job(_job(POSTING), offline, Strategy.LLM_ONLY)

    assert isinstance(hybrid, Parsed) and isinstance(llm_only, Parsed)
    result = json.loads(hybrid.results[0])
    assert result["text"] and result["posting"]["title"]
    assert result["usage"]["llm_calls"] == 0  # the worker never called a model
    assert hybrid.document_text is None  # the posting's own text is what the fill reads
    assert llm_only.document_text is not None and "Platform Insights" in llm_only.document_text


def test_an_input_that_fails_to_load_is_the_items_error_record() -> None:
    record = parse_job(_job("   \n"), offline_stage(ExtractOptions()), Strategy.HYBRID)

    assert isinstance(record, BatchRecord)
    assert record.status == "error" and record.id == "p1" and record.error is not None
    assert record.error.type == "EmptyInputError"
    assert "p1.txt" in record.error.message


def test_filling_parsed_results_gives_the_record_of_one_step_and_caches_it(
    tmp_path: Path,
) -> None:
    item = BatchItem(id="p1", data=POSTING, name="p1.txt")
    with ScriptedServer([answer(GROUNDED)], hard_timeout=60) as server:
        one_step = extract_job(
            Job(item, "p1.txt", POSTING, None), plan_batch(server.options(tmp_path / "a"))
        )
        plan = plan_batch(server.options(tmp_path / "b"))
        job = lookup(item, plan)
        assert isinstance(job, Job) and job.key is not None
        parsed = parse_job(job, offline_stage(plan.options), plan.options.strategy)
        assert isinstance(parsed, Parsed)
        staged = fill_parsed(job, parsed, plan)

    assert staged == one_step
    assert staged.status == "ok" and staged.results[0].text is None  # include_text is off
    assert staged.results[0].posting.department == "Platform Insights"
    assert plan.cache is not None and plan.cache.get(job.key) is not None
