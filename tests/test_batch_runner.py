"""process_item(), iter_batch() and aiter_batch(): records for every input, ok, degraded or
error, against a real scripted OpenAI-compatible server on 127.0.0.1 for the model path."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor import ExtractOptions, LLMConfigError
from extractor.batch import BatchItem, BatchRecord, aiter_batch, iter_batch
from tests.support.postings import GROUNDED
from tests.support.postings import POSTING_WITH_REQUIREMENTS as POSTING
from tests.support.scripted_server import ScriptedServer, answer, error

JOB = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Data Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme"},
}


def _options(server: ScriptedServer, tmp_path: Path, **changes: Any) -> ExtractOptions:
    return server.options(tmp_path / "cache", **changes)


def _postings(count: int) -> list[BatchItem]:
    # Distinct texts, so no two documents share a cached answer.
    return [BatchItem(id=f"p{i}", data=f"{POSTING}\nReference {i}") for i in range(count)]


def test_a_bug_in_one_document_loses_none_of_the_others() -> None:
    broken = BatchItem(id="bug", data=12345)  # type: ignore[arg-type]  # not text: a bug
    items = [BatchItem(id="a", data=POSTING), broken, BatchItem(id="b", data=POSTING)]

    records = {record.id: record for record in iter_batch(items)}

    assert sorted(records) == ["a", "b", "bug"]
    assert records["a"].status == records["b"].status == "ok"
    assert records["bug"].status == "error"
    assert records["bug"].error is not None
    assert records["bug"].error.type == "TypeError"
    assert records["bug"].error.message.startswith("bug: ")


def test_offline_records_come_in_input_order_and_iter_and_aiter_agree() -> None:
    items = [*_postings(3), BatchItem(id="empty", data="")]

    records = list(iter_batch(items))

    async def collect() -> list[BatchRecord]:
        return [record async for record in aiter_batch(items)]

    assert [r.id for r in records] == ["p0", "p1", "p2", "empty"]
    assert sorted(asyncio.run(collect()), key=lambda r: r.id) == sorted(records, key=lambda r: r.id)


def test_a_failing_model_gives_degraded_records_that_keep_the_fields(tmp_path: Path) -> None:
    with ScriptedServer([error(500)], hard_timeout=60) as server:
        options = _options(server, tmp_path, max_retries=0)
        records = list(iter_batch(_postings(2), options))

    assert {r.status for r in records} == {"degraded"}
    for record in records:
        (result,) = record.results
        assert result.posting.title == "Data Engineer"
        assert any("LLM scripted-model failed" in w for w in result.warnings)


def test_a_working_model_gives_ok_records_with_its_fields(tmp_path: Path) -> None:
    with ScriptedServer([answer(GROUNDED)], hard_timeout=60) as server:
        (record,) = iter_batch(_postings(1), _options(server, tmp_path))

    assert record.status == "ok"
    assert record.results[0].posting.department == "Platform Insights"
    assert record.results[0].usage.llm_calls == 1


def test_iter_and_aiter_agree_with_a_model(tmp_path: Path) -> None:
    items = _postings(4)

    async def collect(options: ExtractOptions) -> list[BatchRecord]:
        async def source() -> AsyncIterator[BatchItem]:
            for item in items:
                yield item

        return [record async for record in aiter_batch(source(), options, concurrency=2)]

    with ScriptedServer([answer(GROUNDED)], hard_timeout=60) as server:
        synced = list(iter_batch(items, _options(server, tmp_path, cache=False)))
        awaited = asyncio.run(collect(_options(server, tmp_path, cache=False)))

    def by_id(records: list[BatchRecord]) -> dict[str, Any]:
        return {r.id: [x.posting for x in r.results] for r in records}

    assert by_id(synced) == by_id(awaited)
    assert len(by_id(synced)) == 4


def test_concurrency_is_bounded_and_items_are_pulled_lazily(tmp_path: Path) -> None:
    pulled = 0

    def items() -> Iterator[BatchItem]:
        nonlocal pulled
        for item in _postings(16):
            pulled += 1
            yield item

    with ScriptedServer([answer(GROUNDED, delay=0.1)], hard_timeout=60) as server:
        options = _options(server, tmp_path, cache=False)
        seen = 0
        started = time.perf_counter()
        for _record in iter_batch(items(), options, concurrency=4):
            seen += 1
            assert pulled - seen <= 2 * 4  # a bounded window, not the whole input
        elapsed = time.perf_counter() - started

    assert seen == 16
    assert server.max_in_flight == 4
    assert elapsed < 16 * 0.1  # really concurrent: one after another takes 1.6 s or more


def test_aiter_bounds_concurrency_too(tmp_path: Path) -> None:
    async def collect(options: ExtractOptions) -> list[BatchRecord]:
        return [record async for record in aiter_batch(_postings(9), options, concurrency=3)]

    with ScriptedServer([answer(GROUNDED, delay=0.1)], hard_timeout=60) as server:
        records = asyncio.run(collect(_options(server, tmp_path, cache=False)))

    assert len(records) == 9
    assert server.max_in_flight == 3


def test_a_wrong_model_configuration_stops_the_batch_before_it_starts() -> None:
    options = ExtractOptions(llm="openai:gpt-4o-mini", strategy="hybrid")  # no OPENAI_API_KEY
    with pytest.raises(LLMConfigError):
        next(iter_batch(_postings(1), options))


def test_one_model_client_serves_every_document_and_thread(tmp_path: Path) -> None:
    from extractor.llm import fill

    with ScriptedServer([answer(GROUNDED, delay=0.05)], hard_timeout=60) as server:
        options = _options(server, tmp_path, cache=False)
        records = list(iter_batch(_postings(8), options, concurrency=4))
        clients = [
            client
            for (spec, _settings), client in fill._CLIENTS.items()
            if spec.endpoint == server.base_url
        ]

    assert {r.status for r in records} == {"ok"}
    assert len(clients) == 1  # built once, shared by the four threads
