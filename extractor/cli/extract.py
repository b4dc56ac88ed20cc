"""``extractor extract FILE... | -``: one JSON object per input, JSON Lines for several."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from extractor.cli.options import extraction_options
from extractor.errors import ExtractorError
from extractor.options import ExtractOptions
from extractor.pipeline import extract_all
from extractor.schema import POSTING_FIELDS, Result


def _parse_fields(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str]:
    if not value:
        return []
    fields = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in fields if name not in POSTING_FIELDS]
    if unknown:
        raise click.BadParameter(
            f"unknown field(s) {', '.join(unknown)}; known: {', '.join(POSTING_FIELDS)}"
        )
    return fields


def result_json(result: Result, fields: list[str]) -> dict[str, Any]:
    """A result as JSON-ready data, with the posting (and provenance) cut to ``fields``."""
    data = result.model_dump(mode="json", exclude_none=False)
    if data.get("text") is None:
        data.pop("text", None)
    if fields:
        data["posting"] = {name: data["posting"][name] for name in fields}
        data["provenance"] = {k: v for k, v in data["provenance"].items() if k in fields}
    return data


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE... | -")
@click.option("--pretty", is_flag=True, help="Indent the JSON (for a single input).")
@click.option("--fields", callback=_parse_fields, help="Comma-separated posting fields to keep.")
@click.option("--with-text", is_flag=True, help="Include each posting's cleaned text.")
@extraction_options
@click.pass_context
def command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    pretty: bool,
    fields: list[str],
    with_text: bool,
    options: ExtractOptions,
) -> None:
    """Extract postings from files (or - for standard input) and print them as JSON.

    One input prints one JSON object, or a JSON list when the document holds several
    postings. Several inputs print JSON Lines, one line per input. A failed input is
    reported on standard error and the others still print; the exit code is then 1.
    """
    if with_text:
        options = options.model_copy(update={"include_text": True})
    single = len(inputs) == 1
    failed = 0
    for item in inputs:
        try:
            if item == "-":
                results = extract_all(sys.stdin.buffer.read(), name="<stdin>", options=options)
            else:
                path = Path(item)
                if not path.is_file():
                    raise FileNotFoundError(f"{item}: no such file")
                results = extract_all(path, options=options)
        except (ExtractorError, OSError) as error:
            failed += 1
            click.echo(f"error: {error}", err=True)
            continue
        payload: Any = [result_json(r, fields) for r in results]
        if len(results) == 1:
            payload = payload[0]
        indent = 2 if pretty and single else None
        click.echo(json.dumps(payload, ensure_ascii=False, indent=indent))
    ctx.exit(1 if failed else 0)
