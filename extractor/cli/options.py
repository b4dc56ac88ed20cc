"""The click options that build ExtractOptions, shared by ``extract`` and ``batch``.

``@extraction_options`` adds --max-bytes and the LLM options to a command and hands it one
``options: ExtractOptions`` argument in their place, so both commands read them alike.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from extractor.options import ExtractOptions, Strategy

# The model-request options that `eval` takes too, on their own.
NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Do not reuse or store cached LLM answers."
)
CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where LLM answers are cached (default: the user cache folder).",
)
TOKEN_BUDGET = click.option(
    "--token-budget",
    type=click.IntRange(min=100),
    default=None,
    help="Most tokens of posting text sent to the model (default 3000).",
)

_OPTIONS: tuple[Callable[[Callable[..., Any]], Callable[..., Any]], ...] = (
    click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=None,
        help="Refuse inputs larger than this many bytes (default 5 MB).",
    ),
    click.option(
        "--llm",
        envvar="EXTRACTOR_LLM",
        default=None,
        help="Model for the fields left empty: openai:<model>, gguf:<path>, or a model name "
        "served at --base-url. Default: $EXTRACTOR_LLM; unset means offline.",
    ),
    click.option(
        "--base-url",
        default=None,
        help="An OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server, LM Studio).",
    ),
    click.option(
        "--strategy",
        type=click.Choice([s.value for s in Strategy]),
        default=None,
        help="hybrid (default): the model fills only what parsers and rules missed, grounded "
        "in the text; llm-only: the ungrounded baseline; offline: no model.",
    ),
    NO_CACHE,
    CACHE_DIR,
    TOKEN_BUDGET,
)
_NAMES = ("max_bytes", "llm", "base_url", "strategy", "no_cache", "cache_dir", "token_budget")


def build_options(
    *,
    max_bytes: int | None = None,
    llm: str | None = None,
    base_url: str | None = None,
    strategy: str | None = None,
    no_cache: bool = False,
    cache_dir: Path | None = None,
    token_budget: int | None = None,
    **settings: Any,
) -> ExtractOptions:
    """ExtractOptions from the command-line values; None leaves the default (and leaves the
    field unset, so a default strategy stays quiet without a model)."""
    given = {
        "max_bytes": max_bytes,
        "llm": llm,
        "base_url": base_url,
        "strategy": strategy,
        "cache_dir": cache_dir,
        "token_budget": token_budget,
        **settings,
    }
    values = {name: value for name, value in given.items() if value is not None}
    if no_cache:
        values["cache"] = False
    return ExtractOptions(**values)


def extraction_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the shared options to ``command``, which receives ``options: ExtractOptions``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["options"] = build_options(**{name: kwargs.pop(name) for name in _NAMES})
        return command(*args, **kwargs)

    decorated: Callable[..., Any] = wrapper
    for option in reversed(_OPTIONS):
        decorated = option(decorated)
    return decorated
