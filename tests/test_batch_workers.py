"""iter_batch(workers=N), aiter_batch(workers=N) and run_batch(workers=N): items run in worker
processes and give the same records as in one process, offline and with a model (the workers
parse, this process's threads call the model: a real scripted server on 127.0.0.1 counts the
calls, never more than ``concurrency`` in flight); a worker process killed mid-batch loses no
input. Each pool starts processes (forked from a preloaded fork server on Linux, spawned
elsewhere), so the cases are few and small."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from extractor import ExtractOptions
from extractor.batch import BatchItem, BatchRecord, aiter_batch, iter_batch, run_batch
from extractor.batch.items import InvalidItem
from extractor.batch.workers import process_context, resolve_workers
from extractor.errors import InputError
from tests.support.postings import GROUNDED
from tests.support.postings import POSTING_WITH_REQUIREMENTS as POSTING
from tests.support.scripted_server import ScriptedServer, answer

JOB = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Platform Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme"},
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 60000, "unitText": "YEAR"},
    },
}


def _options(server: ScriptedServer, tmp_path: Path, **changes: Any) -> ExtractOptions:
    return server.options(tmp_path / "cache", **{"timeout": 10.0, **changes})


def _postings(count: int) -> list[BatchItem]:
    return [BatchItem(id=f"p{i}", data=f"{POSTING}\nReference {i}") for i in range(count)]


def _by_id(records: list[BatchRecord]) -> dict[str, str]:
    ids = Counter(record.id for record in records)
    assert max(ids.values()) == 1, f"an input came out twice: {ids.most_common(3)}"
    return {record.id: record.model_dump_json() for record in records}


def test_workers_give_the_records_of_one_process(tmp_path: Path) -> None:
    page = tmp_path / "job.html"
    page.write_text(
        f'<script type="application/ld+json">{json.dumps(JOB)}</script>', encoding="utf-8"
    )
    items = [
        *_postings(40),
        BatchItem(id="json", data=json.dumps(JOB)),
        BatchItem(id="page", data=page),
        BatchItem(id="empty", data=""),
        BatchItem(id="bug", data=12345),  # type: ignore[arg-type]  # not text: a bug
        InvalidItem(id="line-9", data="", error=InputError("in.jsonl:9", "not JSON")),
    ]

    alone = _by_id(list(iter_batch(items)))
    pooled = _by_id(list(iter_batch(items, workers=2)))

    assert pooled == alone
    assert len(pooled) == len(items)
    statuses = {key: json.loads(value)["status"] for key, value in pooled.items()}
    assert statuses["p0"] == statuses["json"] == statuses["page"] == "ok"
    assert statuses["bug"] == statuses["line-9"] == statuses["empty"] == "error"


@pytest.mark.parametrize(
    "changes",
    [{}, {"include_text": True}, {"strategy": "llm-only"}],
    ids=["hybrid", "hybrid-with-text", "llm-only"],
)
def test_with_a_model_workers_give_the_records_of_one_process(
    tmp_path: Path, changes: dict[str, Any]
) -> None:
    # The workers parse; this process's threads fill, grounding against the posting's text
    # (llm-only: the whole document's) that the workers sent back.
    items = [
        *_postings(6),
        BatchItem(id="json", data=json.dumps(JOB)),
        BatchItem(id="empty", data=""),
    ]
    with ScriptedServer([answer(GROUNDED)], hard_timeout=120) as server:
        options = _options(server, tmp_path, cache=False, **changes)
        alone = _by_id(list(iter_batch(items, options, concurrency=4)))
        calls = server.calls
        pooled = _by_id(list(iter_batch(items, options, concurrency=4, workers=2)))
        pooled_calls = server.calls - calls

    assert pooled == alone
    assert pooled_calls == calls > 0
    record = json.loads(pooled["p0"])
    assert record["status"] == "ok"
    assert record["results"][0]["posting"]["department"] == "Platform Insights"
    assert (record["results"][0]["text"] is not None) == bool(changes.get("include_text"))


def test_calls_in_flight_stay_within_concurrency_and_the_cache_serves_a_rerun(
    tmp_path: Path,
) -> None:
    items = _postings(24)
    with ScriptedServer([answer(GROUNDED, delay=0.15)], hard_timeout=120) as server:
        options = _options(server, tmp_path)
        # 2 worker processes parse; this process's 3 threads call the model.
        records = list(iter_batch(items, options, concurrency=3, workers=2))
        calls, in_flight = server.calls, server.max_in_flight
        again = list(iter_batch(items, options, concurrency=3, workers=2))
        rerun_calls = server.calls - calls

    assert sorted(_by_id(records)) == sorted(item.id for item in items)
    assert {record.status for record in records} == {"ok"}
    assert records[0].results[0].posting.department == "Platform Insights"
    assert calls == 24
    assert 2 <= in_flight <= 3
    assert _by_id(again).keys() == _by_id(records).keys()
    assert rerun_calls == 0 and all(r.results[0].usage.cached for r in again)


def test_aiter_with_workers_gives_the_records_of_iter() -> None:
    items = [*_postings(5), BatchItem(id="json", data=json.dumps(JOB))]

    async def collect() -> list[BatchRecord]:
        return [record async for record in aiter_batch(items, workers=2)]

    assert _by_id(asyncio.run(collect())) == _by_id(list(iter_batch(items)))


def test_a_killed_worker_process_loses_no_input(tmp_path: Path) -> None:
    items = _postings(16)
    with ScriptedServer([answer(GROUNDED, delay=0.3)], hard_timeout=120) as server:
        batch = iter_batch(items, _options(server, tmp_path, cache=False), concurrency=4, workers=2)
        records = [next(batch)]
        # A real death, as the kernel's OOM killer deals it, mid-batch with chunks in flight.
        victim = multiprocessing.active_children()[0]
        os.kill(victim.pid or 0, signal.SIGKILL)
        records.extend(batch)

    assert sorted(_by_id(records)) == sorted(item.id for item in items)
    # The chunks in flight ran again, once, in a fresh pool.
    assert {record.status for record in records} == {"ok"}


def test_an_item_that_cannot_be_sent_to_a_worker_fails_alone() -> None:
    items = [*_postings(3), BatchItem(id="f", data=lambda: 0)]  # type: ignore[arg-type]

    records = {record.id: record for record in iter_batch(items, workers=2)}

    assert sorted(records) == ["f", "p0", "p1", "p2"]
    assert {records[f"p{i}"].status for i in range(3)} == {"ok"}
    error = records["f"].error
    assert error is not None and error.message.startswith("f: Can't pickle")


def _die_in_a_worker(text: str) -> str:
    # Runs where the item is unpickled: in a worker process, which it kills as the kernel's
    # OOM killer would; in this process (no parent) it only gives the text back.
    if multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return text


class _KillsItsWorker(str):
    """Text whose arrival in a worker process kills that process, every time."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _die_in_a_worker, (str(self),)


