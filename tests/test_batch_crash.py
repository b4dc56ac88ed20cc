"""kill -9 in the middle of ``extractor batch``, then a rerun with the same OUT (issue 6).

The batch runs as a real subprocess. It is killed (SIGKILL, at seeded random points, each
after at least one line is out) and rerun until it completes: the output must then hold
exactly one valid JSON line per input, and the lines written before a kill stay as they were.
One variant is offline, one calls a scripted model with latency (so kills land while calls
are in flight), and one cuts the last line in half, as a kill in the middle of a write would.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.evals.dataset import load_dataset
from tests.support.scripted_server import Faults, ScriptedServer

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "evals" / "datasets" / "core"
KILLS = 3
SEED = 6

pytestmark = pytest.mark.timeout(180)


def _write_inputs(path: Path, count: int) -> list[str]:
    """A JSON Lines input of ``count`` gold documents (cycled) with distinct ids."""
    documents = [case.document for case in load_dataset(CORE).cases]
    ids = [f"doc-{i:04d}" for i in range(count)]
    with path.open("w", encoding="utf-8") as out:
        for i, item_id in enumerate(ids):
            out.write(json.dumps({"id": item_id, "path": str(documents[i % len(documents)])}))
            out.write("\n")
    return ids


def _command(source: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "batch", str(source), "-o", str(out), *extra]


def _complete_lines(out: Path) -> list[bytes]:
    """The whole lines in OUT (a torn last line, without its newline, left out)."""
    if not out.exists():
        return []
    data = out.read_bytes()
    return data.split(b"\n")[:-1]


class _LineCounter:
    """Counts OUT's whole lines as they appear, reading only what is new."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.lines = 0

    def count(self) -> int:
        try:
            with self.path.open("rb") as stream:
                stream.seek(self.offset)
                chunk = stream.read()
        except FileNotFoundError:
            return 0
        whole = chunk.rfind(b"\n") + 1  # a line still being written is read again later
        self.lines += chunk.count(b"\n", 0, whole)
        self.offset += whole
        return self.lines


def _run_and_kill(command: list[str], out: Path, at_least: int) -> bool:
    """Start the batch, SIGKILL it once OUT holds ``at_least`` lines; False if it ended first."""
    counter = _LineCounter(out)
    log = out.with_suffix(".stderr")  # a file, not a pipe: a full pipe would stall the batch
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            deadline = time.monotonic() + 120
            while process.poll() is None:
                assert time.monotonic() < deadline, "the batch hung"
                if counter.count() >= at_least:
                    os.kill(process.pid, signal.SIGKILL)
                    break
                time.sleep(0.002)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert process.returncode in (0, -signal.SIGKILL), text
    return process.returncode == -signal.SIGKILL


def _run_to_end(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def _assert_one_line_each(out: Path, ids: list[str]) -> None:
    data = out.read_bytes()
    assert data.endswith(b"\n"), "the last line is torn"
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    seen = [record["id"] for record in records]
    assert len(seen) == len(set(seen)), "an input appears twice"
    assert sorted(seen) == sorted(ids), "inputs lost or invented"
    assert all(record["status"] in ("ok", "degraded") for record in records)


def _kill_rerun_and_check(command: list[str], out: Path, ids: list[str]) -> int:
    """Kill the batch KILLS times at random points, rerun it to the end, check OUT;
    returns how many kills landed before the batch ended."""
    rng = random.Random(SEED)
    landed = 0
    for _ in range(KILLS):
        before = _complete_lines(out)
        remaining = len(ids) - len(before)
        if remaining < 2:
            break
        # Within the first half of what is left, so that the next kill finds work too.
        at_least = len(before) + rng.randint(1, max(remaining // 2, 1))
        if _run_and_kill(command, out, at_least):
            landed += 1
        after = _complete_lines(out)
        assert after[: len(before)] == before, "a rerun changed lines already written"
    _run_to_end(command)
    _assert_one_line_each(out, ids)
    return landed


def test_kill_9_offline_then_rerun_gives_one_line_per_input(tmp_path: Path) -> None:
    source, out = tmp_path / "inputs.jsonl", tmp_path / "out.jsonl"
    ids = _write_inputs(source, 300)

    landed = _kill_rerun_and_check(_command(source, out), out, ids)

    assert landed >= 1  # the kills came before the end, so the reruns resumed


@pytest.fixture
def slow_server() -> Iterator[ScriptedServer]:
    # Valid answers only, 50 ms each: a kill always finds calls in flight.
    with ScriptedServer(faults=Faults(rate=0.0, latency=0.05), hard_timeout=170) as running:
        yield running


def test_kill_9_during_model_calls_then_rerun_gives_one_line_per_input(
    tmp_path: Path, slow_server: ScriptedServer
) -> None:
    source, out = tmp_path / "inputs.jsonl", tmp_path / "out.jsonl"
    ids = _write_inputs(source, 100)
    command = _command(
        source,
        out,
        "--llm",
        "scripted-model",
        "--base-url",
        slow_server.base_url,
        "--no-cache",
        "--concurrency",
        "8",
    )

    landed = _kill_rerun_and_check(command, out, ids)

    assert landed == KILLS
    assert slow_server.max_in_flight > 1


def test_a_torn_last_line_is_redone(tmp_path: Path) -> None:
    source, out = tmp_path / "inputs.jsonl", tmp_path / "out.jsonl"
    ids = _write_inputs(source, 40)
    command = _command(source, out)
    _run_to_end(command)
    lines = _complete_lines(out)
    torn = lines[-1][: len(lines[-1]) // 2]
    out.write_bytes(b"\n".join(lines[:-1]) + b"\n" + torn)  # a write cut short by a kill

    _run_to_end(command)

    _assert_one_line_each(out, ids)
    assert _complete_lines(out)[: len(lines) - 1] == lines[:-1]
