"""``extractor cache stats|clear``: look at or empty the LLM answer cache (and the batch
result cache beside it)."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.batch.cache import ResultCache, result_cache_dir
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
    results = _result_cache(cache_dir)
    if results is not None:
        try:
            figures = results.stats()
            click.echo(f"batch results: {figures.entries} in {figures.directory}")
            click.echo(f"batch results size: {figures.size_bytes} bytes")
        finally:
            results.close()


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
    results = _result_cache(cache_dir)
    if results is not None:
        try:
            click.echo(f"removed {results.clear()} cached batch results from {results.directory}")
        finally:
            results.close()


def _result_cache(cache_dir: Path | None) -> ResultCache | None:
    # The batch result cache beside the answers; only opened if a batch ever made it.
    directory = result_cache_dir(cache_dir)
    return ResultCache(directory) if directory.is_dir() else None
