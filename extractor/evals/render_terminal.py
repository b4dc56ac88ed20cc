"""Rich tables for the terminal: a report's figures (strategies side by side) and deltas."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.evals.compare import Comparison, Delta
from extractor.evals.report import Report, StrategyReport


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def fields_table(report: Report) -> Table:
    """Each field's mean (and labelled count) per strategy, then the summary rows."""
    runs = report.strategies
    table = Table(
        title=f"{report.dataset.name}: {report.dataset.cases} cases", title_justify="left"
    )
    table.add_column("field")
    for run in runs:
        table.add_column(run.strategy, justify="right")
    table.add_column("labelled", justify="right")
    names = list(dict.fromkeys(name for run in runs for name in run.fields))
    for name in names:
        cells = [_score(run.fields[name].mean) if name in run.fields else "-" for run in runs]
        labelled = max((run.fields[name].labelled for run in runs if name in run.fields), default=0)
        table.add_row(name, *cells, str(labelled))
    table.add_section()
    summary: list[tuple[str, list[str]]] = [
        ("macro mean", [_score(r.macro_mean) for r in runs]),
        (
            "hallucination rate",
            [_rate(r.hallucinations, r.gold_nulls, r.hallucination_rate) for r in runs],
        ),
        ("miss rate", [_rate(r.misses, r.gold_values, r.miss_rate) for r in runs]),
        ("errors", [str(r.errors) for r in runs]),
        ("LLM calls", [str(r.usage.llm_calls) for r in runs]),
        ("tokens in / out", [f"{r.usage.input_tokens} / {r.usage.output_tokens}" for r in runs]),
        ("cache hits", [str(r.usage.cache_hits) for r in runs]),
        ("wall time", [f"{r.usage.wall_seconds:.2f}s" for r in runs]),
    ]
    for label, cells in summary:
        table.add_row(label, *cells, "", style="bold" if label == "macro mean" else None)
    return table


def _rate(part: int, whole: int, rate: float | None) -> str:
    return f"{_percent(rate)} ({part}/{whole})"


def breakdown_tables(run: StrategyReport) -> list[Table]:
    """One strategy's scores by detected format and by provenance source."""
    formats = Table(title=f"{run.strategy}: by detected format", title_justify="left")
    for column in ("format", "cases", "mean", "hallucination rate", "miss rate"):
        formats.add_column(column, justify="left" if column == "format" else "right")
    for name, part in run.by_format.items():
        formats.add_row(
            name,
            str(part.cases),
            _score(part.mean_score),
            _rate(part.hallucinations, part.gold_nulls, part.hallucination_rate),
            _rate(part.misses, part.gold_values, part.miss_rate),
        )
    sources = Table(title=f"{run.strategy}: by provenance source", title_justify="left")
    for column in ("source", "predictions", "mean", "hallucinations"):
        sources.add_column(column, justify="left" if column == "source" else "right")
    for name, source in run.by_source.items():
        sources.add_row(
            name,
            str(source.predictions),
            _score(source.mean_score),
            f"{source.hallucinations} ({_percent(source.hallucination_share)})",
        )
    return [formats, sources]


def print_report(report: Report, console: Console, *, breakdowns: bool = True) -> None:
    """The report as tables, with a line of what produced it."""
    run = report.run
    console.print(
        f"extractor {run.package_version}"
        f"{f' @ {run.git_commit[:10]}' if run.git_commit else ''}, schema {run.schema_version}, "
        f"model {run.model or 'none'}, dataset hash {report.dataset.hash[:12]}"
    )
    console.print(fields_table(report))
    if breakdowns:
        for strategy in report.strategies:
            for table in breakdown_tables(strategy):
                console.print(table)
    for strategy in report.strategies:
        for case in strategy.cases:
            if case.error:
                console.print(f"[red]{strategy.strategy} {case.case_id}: {case.error}[/red]")


def print_diffs(report: Report, console: Console) -> None:
    """Every field that did not score 1.0: gold against prediction, with its source."""
    for strategy in report.strategies:
        table = Table(title=f"{strategy.strategy}: fields not fully right", title_justify="left")
        for column in ("case", "field", "gold", "predicted", "score", "source"):
            table.add_column(column, overflow="fold")
        for case in strategy.cases:
            for row in case.fields:
                if row.score >= 1.0:
                    continue
                verdict = "hallucination" if row.hallucination else "miss" if row.miss else ""
                table.add_row(
                    case.case_id,
                    row.field,
                    _short(row.gold),
                    _short(row.predicted),
                    f"{row.score:.2f} {verdict}".strip(),
                    row.source or "-",
                )
        console.print(table)


def _short(value: Any, limit: int = 120) -> Text:
    text = json.dumps(value, ensure_ascii=False)
    # Text, not markup: gold and predictions may hold square brackets.
    return Text(text if len(text) <= limit else text[: limit - 1] + "…")


def _signed(delta: Delta) -> str:
    change = delta.change
    return "-" if change is None else f"{change:+.3f}"


def print_comparison(comparison: Comparison, console: Console) -> None:
    """Per-field deltas per strategy; regressions in red."""
    for note in comparison.notes:
        console.print(f"note: {note}")
    for strategy in comparison.strategies:
        table = Table(
            title=f"{strategy.strategy}: old -> new (tolerance {comparison.tolerance})",
            title_justify="left",
        )
        for column in ("field", "old", "new", "delta", ""):
            table.add_column(column, justify="left" if column == "field" else "right")
        for delta in (*strategy.fields, strategy.macro):
            if delta is strategy.macro:
                table.add_section()
            mark = "[red]REGRESSED[/red]" if delta.regressed else ""
            table.add_row(delta.name, _score(delta.old), _score(delta.new), _signed(delta), mark)
        console.print(table)
    verdict = "[red]regressed[/red]" if comparison.regressed else "[green]no regression[/green]"
    console.print(f"result: {verdict}")
