"""``extractor batch INPUT -o OUT.jsonl``: many documents, one JSON line each, resumable.

A thin layer over extractor.batch: the progress bar and the summary table go to standard
error, the records to OUT. Exit 0 when every input was extracted (ok or degraded), 1 when
some input failed, 2 for usage errors (INPUT naming nothing among them).
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from extractor.batch import (
    BatchRecord,
    BatchSummary,
    count_inputs,
    done_ids,
    read_inputs,
    run_batch,
)
from extractor.batch.process import model_spec
from extractor.cli.options import extraction_options
from extractor.errors import InputError
from extractor.options import ExtractOptions


def _workers(value: str) -> int:
    """--workers as a count: a whole number >= 0, or ``auto`` (0: one per core)."""
    text = value.strip().lower()
    if text == "auto":
        return 0
    if not text.isdigit():
        raise click.BadParameter(f"{value!r} is not a whole number >= 0 or 'auto'")
    return int(text)


class _RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "-/s", style="progress.data.speed")


@click.command("batch")
@click.argument("spec", metavar="INPUT")
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The JSON Lines file to write, one line per input (appended to when resuming).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=None,
    help="Documents (and so LLM requests) in flight at once with a model (default 8).",
)
@click.option(
    "--workers",
    metavar="N|auto",
    default="1",
    show_default=True,
    help="Processes running the parsers and rules (0 or 'auto': one per core). With a "
    "model, its --concurrency calls still wait in this process.",
)
@click.option(
    "--no-resume",
    is_flag=True,
    help="Start over: empty OUT instead of skipping the inputs it already holds.",
)
@click.option("--no-progress", is_flag=True, help="No progress bar on standard error.")
@extraction_options
@click.pass_context
def command(
    ctx: click.Context,
    spec: str,
    out: Path,
    concurrency: int | None,
    workers: str,
    no_resume: bool,
    no_progress: bool,
    options: ExtractOptions,
) -> None:
    """Extract every posting in INPUT into OUT, one JSON line per input.

    INPUT is a folder (read recursively), a glob ('data/**/*.html', quoted), a JSON Lines
    file of {"id", "text"|"html"|"json"|"path"} objects, or a CSV with id and text columns.
    Each line holds the input's id, its status (ok, degraded: the LLM step failed and the
    parsers' and rules' fields were kept, or error) and its results or error.

    A rerun with the same OUT skips the inputs already done, so after a crash it completes
    the file with every input exactly once.

    --workers N runs the parsers and rules in N processes, so that N cores share that CPU
    work; the model calls, and OUT, stay with this process.
    """
    if concurrency is not None:
        options = options.model_copy(update={"max_concurrency": concurrency})
    try:
        processes = _workers(workers)
    except click.BadParameter as error:
        error.param_hint = "'--workers'"
        raise
    try:
        items = read_inputs(spec)
        total = count_inputs(spec)
    except InputError as error:
        raise click.BadParameter(str(error), param_hint="INPUT") from error
    model_spec(options)  # a wrong model is one error line, before any progress is drawn
    resume = not no_resume
    if resume and total is not None:
        total = max(total - len(done_ids(out)), 0)
    console = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[tokens]:,} tokens  {task.fields[errors]} errors"),
        console=console,
        disable=no_progress,
        transient=False,
    )
    tokens = errors = 0
    with progress:
        task = progress.add_task("extracting", total=total, tokens=0, errors=0)

        def advance(record: BatchRecord) -> None:
            nonlocal tokens, errors
            tokens += sum(r.usage.input_tokens + r.usage.output_tokens for r in record.results)
            errors += record.status == "error"
            progress.update(task, advance=1, tokens=tokens, errors=errors)

        summary = run_batch(
            items,
            out,
            options,
            concurrency=concurrency,
            workers=processes,
            resume=resume,
            on_record=advance,
        )
    console.print(summary_table(summary, out))
    ctx.exit(1 if summary.errors else 0)


def summary_table(summary: BatchSummary, out: Path) -> Table:
    """The end-of-run table: counts by status and format, tokens, cost and time."""
    table = Table(title=f"batch -> {out}", show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("figure", justify="right")
    for status in ("ok", "degraded", "error"):
        table.add_row(status, str(summary.by_status[status]))
    if summary.skipped:
        table.add_row("skipped (already in OUT)", str(summary.skipped))
    table.add_row("postings", str(summary.postings))
    for fmt, count in sorted(summary.by_format.items(), key=lambda pair: (-pair[1], pair[0])):
        table.add_row(f"  format {fmt}", str(count))
    table.add_row("LLM calls", f"{summary.llm_calls:,}")
    table.add_row("cached", f"{summary.cached:,}")
    table.add_row("tokens in / out", f"{summary.input_tokens:,} / {summary.output_tokens:,}")
    table.add_row("estimated cost", f"${summary.cost_usd:.4f}")
    table.add_row("wall time", f"{summary.wall_seconds:.2f} s ({summary.rate:,.1f} inputs/s)")
    return table