def test_an_item_whose_worker_dies_twice_is_a_worker_crashed_record() -> None:
    items = [*_postings(5), BatchItem(id="killer", data=_KillsItsWorker(POSTING))]

    records = {record.id: record for record in iter_batch(items, workers=2)}

    # The pools it broke ran everything again; the others' records are whole.
    assert sorted(records) == sorted(item.id for item in items)
    assert {records[f"p{i}"].status for i in range(5)} == {"ok"}
    killed = records["killer"]
    assert killed.status == "error" and killed.error is not None
    assert killed.error.type == "WorkerCrashed"
    assert killed.error.message.startswith("killer: a worker process died")


_UNGUARDED_SCRIPT = """
import json
from extractor.batch import BatchItem, iter_batch

items = [BatchItem(id=f"p{i}", data=f"Data Engineer\\n\\nAcme. Ref {i}") for i in range(12)]
for record in iter_batch(items, workers=2):
    print(json.dumps({"id": record.id, "type": record.error.type if record.error else None,
                      "message": record.error.message if record.error else None}))
"""


def test_a_script_without_the_main_guard_gets_error_records_that_say_so(tmp_path: Path) -> None:
    # Worker processes import the main script; without the guard each one runs the batch
    # again instead of working, and its pool breaks. Every input still gets a record.
    script = tmp_path / "unguarded.py"
    script.write_text(_UNGUARDED_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, env=env
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert sorted(line["id"] for line in lines) == sorted(f"p{i}" for i in range(12))
    for line in lines:
        assert line["type"] == "WorkerCrashed"
        assert 'if __name__ == "__main__":' in line["message"]


def test_run_batch_with_workers_resumes_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = _postings(10)
    first = run_batch(items[:4], out, workers=2)
    summary = run_batch(items, out, workers=2)

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(item.id for item in items)
    assert first.by_status["ok"] == 4
    assert summary.skipped == 4 and summary.by_status["ok"] == 6


def test_worker_counts() -> None:
    assert resolve_workers(0) == (os.cpu_count() or 1)
    assert resolve_workers(3) == 3
    with pytest.raises(ValueError, match="workers"):
        resolve_workers(-1)


def _already_imported() -> dict[str, bool]:
    # Run in a fresh worker before it has extracted anything.
    return {name: name in sys.modules for name in ("extractor.batch.preload", "openai.resources")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver is for Linux only")
def test_linux_workers_are_forked_from_a_server_that_imported_the_extractor() -> None:
    context = process_context()
    assert context.get_start_method() == "forkserver"
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        imported = pool.submit(_already_imported).result(timeout=120)
    # Not the model client's libraries: workers never call a model.
    assert imported == {"extractor.batch.preload": True, "openai.resources": False}
