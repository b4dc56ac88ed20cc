"""The async API: results in input order, a bounded number of requests in flight."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import extractor
from extractor import EmptyInputError, ExtractOptions, extract_all
from extractor.llm.aio import extract_all_async, extract_many_async
from tests.support.scripted_server import ScriptedServer, answer

POSTINGS = [
    f"Data Engineer {i}\n\nAcme {i} is hiring for its Platform team.\nYou will build pipelines.\n"
    for i in range(6)
]


def test_the_async_api_is_exported() -> None:
    assert extractor.extract_all_async is extract_all_async
    assert extractor.extract_many_async is extract_many_async


def test_one_document_matches_the_sync_api() -> None:
    assert asyncio.run(extract_all_async(POSTINGS[0])) == extract_all(POSTINGS[0])


def test_many_documents_keep_their_order_and_bound_the_requests(tmp_path: Path) -> None:
    with ScriptedServer([answer({"department": "Platform"}, delay=0.3)]) as server:
        options = ExtractOptions(
            llm="scripted",
            base_url=server.base_url,
            strategy="hybrid",
            max_concurrency=2,
            cache_dir=tmp_path,
        )
        results = asyncio.run(extract_many_async(POSTINGS, options=options))

        assert server.calls == len(POSTINGS)
        assert server.max_in_flight == 2  # bounded, and used
    for index, found in enumerate(results):
        assert not isinstance(found, BaseException)
        assert found[0].posting.title == f"Data Engineer {index}"
        assert found[0].posting.department == "Platform"


def test_failures_raise_or_take_their_place() -> None:
    with pytest.raises(EmptyInputError):
        asyncio.run(extract_many_async([POSTINGS[0], "   "]))
    results = asyncio.run(extract_many_async([POSTINGS[0], "   "], return_exceptions=True))
    assert isinstance(results[1], EmptyInputError)
    assert not isinstance(results[0], BaseException)
