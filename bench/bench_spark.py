"""Spark in local mode against the single-process batch path, on the same generated postings.

Run by hand:  .venv/bin/python bench/bench_spark.py [--postings 10000] [--master local[2]]
Not part of bench-smoke: Spark's start (a JVM, then a Python worker per core) takes 20-60 s
before the first document, which is no throughput figure; --smoke runs 300 postings to check
that the script works.

Both paths extract the same items (bench/corpus.py), offline. The batch path is iter_batch in
this process, one document after another. The Spark path reads the items from Parquet,
spreads them over 4 partitions per core, runs extract_dataframe and writes Parquet; a small
warm-up job first starts the Python workers (Spark reuses them), so the figure is the steady
rate, not the start-up. Prints rows (postings, plus one row per failed input) per wall second
and per CPU second for each path (Spark's CPU: the JVM, the Python daemon and its workers,
read from /proc), and Spark's rate over the batch path's: measured, and what the CPU figures
give on idle cores, since a shared machine's wall clock says little.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.* from a checkout

import pyarrow as pa
import pyarrow.parquet as pq

from bench.corpus import generate
from extractor.batch import BatchItem, iter_batch
from extractor.options import ExtractOptions
from extractor.spark import extract_dataframe, spark_session

WARM_UP = 200


@dataclass(frozen=True)
class Run:
    rows: int
    wall: float  # seconds
    cpu: float  # CPU seconds over every process of the path (NaN where /proc is absent)


def batch_rate(items: list[BatchItem], options: ExtractOptions) -> Run:
    """Rows, wall and CPU seconds of iter_batch over ``items`` in this process."""
    started, cpu_started = time.perf_counter(), time.process_time()
    rows = sum(max(len(record.results), 1) for record in iter_batch(items, options))
    return Run(rows, time.perf_counter() - started, time.process_time() - cpu_started)


def descendants_cpu() -> float:
    """CPU seconds of this process's descendants (the JVM, the Python daemon and workers),
    counting the children they have reaped. Linux /proc; NaN elsewhere."""
    proc = Path("/proc")
    if not proc.is_dir():
        return math.nan
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # fields from the 3rd (state) on
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = sum(int(value) for value in fields[11:15])  # u/s/cu/cs time
    found, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return sum(ticks[pid] for pid in found) / os.sysconf("SC_CLK_TCK")


def write_items(items: list[BatchItem], path: Path) -> None:
    table = pa.table(
        {
            "id": [item.id for item in items],
            "html": [item.data if isinstance(item.data, bytes) else b"" for item in items],
        }
    )
    pq.write_table(table, path)


def spark_rate(
    source: Path, out: Path, master: str, partitions: int, options: ExtractOptions
) -> Run:
    """Rows, wall and CPU seconds of read, extract_dataframe and write on Spark."""
    session = spark_session(master, app_name="bench-spark")
    session.sparkContext.setLogLevel("ERROR")
    try:
        frame = session.read.parquet(str(source))
        # Warm-up: start the Python workers and load the vocabulary in each.
        warm = extract_dataframe(
            frame.limit(WARM_UP).repartition(partitions), "html", id_column="id"
        )
        warm.write.format("noop").mode("overwrite").save()
        started, cpu_started = time.perf_counter(), time.process_time() + descendants_cpu()
        output = extract_dataframe(
            frame.repartition(partitions), "html", id_column="id", options=options
        )
        output.write.parquet(str(out), mode="overwrite")
        wall = time.perf_counter() - started
        cpu = time.process_time() + descendants_cpu() - cpu_started
        return Run(session.read.parquet(str(out)).count(), wall, cpu)
    finally:
        session.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postings", type=int, default=10_000, help="documents to extract")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    parser.add_argument("--smoke", action="store_true", help="300 postings: check it runs")
    args = parser.parse_args()
    count = 300 if args.smoke else args.postings
    cores = _cores(args.master)
    options = ExtractOptions()  # offline: no model configured
    items = generate(count)

    batch = batch_rate(items, options)
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as folder:
        source = Path(folder) / "items.parquet"
        write_items(items, source)
        spark = spark_rate(source, Path(folder) / "out", args.master, 4 * cores, options)

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"documents: {count} (bench/corpus.py), offline")
    for label, run in (
        ("batch (iter_batch, 1 process)", batch),
        (f"spark ({args.master}, {4 * cores} partitions)", spark),
    ):
        print(
            f"{label}: {run.rows} rows in {run.wall:.2f} s wall, {run.cpu:.2f} CPU s: "
            f"{run.rows / run.wall:,.0f} rows/s, {run.rows / run.cpu:,.0f} rows per CPU second"
        )
    print(f"spark / batch, wall: {batch.wall / spark.wall:.2f}x")
    # What the wall ratio would be on idle cores: Spark's CPU spread over its cores.
    print(
        f"spark / batch, CPU: each row costs {spark.cpu / batch.cpu:.2f}x the CPU; on {cores} "
        f"idle cores that is {cores * batch.cpu / spark.cpu:.2f}x the batch rate"
    )
    if spark.rows != batch.rows:
        print(f"rows differ: spark {spark.rows}, batch {batch.rows}", file=sys.stderr)
        return 1
    return 0


def _cores(master: str) -> int:
    """The cores a local master uses (local, local[N], local[*]); 2 for a cluster."""
    if master == "local":
        return 1
    if master.startswith("local[") and master[6:-1].isdigit():
        return int(master[6:-1])
    return os.cpu_count() or 2 if master.startswith("local") else 2


if __name__ == "__main__":
    sys.exit(main())
