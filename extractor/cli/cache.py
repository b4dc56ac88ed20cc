"""``extractor cache stats|clear``: look at or empty the LLM answer cache."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.llm.cache import AnswerCache

_CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The cache folder (default: the user cache folder, as extract uses).",
)


@click.group("cache")
def command() -> None:
    """The LLM answer cache: cached answers cost no call (see usage.cached)."""


@command.command("stats")
@_CACHE_DIR
def stats(cache_dir: Path | None) -> None:
    """Print the cache folder, its number of answers and its size."""
    cache = AnswerCache(cache_dir)
    try:
        figures = cache.stats()
    finally:
        cache.close()
    click.echo(f"directory: {figures.directory}")
    click.echo(f"entries: {figures.entries}")
    click.echo(f"size: {figures.size_bytes} bytes")


@command.command("clear")
@_CACHE_DIR
def clear(cache_dir: Path | None) -> None:
    """Remove every cached answer."""
    cache = AnswerCache(cache_dir)
    try:
        removed = cache.clear()
    finally:
        cache.close()
    click.echo(f"removed {removed} cached answers from {cache.directory}")
