"""Offline throughput and peak memory of the batch path over generated postings.

Run by hand:  .venv/bin/python bench/bench_offline.py [--postings 10000] [--dataset DIR ...]
CI runs it smoke-sized (--postings 500).

The postings are generated from the gold datasets' documents (bench/corpus.py: each one
distinct) and streamed through ``iter_batch`` offline: parse + rules + merge, one after
another in this thread, or in ``--workers N`` processes. Prints postings per CPU second
(one core's worth, whatever else the machine runs; CPU summed over this process and its
workers) and per wall second (the whole machine), and the peak RSS of each process.
Targets (issue 6): at least 500 postings/s per core and a peak RSS under 300 MB.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.* from a checkout

from bench.corpus import REPO, default_datasets, iter_items, load_sources
from bench.cpu import cpu_seconds, descendants_rss_mb
from extractor.batch import iter_batch
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_all

TARGET_PER_SECOND = 500
TARGET_RSS_MB = 300
# A worker's memory is sampled while it runs (its peak is not readable once it has ended).
_RSS_SAMPLE_EVERY = 256


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postings", type=int, default=10_000, help="how many to generate")
    parser.add_argument(
        "--dataset",
        type=Path,
        action="append",
        help="gold dataset folders (default: evals/datasets/core, and the seeds if present)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="processes sharing the batch (0: one per core)"
    )
    args = parser.parse_args()
    datasets = args.dataset or default_datasets()
    sources = load_sources(datasets)
    options = ExtractOptions(strategy=Strategy.OFFLINE)
    for source in sources:  # warm caches (vocabulary automaton, locale tables, parsers)
        extract_all(source.text, name=source.case_id + source.suffix, options=options)

    statuses: Counter[str] = Counter()
    postings = 0
    worker_rss_mb = 0.0
    started, cpu_started = time.perf_counter(), cpu_seconds()
    # Items are generated as the batch pulls them: memory holds the work, not the corpus.
    batch = iter_batch(iter_items(args.postings, sources), options, workers=args.workers)
    for count, record in enumerate(batch, 1):
        statuses[record.status] += 1
        postings += len(record.results)
        if args.workers != 1 and count % _RSS_SAMPLE_EVERY == 0:
            worker_rss_mb = max(worker_rss_mb, descendants_rss_mb())
    wall = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    shown = ", ".join(str(d.resolve().relative_to(REPO)) for d in datasets)
    print(f"inputs: {args.postings:,} generated from {len(sources)} documents ({shown})")
    print(
        f"records: {', '.join(f'{n:,} {s}' for s, n in sorted(statuses.items()))}; "
        f"postings extracted: {postings:,}"
    )
    print(f"workers: {args.workers}; wall: {wall:.2f} s, cpu: {cpu:.2f} s (all processes)")
    print(
        f"throughput: {args.postings / cpu:,.0f} postings/s per core "
        f"(target {TARGET_PER_SECOND}), {args.postings / wall:,.0f} postings/s wall"
    )
    print(f"peak RSS: {peak_rss_mb:,.0f} MB (target < {TARGET_RSS_MB})")
    if args.workers != 1:
        print(f"largest RSS of a worker process seen: {worker_rss_mb:,.0f} MB")
    return 0 if not statuses.get("error") else 1


if __name__ == "__main__":
    sys.exit(main())
