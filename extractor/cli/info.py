"""``extractor schema`` and ``extractor formats``: what the tool produces and reads."""

from __future__ import annotations

import json

import click

from extractor.detect import FORMAT_DESCRIPTIONS
from extractor.schema import SCHEMA_VERSION, Posting, Result


@click.command("schema")
@click.option("--posting-only", is_flag=True, help="Print the posting's schema, not the result's.")
def command(posting_only: bool) -> None:
    """Print the JSON Schema of the result envelope (or of the posting)."""
    model = Posting if posting_only else Result
    schema = model.model_json_schema()
    schema["$comment"] = f"extractor schema version {SCHEMA_VERSION}"
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))


@click.command("formats")
def formats() -> None:
    """List the input formats that extractor detects and reads."""
    width = max(len(fmt.value) for fmt in FORMAT_DESCRIPTIONS)
    for fmt, description in FORMAT_DESCRIPTIONS.items():
        click.echo(f"{fmt.value:<{width}}  {description}")


EXTRA = (formats,)
