"""Offline throughput: parse + rules + merge over the gold datasets' documents, on one core.

Run by hand:  .venv/bin/python bench/bench_offline.py [--seconds 20] [--dataset DIR ...]
CI runs it smoke-sized (--seconds 2). Prints postings per second and peak RSS; the target
(issue 3) is at least 500 postings per second on one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

from extractor import ExtractOptions
from extractor.document import load_document
from extractor.pipeline import extract_document

REPO = Path(__file__).resolve().parent.parent
TARGET_PER_SECOND = 500


def _documents(datasets: list[Path]) -> list[Path]:
    """Every case document: all files but the gold labels and the dataset's own notes."""
    return [
        path
        for dataset in datasets
        for path in sorted(dataset.iterdir())
        if path.is_file()
        and not path.name.endswith(".gold.json")
        and path.name not in ("dataset.json", "NOTES.md")
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to run")
    parser.add_argument(
        "--dataset",
        type=Path,
        action="append",
        help="dataset folders (default: evals/datasets/core)",
    )
    args = parser.parse_args()
    datasets = args.dataset or [REPO / "evals" / "datasets" / "core"]
    # Read once: the benchmark measures extraction, not disk.
    documents = [load_document(path) for path in _documents(datasets)]
    if not documents:
        print("no documents found", file=sys.stderr)
        return 1
    options = ExtractOptions()
    for document in documents:  # warm caches (vocabulary automaton, locale tables)
        extract_document(document, options)

    postings = rounds = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < args.seconds:
        for document in documents:
            postings += len(extract_document(document, options))
        rounds += 1
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rate = postings / cpu  # per CPU second: one core's worth, whatever else the machine runs
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        f"documents: {len(documents)} from {', '.join(str(d.relative_to(REPO)) for d in datasets)}"
    )
    print(f"rounds: {rounds}, postings: {postings}, wall: {wall:.2f} s, cpu: {cpu:.2f} s")
    print(f"throughput: {rate:,.0f} postings/s per core (target {TARGET_PER_SECOND})")
    print(f"peak RSS: {peak_rss_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
