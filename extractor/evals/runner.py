"""Runs extraction strategies over a dataset and scores every labelled field.

Each strategy maps to ``ExtractOptions`` and ``extract_all()``. A document can hold several
postings; the gold describes one, so the posting whose title best matches the gold title is
scored and the case notes that. Cases run in a thread pool when the strategy calls a model;
offline runs are CPU-bound and run one after another.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import extractor
from extractor.errors import DatasetError, ExtractorError, LLMConfigError
from extractor.evals.dataset import Case, Dataset, load_dataset
from extractor.evals.gold import check_gold
from extractor.evals.report import (
    CaseReport,
    CaseUsage,
    DatasetInfo,
    FieldResult,
    Report,
    RunInfo,
    StrategyReport,
    summarize,
)
from extractor.evals.scorers import fold_text, score_field
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_all
from extractor.schema import POSTING_FIELDS, SCHEMA_VERSION, Posting, Result

DEFAULT_CONCURRENCY = 8
Extract = Callable[[Path, ExtractOptions], list[Result]]


def _extract(path: Path, options: ExtractOptions) -> list[Result]:
    return extract_all(path, options=options)


def run_eval(
    dataset_path: str | Path,
    strategies: Sequence[Strategy | str] = (Strategy.OFFLINE,),
    *,
    llm: str | None = None,
    base_url: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: bool = False,
    extract: Extract = _extract,
    options: ExtractOptions | None = None,
) -> Report:
    """Run each strategy over the dataset at ``dataset_path`` and score it.

    ``options`` sets everything else about extraction (token budget, cache, retries); the
    strategy, model, endpoint and concurrency given here override its own.

    ``extract`` is the extraction to evaluate (``extract_all`` by default); tests and
    experiments can pass another with the same signature.

    Raises:
        DatasetError: the dataset folder is unusable, holds no cases, or a gold file cannot
            be scored (not JSON, unknown fields, values the schema refuses; ``--check`` lists
            them all).
        LLMConfigError: the model or its key is wrong (from the first case that used it).
        ValueError: a strategy name that is not a Strategy, or a concurrency below 1.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    chosen = [Strategy(name) for name in strategies]
    dataset = load_dataset(dataset_path)
    golds = _scorable_gold(dataset)
    started = _now()
    model = llm or os.environ.get("EXTRACTOR_LLM") or None
    runs = [
        _run_strategy(
            dataset,
            golds,
            (options or ExtractOptions()).model_copy(
                update={
                    "strategy": strategy,
                    "llm": llm,
                    "base_url": base_url,
                    "include_text": True,
                    "max_concurrency": concurrency,
                }
            ),
            progress,
            extract,
        )
        for strategy in dict.fromkeys(chosen)
    ]
    return Report(
        run=RunInfo(
            package_version=extractor.__version__,
            git_commit=git_commit(),
            schema_version=SCHEMA_VERSION,
            prompt_versions=prompt_versions(),
            model=model,
            base_url=base_url,
            started_at=started,
            finished_at=_now(),
        ),
        dataset=DatasetInfo(
            name=dataset.name,
            path=str(dataset.root),
            hash=dataset.hash,
            cases=len(dataset.cases),
        ),
        strategies=runs,
    )


def _scorable_gold(dataset: Dataset) -> dict[str, dict[str, Any]]:
    if not dataset.cases:
        raise DatasetError(f"{dataset.root}: no cases (a document with <id>.gold.json beside it)")
    golds: dict[str, dict[str, Any]] = {}
    blocking: list[str] = []
    for case in dataset.cases:
        gold = case.gold()
        golds[case.case_id] = gold
        blocking.extend(str(p) for p in check_gold(case.case_id, gold) if p.blocks_scoring)
    if blocking:
        shown = "; ".join(blocking[:5])
        more = f" (and {len(blocking) - 5} more)" if len(blocking) > 5 else ""
        raise DatasetError(
            f"{dataset.root}: gold that cannot be scored: {shown}{more}; "
            "run with --check to list every problem"
        )
    return golds


def _uses_model(strategy: Strategy, llm: str | None) -> bool:
    return strategy is not Strategy.OFFLINE and bool(llm or os.environ.get("EXTRACTOR_LLM"))


