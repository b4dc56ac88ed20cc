"""A self-contained HTML report: inline CSS, JS and SVG, nothing fetched from the network.

It shows the run's figures, a bar chart of each field's mean per strategy, and for every
case the gold and predicted value of each field beside the document's text, with the span
that each value came from highlighted. All document text is escaped: postings can contain
``<script>``.
"""

from __future__ import annotations

import json
from html import escape
from itertools import pairwise
from typing import Any

from extractor.evals.report import CaseReport, FieldResult, Report, StrategyReport

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:1200px;color:#1d232b;
padding:0 1rem}
h1{font-size:1.4rem}h2{margin-top:2rem;border-bottom:1px solid #ccd}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #dde;padding:.2rem .5rem;
vertical-align:top;text-align:left}th{background:#f3f4f8}
.meta td:first-child{color:#556}
svg.chart text{font:12px system-ui,sans-serif;fill:#1d232b}
svg.chart .track{fill:#eef0f5}svg.chart .fill{fill:#3b6fd8}svg.chart .fill.low{fill:#d8533b}
details.case{border:1px solid #dde;border-radius:4px;margin:.4rem 0;padding:.3rem .6rem}
details.case>summary{cursor:pointer}.case .bad{color:#b3261e;font-weight:600}
tr.field{cursor:pointer}tr.field.right td.score{color:#1b7f3b}
tr.field.wrong td.score,tr.field.hallucination td.score,tr.field.miss td.score{color:#b3261e}
tr.field.active{outline:2px solid #3b6fd8}
td code{white-space:pre-wrap;word-break:break-word}
pre.doc{white-space:pre-wrap;word-break:break-word;background:#fafbfd;border:1px solid #dde;
padding:.6rem;max-height:32rem;overflow:auto}
mark.span{background:#ffe58a;border-radius:2px}mark.span.focus{background:#ffb347;
outline:2px solid #d87a00}
.note{color:#556;font-style:italic}
"""

# Clicking a field's row highlights its span(s) in the document and scrolls to the first.
_JS = """
document.querySelectorAll('tr.field').forEach(function (row) {
  row.addEventListener('click', function () {
    var scope = row.closest('details.case');
    var name = row.getAttribute('data-field');
    scope.querySelectorAll('tr.field.active').forEach(function (r) {
      r.classList.remove('active');
    });
    row.classList.add('active');
    var first = null;
    scope.querySelectorAll('mark.span').forEach(function (mark) {
      var hit = (' ' + mark.getAttribute('data-fields') + ' ').indexOf(' ' + name + ' ') >= 0;
      mark.classList.toggle('focus', hit);
      if (hit && first === null) { first = mark; }
    });
    if (first) { first.scrollIntoView({block: 'center'}); }
  });
});
document.body.setAttribute('data-ready', 'true');
"""

_BAR_HEIGHT = 18
_BAR_GAP = 6
_LABEL_WIDTH = 150
_TRACK_WIDTH = 420


def html_report(report: Report) -> str:
    """The report as one HTML page that needs nothing but a browser."""
    title = f"extractor eval: {report.dataset.name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        _meta(report),
        _summary(report),
        *(_strategy(run) for run in report.strategies),
        f"<script>{_JS}</script></body></html>",
    ]
    return "\n".join(parts)


def _meta(report: Report) -> str:
    run, dataset = report.run, report.dataset
    rows = {
        "dataset": f"{dataset.name} ({dataset.cases} cases) at {dataset.path}",
        "dataset hash": dataset.hash,
        "package": run.package_version,
        "git commit": run.git_commit or "-",
        "schema version": run.schema_version,
        "model": run.model or "none",
        "prompt versions": ", ".join(f"{k} {v}" for k, v in run.prompt_versions.items()) or "-",
        "started / finished": f"{run.started_at} / {run.finished_at}",
    }
    body = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows.items())
    return f'<table class="meta">{body}</table>'


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:.1%}" if percent else f"{value:.3f}"


def _summary(report: Report) -> str:
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (
            "strategy",
            "macro mean",
            "hallucination rate",
            "miss rate",
            "errors",
            "LLM calls",
            "tokens in / out",
            "cache hits",
            "wall time",
        )
    )
    rows = []
    for run in report.strategies:
        cells = (
            run.strategy,
            _fmt(run.macro_mean),
            f"{_fmt(run.hallucination_rate, True)} ({run.hallucinations}/{run.gold_nulls})",
            f"{_fmt(run.miss_rate, True)} ({run.misses}/{run.gold_values})",
            str(run.errors),
            str(run.usage.llm_calls),
            f"{run.usage.input_tokens} / {run.usage.output_tokens}",
            str(run.usage.cache_hits),
            f"{run.usage.wall_seconds:.2f}s",
        )
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return f'<table id="summary"><tr>{head}</tr>{"".join(rows)}</table>'


def _chart(run: StrategyReport) -> str:
    """A horizontal bar per field: its mean score, with the labelled count."""
    step = _BAR_HEIGHT + _BAR_GAP
    width = _LABEL_WIDTH + _TRACK_WIDTH + 110
    height = max(step * len(run.fields), step)
    bars = []
    for index, (name, stats) in enumerate(run.fields.items()):
        y = index * step
        fill = round(_TRACK_WIDTH * stats.mean, 1)
        low = " low" if stats.mean < 0.5 else ""
        bars.append(
            f'<g class="bar" data-field="{escape(name)}" data-mean="{stats.mean:.4f}">'
            f"<title>{escape(name)}: {stats.mean:.3f} over {stats.labelled} cases</title>"
            f'<text x="0" y="{y + 13}">{escape(name)}</text>'
            f'<rect class="track" x="{_LABEL_WIDTH}" y="{y}" width="{_TRACK_WIDTH}" '
            f'height="{_BAR_HEIGHT}"/>'
            f'<rect class="fill{low}" x="{_LABEL_WIDTH}" y="{y}" width="{fill}" '
            f'height="{_BAR_HEIGHT}"/>'
            f'<text x="{_LABEL_WIDTH + _TRACK_WIDTH + 8}" y="{y + 13}">'
            f"{stats.mean:.2f} (n={stats.labelled})</text></g>"
        )
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="mean score per field">{"".join(bars)}</svg>'
    )


def _strategy(run: StrategyReport) -> str:
    cases = "".join(_case(case) for case in run.cases)
    return (
        f'<section class="strategy" data-strategy="{escape(run.strategy)}">'
        f"<h2>Strategy: {escape(run.strategy)}</h2>"
        f"<h3>Mean score per field</h3>{_chart(run)}"
        f"<h3>Cases</h3>{cases}</section>"
    )


def _row_class(row: FieldResult) -> str:
    if row.hallucination:
        return "hallucination"
    if row.miss:
        return "miss"
    return "right" if row.score >= 1.0 else "wrong"


def _json(value: Any) -> str:
    return escape(json.dumps(value, ensure_ascii=False))


def _case(case: CaseReport) -> str:
    wrong = sum(1 for row in case.fields if row.score < 1.0)
    mean = sum(row.score for row in case.fields) / len(case.fields) if case.fields else None
    flag = f' <span class="bad">{wrong} wrong</span>' if wrong else ""
    summary = (
        f"<summary>{escape(case.case_id)} &middot; {escape(case.format or 'no format')} "
        f"&middot; mean {_fmt(mean)}{flag}</summary>"
    )
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in case.notes)
    if case.error:
        notes += f'<p class="bad">error: {escape(case.error)}</p>'
    rows = []
    for row in case.fields:
        span = f" [{row.span[0]}, {row.span[1]})" if row.span else ""
        rows.append(
            f'<tr class="field {_row_class(row)}" data-field="{escape(row.field)}">'
            f"<td>{escape(row.field)}</td><td><code>{_json(row.gold)}</code></td>"
            f"<td><code>{_json(row.predicted)}</code></td>"
            f'<td class="score">{row.score:.2f} <small>{_row_class(row)}</small></td>'
            f"<td>{escape(row.source or '-')}{span}</td></tr>"
        )
    table = (
        '<table class="fields"><tr><th>field</th><th>gold</th><th>predicted</th><th>score</th>'
        f"<th>source [span)</th></tr>{''.join(rows)}</table>"
    )
    document = ""
    if case.text is not None:
        document = f'<pre class="doc">{highlight(case.text, case.fields)}</pre>'
    return (
        f'<details class="case" id="case-{escape(case.case_id)}" '
        f'data-case="{escape(case.case_id)}">{summary}{notes}{table}{document}</details>'
    )


def highlight(text: str, rows: list[FieldResult]) -> str:
    """The escaped text with each field's span wrapped in ``<mark>``.

    Spans may overlap, so the text is cut at every span edge and each piece is marked with
    all the fields whose spans cover it. Spans outside the text are clipped or dropped.
    """
    spans: list[tuple[int, int, str]] = []
    for row in rows:
        if row.span is None:
            continue
        start, end = max(0, row.span[0]), min(len(text), row.span[1])
        if start < end:
            spans.append((start, end, row.field))
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for left, right in pairwise(edges):
        piece = escape(text[left:right])
        fields = [name for start, end, name in spans if start <= left and right <= end]
        if fields:
            names = escape(" ".join(dict.fromkeys(fields)))
            out.append(f'<mark class="span" data-fields="{names}" title="{names}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)
