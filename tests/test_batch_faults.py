"""A 1,000-posting batch against a server that fails 30% of its calls (issue 6, fault tests).

The scripted server (tests/support/scripted_server.py, fault mode) answers 429 with
Retry-After, 500/502/503, too late for the client's timeout, truncated JSON, JSON that breaks
the schema and bodies that are not JSON, at random (seeded); the rest get a valid answer. The
batch must still account for every input once, keep every field the parsers and rules found,
mark the postings whose model call failed as degraded, and stay within the retries allowed.

The retry bound, from extractor/llm/fill.py and retry.py: each posting with empty fields
gets one ``_ask``; tenacity makes up to ``max_retries + 1`` attempts of ``client.complete``
(on 429, 5xx, timeouts and lost connections only), and each attempt is one call plus up to
``reasks`` re-asks by instructor (on invalid answers). So a posting costs at most
``(1 + max_retries) * (1 + reasks)`` calls, and its ``usage.retries`` (transient retries plus
re-asks) is its calls minus one.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractor import ExtractOptions, extract_all
from extractor.batch import BatchItem, BatchRecord, aiter_batch, iter_batch
from extractor.evals.dataset import load_dataset
from extractor.llm.fill import is_llm_failure, missing_fields
from extractor.schema import POSTING_FIELDS, Result
from tests.support.scripted_server import FAULT_KINDS, MODEL, Faults, ScriptedServer

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "evals" / "datasets" / "core"
POSTINGS = 1000
CLI_POSTINGS = ASYNC_POSTINGS = WORKER_POSTINGS = 200
# Small limits so that the run ends quickly: a "timeout" fault answers after 2.5 s, past
# the client's 1.5 s; a 429 says to come back at once.
MAX_RETRIES, REASKS, TIMEOUT = 2, 1, 1.5
FAULTS = Faults(rate=0.30, seed=6, retry_after="0", timeout_delay=2.5)
CONCURRENCY = 32

pytestmark = pytest.mark.timeout(240)


@dataclass
class Tally:
    """What a fault run came to: records by status, retries and re-asks, values filled."""

    statuses: Counter[str]
    retries: int = 0
    llm_values: int = 0


@dataclass(frozen=True)
class Expected:
    """What the offline run of one document gives: the bar for the batch's record."""

    results: list[Result]

    @property
    def needing_llm(self) -> int:
        """Postings with empty fields: each gets one model request (and its retries)."""
        return sum(1 for result in self.results if missing_fields(result.posting))


def _documents() -> list[Path]:
    return [case.document for case in load_dataset(CORE).cases]


def _offline(documents: list[Path]) -> dict[Path, Expected]:
    options = ExtractOptions(strategy="offline")
    return {doc: Expected(extract_all(doc, options=options)) for doc in documents}


def _inputs(documents: list[Path], count: int) -> dict[str, Path]:
    """``count`` distinct ids over the gold documents, cycled. The answer cache is off in
    these runs, so a repeated text still makes its calls."""
    return {f"posting-{i:05d}": documents[i % len(documents)] for i in range(count)}


def _options(server: ScriptedServer, tmp_path: Path) -> ExtractOptions:
    return server.options(
        tmp_path / "cache", cache=False, timeout=TIMEOUT, max_retries=MAX_RETRIES, reasks=REASKS
    )


@pytest.fixture(scope="module")
def documents() -> list[Path]:
    return _documents()


@pytest.fixture(scope="module")
def offline(documents: list[Path]) -> dict[Path, Expected]:
    return _offline(documents)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(faults=FAULTS, hard_timeout=300) as running:
        yield running


def _check_records(
    records: list[dict[str, Any]],
    inputs: dict[str, Path],
    offline: dict[Path, Expected],
    server: ScriptedServer,
    max_retries: int,
    reasks: int,
) -> Tally:
    """Every assertion the issue asks of a fault run; returns what the run came to."""
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids)), "an input appears twice"
    assert set(ids) == set(inputs), "inputs lost or invented"

    per_posting = (1 + max_retries) * (1 + reasks)
    tally = Tally(Counter())
    llm_calls = 0
    for record in records:
        tally.statuses[record["status"]] += 1
        assert record["status"] in ("ok", "degraded"), record.get("error")  # valid inputs
        expected = offline[inputs[record["id"]]]
        results = [Result.model_validate(r) for r in record["results"]]
        assert len(results) == len(expected.results), record["id"]
        failed = False
        for got, want in zip(results, expected.results, strict=True):
            # Hybrid fills only empty fields: whatever the parsers and rules found stays.
            for name in POSTING_FIELDS:
                value = getattr(want.posting, name)
                if name not in missing_fields(want.posting):
                    assert getattr(got.posting, name) == value, (record["id"], name)
                    assert got.provenance[name] == want.provenance[name], (record["id"], name)
                elif name in got.provenance:
                    assert got.provenance[name].source == f"llm:{MODEL}", (record["id"], name)
                    tally.llm_values += 1
            usage = got.usage
            why = (record["id"], usage, got.warnings)
            assert usage.llm_calls <= per_posting, why
            assert usage.retries == max(usage.llm_calls - 1, 0), why
            assert usage.cached is False
            llm_calls += usage.llm_calls
            tally.retries += usage.retries
            failed = failed or any(is_llm_failure(w) for w in got.warnings)
        # Degraded exactly when some posting's model step failed, and it says so.
        assert (record["status"] == "degraded") == failed, record["id"]

    needing = sum(offline[document].needing_llm for document in inputs.values())
    assert server.calls <= needing * per_posting
    assert llm_calls == server.calls  # every call the server saw is on some record's bill
    assert tally.llm_values > 0  # valid answers did reach the records
    return tally