def _run_strategy(
    dataset: Dataset,
    golds: dict[str, dict[str, Any]],
    options: ExtractOptions,
    show_progress: bool,
    extract: Extract,
) -> StrategyReport:
    strategy = options.strategy
    workers = options.max_concurrency if _uses_model(strategy, options.llm) else 1
    started = time.perf_counter()
    console = Console(stderr=True)
    with Progress(
        TextColumn(f"[bold]{strategy.value}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not (show_progress and console.is_terminal),
    ) as bar:
        task = bar.add_task(strategy.value, total=len(dataset.cases))

        def run(case: Case) -> CaseReport:
            report = run_case(case, golds[case.case_id], options, extract)
            bar.advance(task)
            return report

        if workers == 1:
            cases = [run(case) for case in dataset.cases]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                cases = list(pool.map(run, dataset.cases))
    return summarize(strategy.value, cases, time.perf_counter() - started)


def run_case(
    case: Case, gold: dict[str, Any], options: ExtractOptions, extract: Extract = _extract
) -> CaseReport:
    """Extract one case's document and score the posting that the gold describes.

    A failed extraction is recorded on the case and scored as an empty posting, so it
    counts as misses (and as right wherever the gold says "not stated").

    Raises:
        LLMConfigError: the model or its key is wrong; every case would fail the same way.
    """
    started = time.perf_counter()
    notes: list[str] = []
    error: str | None = None
    try:
        results = extract(case.document, options)
    except LLMConfigError:
        raise  # a wrong model or key fails every case alike: stop the run, not each case
    except ExtractorError as failure:
        results, error = [], str(failure)
    except Exception as failure:  # a bug on one document must not sink the whole run
        results, error = [], f"internal error: {type(failure).__name__}: {failure}"
    chosen = choose_posting(results, gold.get("title"))
    if len(results) > 1 and chosen is not None:
        notes.append(
            f"the document holds {len(results)} postings; scored #{chosen} "
            f"({results[chosen].posting.title!r}), the best match for the gold title"
        )
    if not results and error is None:
        notes.append("no posting was extracted")
    result = results[chosen] if chosen is not None else None
    return CaseReport(
        case_id=case.case_id,
        document=case.document.name,
        format=result.format if result else None,
        postings_found=len(results),
        chosen_posting=chosen,
        notes=notes,
        error=error,
        fields=score_posting(gold, result),
        usage=_usage(result),
        seconds=round(time.perf_counter() - started, 4),
        text=result.text if result else None,
    )


def choose_posting(results: Sequence[Result], gold_title: Any) -> int | None:
    """The index of the result whose title best matches the gold title (the first on ties)."""
    if not results:
        return None
    if not isinstance(gold_title, str) or len(results) == 1:
        return 0
    target = fold_text(gold_title)

    def similarity(index: int) -> float:
        title = results[index].posting.title
        return fuzz.token_sort_ratio(target, fold_text(title)) if title else -1.0

    return max(range(len(results)), key=lambda i: (similarity(i), -i))


def score_posting(gold: dict[str, Any], result: Result | None) -> list[FieldResult]:
    """One row per labelled field, in schema order."""
    posting = result.posting if result else Posting()
    predicted = posting.model_dump(mode="json")
    provenance = result.provenance if result else {}
    rows: list[FieldResult] = []
    for name in POSTING_FIELDS:
        if name not in gold:
            continue
        scored = score_field(name, gold[name], predicted[name])
        origin = provenance.get(name)
        rows.append(
            FieldResult(
                field=name,
                gold=gold[name],
                predicted=predicted[name],
                score=scored.score,
                hallucination=scored.hallucination,
                miss=scored.miss,
                source=origin.source if origin else None,
                span=origin.span if origin else None,
            )
        )
    return rows


def _usage(result: Result | None) -> CaseUsage:
    if result is None:
        return CaseUsage()
    usage = result.usage
    return CaseUsage(
        llm_calls=usage.llm_calls,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        retries=usage.retries,
        cached=usage.cached,
    )


def git_commit() -> str | None:
    """The commit the package runs from, or None outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(extractor.__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit else None


def prompt_versions() -> dict[str, str]:
    """The LLM prompts' versions, when the prompt module exists and says them."""
    try:
        module = importlib.import_module("extractor.llm.prompts")
    except ImportError:
        return {}
    versions = getattr(module, "prompt_versions", None)
    if not callable(versions):
        return {}
    found = versions()
    if not isinstance(found, dict):
        return {}
    return {str(key): str(value) for key, value in found.items()}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
