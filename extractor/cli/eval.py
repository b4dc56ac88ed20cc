"""``extractor eval``: score strategies on a gold dataset, check gold, compare reports.

Exit codes: 0 when all is well; 1 when gold has problems (--check), a run regressed past the
tolerance (--baseline, --compare), or the dataset or a report cannot be used; 2 for usage.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from extractor.cli.options import CACHE_DIR, NO_CACHE, TOKEN_BUDGET
from extractor.errors import ExtractorError
from extractor.evals.compare import DEFAULT_TOLERANCE, compare_reports
from extractor.evals.dataset import load_dataset
from extractor.evals.gold import check_dataset
from extractor.evals.render_html import html_report
from extractor.evals.render_terminal import print_comparison, print_diffs, print_report
from extractor.evals.report import Report, load_report, save_report
from extractor.evals.runner import DEFAULT_CONCURRENCY, run_eval
from extractor.options import ExtractOptions, Strategy

EXIT_OK, EXIT_FAILED = 0, 1

_FILE = click.Path(dir_okay=False, path_type=Path)
_EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("eval")
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@click.option(
    "--strategy",
    "strategies",
    multiple=True,
    type=click.Choice([s.value for s in Strategy]),
    help="Strategy to run; repeat to compare several side by side (default: offline).",
)
@click.option(
    "--llm", default=None, help='The model, e.g. "openai:gpt-4o-mini" (else EXTRACTOR_LLM).'
)
@click.option("--base-url", default=None, help="An OpenAI-compatible endpoint.")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=DEFAULT_CONCURRENCY,
    show_default=True,
    help="Cases in flight at once when a strategy calls a model.",
)
@TOKEN_BUDGET
@NO_CACHE
@CACHE_DIR
@click.option("--out", type=_FILE, help="Write the report as JSON here.")
@click.option("--html", "html_path", type=_FILE, help="Write a self-contained HTML report here.")
@click.option("--baseline", type=_EXISTING_FILE, help="Fail (exit 1) on a drop from this report.")
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0),
    default=DEFAULT_TOLERANCE,
    show_default=True,
    help="Largest drop in a field's mean (or the macro mean) that is not a regression.",
)
@click.option("--check", is_flag=True, help="Only validate the gold files; exit 1 on problems.")
@click.option(
    "--compare",
    nargs=2,
    type=_EXISTING_FILE,
    metavar="OLD.json NEW.json",
    help="Compare two saved reports instead of running.",
)
@click.option("--no-breakdown", is_flag=True, help="Leave out the by-format and by-source tables.")
@click.option("--diffs", is_flag=True, help="List every field that was not fully right.")
@click.option("--no-progress", is_flag=True, help="No progress bar on standard error.")
@click.pass_context
def command(
    ctx: click.Context,
    dataset: Path | None,
    strategies: tuple[str, ...],
    llm: str | None,
    base_url: str | None,
    concurrency: int,
    token_budget: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    out: Path | None,
    html_path: Path | None,
    baseline: Path | None,
    tolerance: float,
    check: bool,
    compare: tuple[Path, Path] | None,
    no_breakdown: bool,
    diffs: bool,
    no_progress: bool,
) -> None:
    """Score extraction on a gold DATASET folder (SPEC sections 3 and 4).

    \b
    extractor eval evals/datasets/core --strategy offline --out report.json --html report.html
    extractor eval evals/datasets/core --strategy offline --strategy hybrid --llm openai:gpt-4o-mini
    extractor eval evals/datasets/core --baseline evals/baselines/offline.json --tolerance 0.02
    extractor eval evals/datasets/core --check
    extractor eval --compare old.json new.json --tolerance 0.01
    """
    console = Console()
    try:
        if compare:
            if dataset is not None or check or baseline or strategies:
                raise click.UsageError("--compare takes two reports and no dataset or run options")
            code = _compare(console, compare[0], compare[1], tolerance)
        elif dataset is None:
            raise click.UsageError("give a DATASET folder, or --compare OLD.json NEW.json")
        elif check:
            code = _check(console, dataset)
        else:
            report = run_eval(
                dataset,
                strategies=strategies or (Strategy.OFFLINE.value,),
                llm=llm,
                base_url=base_url,
                concurrency=concurrency,
                progress=not no_progress,
                options=ExtractOptions(
                    cache=not no_cache,
                    cache_dir=cache_dir,
                    **({"token_budget": token_budget} if token_budget else {}),
                ),
            )
            if diffs:
                print_diffs(report, console)
            code = _outputs(console, report, out, html_path, baseline, tolerance, no_breakdown)
    except ExtractorError as error:
        raise click.ClickException(str(error)) from None
    ctx.exit(code)


def _check(console: Console, path: Path) -> int:
    data = load_dataset(path)
    problems = check_dataset(data)
    for problem in problems:
        console.print(f"{problem.kind.value}: {problem}", markup=False, highlight=False)
    cases = len(data.cases)
    if problems:
        console.print(f"{len(problems)} problem(s) in {data.name} ({cases} cases)", markup=False)
        return EXIT_FAILED
    console.print(f"{data.name}: {cases} cases, no problems", markup=False)
    return EXIT_OK


def _compare(console: Console, old: Path, new: Path, tolerance: float) -> int:
    comparison = compare_reports(load_report(old), load_report(new), tolerance)
    print_comparison(comparison, console)
    return EXIT_FAILED if comparison.regressed else EXIT_OK


def _outputs(
    console: Console,
    report: Report,
    out: Path | None,
    html_path: Path | None,
    baseline: Path | None,
    tolerance: float,
    no_breakdown: bool,
) -> int:
    print_report(report, console, breakdowns=not no_breakdown)
    if out:
        save_report(report, out)
        console.print(f"report: {out}", markup=False)
    if html_path:
        try:
            html_path.write_text(html_report(report), encoding="utf-8")
        except OSError as error:
            message = f"{html_path}: cannot write the HTML report ({error.strerror})"
            raise click.ClickException(message) from None
        console.print(f"html: {html_path}", markup=False)
    if baseline:
        comparison = compare_reports(load_report(baseline), report, tolerance)
        print_comparison(comparison, console)
        if comparison.regressed:
            return EXIT_FAILED
    return EXIT_OK