def _fault_figures(server: ScriptedServer, tally: Tally, seconds: float) -> str:
    faults = sum(server.failures.values())
    kinds = ", ".join(f"{kind} {server.failures[kind]}" for kind in FAULT_KINDS)
    return (
        f"{sum(tally.statuses.values())} inputs ({dict(tally.statuses)}) in {seconds:.1f} s; "
        f"{server.calls} calls, {faults} faults ({kinds}); {tally.retries} retries and "
        f"re-asks; {tally.llm_values} values filled; max in flight {server.max_in_flight}"
    )


@pytest.mark.parametrize(
    ("count", "workers"),
    # In worker processes, the workers parse and prepare requests; this process calls.
    [(POSTINGS, 1), (WORKER_POSTINGS, 2)],
    ids=["1000-postings-one-process", "200-postings-2-workers"],
)
def test_a_batch_through_faults_loses_nothing(
    documents: list[Path],
    offline: dict[Path, Expected],
    server: ScriptedServer,
    tmp_path: Path,
    count: int,
    workers: int,
) -> None:
    inputs = _inputs(documents, count)
    items = [BatchItem(item_id, document) for item_id, document in inputs.items()]
    started = time.monotonic()
    options = _options(server, tmp_path)
    records = list(iter_batch(items, options, concurrency=CONCURRENCY, workers=workers))
    seconds = time.monotonic() - started

    tally = _check_records(
        [r.model_dump(mode="json") for r in records], inputs, offline, server, MAX_RETRIES, REASKS
    )
    print(_fault_figures(server, tally, seconds))
    # The faults really happened, of every kind, at about the rate asked.
    assert all(server.failures[kind] > 0 for kind in FAULT_KINDS), server.failures
    assert 0.2 < sum(server.failures.values()) / server.calls < 0.4
    assert tally.statuses["ok"] > tally.statuses["degraded"] > 0


def test_the_async_batch_through_faults_loses_nothing(
    documents: list[Path],
    offline: dict[Path, Expected],
    server: ScriptedServer,
    tmp_path: Path,
) -> None:
    inputs = _inputs(documents, ASYNC_POSTINGS)
    items = [BatchItem(item_id, document) for item_id, document in inputs.items()]

    async def collect() -> list[BatchRecord]:
        options = _options(server, tmp_path)
        return [record async for record in aiter_batch(items, options, concurrency=CONCURRENCY)]

    records = asyncio.run(collect())

    tally = _check_records(
        [r.model_dump(mode="json") for r in records], inputs, offline, server, MAX_RETRIES, REASKS
    )
    assert tally.statuses["ok"] > 0


def test_the_cli_batch_through_faults_loses_nothing(
    documents: list[Path],
    offline: dict[Path, Expected],
    server: ScriptedServer,
    tmp_path: Path,
) -> None:
    inputs = _inputs(documents, CLI_POSTINGS)
    source = tmp_path / "inputs.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "path": str(doc)}) + "\n" for i, doc in inputs.items())
    )
    out = tmp_path / "out.jsonl"
    command = [
        sys.executable,
        "-m",
        "extractor",
        "batch",
        str(source),
        "-o",
        str(out),
        "--llm",
        MODEL,
        "--base-url",
        server.base_url,
        "--no-cache",
        "--concurrency",
        str(CONCURRENCY),
        "--no-progress",
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=200, check=False)
    seconds = time.monotonic() - started

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(inputs)
    # The command line keeps the default limits (a 60 s timeout: "timeout" faults come late
    # but in time), so the bound is the defaults'.
    defaults = ExtractOptions()
    tally = _check_records(records, inputs, offline, server, defaults.max_retries, defaults.reasks)
    print(_fault_figures(server, tally, seconds))
