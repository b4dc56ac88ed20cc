"""CPU seconds of this process and of the processes that work for it.

``resource.RUSAGE_CHILDREN`` counts only children that have ended and been waited for. A
batch's worker processes on Linux are forked by multiprocessing's fork server, a child of
this process that outlives every pool: they are its children, not ours. So on Linux the
live descendants are read from /proc too: each one's own CPU and that of the children it
has reaped (utime, stime, cutime, cstime). Processes named in ``exclude`` (a benchmark's
server, say) are left out with everything below them.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Collection
from pathlib import Path

_PROC = Path("/proc")


def cpu_seconds(exclude: Collection[int] = ()) -> float:
    """CPU of this process, its ended children and (Linux) its live descendants."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime
    if _PROC.is_dir():
        total += sum(_stat_seconds(pid) for pid in _descendants(os.getpid(), set(exclude)))
    return total


def _descendants(root: int, exclude: set[int]) -> list[int]:
    parents: dict[int, int] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                parents[int(entry.name)] = int(fields[1])  # ppid
    found: list[int] = []
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in exclude:
                found.append(pid)
                frontier.append(pid)
    return found


def _stat_fields(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (state first); [] if gone."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:  # the process ended meanwhile
        return []
    return text[text.rfind(")") + 2 :].split()


def _stat_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if not fields:
        return 0.0
    # utime, stime, cutime, cstime: fields 14-17 of stat(5), 11-14 after the name.
    ticks = sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def descendants_rss_mb(exclude: Collection[int] = ()) -> float:
    """The largest resident set (VmRSS) among this process's live descendants, in MB: a
    benchmark samples it while its workers run (their peak is lost once they end)."""
    largest = 0.0
    if not _PROC.is_dir():
        return largest
    for pid in _descendants(os.getpid(), set(exclude)):
        try:
            status = (_PROC / str(pid) / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                largest = max(largest, int(line.split()[1]) / 1024)  # kB
    return largest
