"""bench/cpu.py: the CPU and memory of worker processes that are not our direct children
(a fork server's workers) are counted while they live, and an excluded process is not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.cpu import cpu_seconds, descendants_rss_mb

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc (Linux)")

# Burns ~0.5 s of CPU, then says so and waits to be killed.
_BURN = (
    "import time\n"
    "end = time.process_time() + 0.5\n"
    "while time.process_time() < end: pass\n"
    "print('done', flush=True)\n"
    "time.sleep(60)\n"
)
# A child that starts the burner as its own child (our grandchild) and waits.
_PARENT = (
    "import subprocess, sys, time\n"
    f"child = subprocess.Popen([sys.executable, '-c', {_BURN!r}], stdout=sys.stdout)\n"
    "time.sleep(60)\n"
)


def _start(code: str) -> subprocess.Popen[str]:
    # A session of its own, so that one killpg() ends the grandchild too.
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True
    )


def test_a_live_grandchilds_cpu_is_counted_and_an_excluded_one_is_not() -> None:
    before = cpu_seconds()
    parent = _start(_PARENT)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "done"
        counted = cpu_seconds() - before
        excluded = cpu_seconds(exclude=[parent.pid]) - before
        assert descendants_rss_mb() > 1
    finally:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()
    assert counted >= 0.45  # the grandchild's 0.5 s, which RUSAGE_CHILDREN cannot see
    assert excluded < 0.3  # the parent and everything below it left out
