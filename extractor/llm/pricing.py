"""Estimated cost: tokens times a small, editable price table (USD per million tokens).

The table ships as ``extractor/data/prices.json``; EXTRACTOR_PRICES names a JSON file of the
same shape whose entries override and extend it. An unknown model has no cost (None); a
local GGUF model costs nothing.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from extractor.errors import LLMConfigError

ENV_PRICES = "EXTRACTOR_PRICES"


def price_table() -> dict[str, tuple[float, float]]:
    """Model -> (input, output) USD per million tokens, with the user's file applied.

    Raises:
        LLMConfigError: EXTRACTOR_PRICES names a file that is missing or not a price table.
    """
    return dict(_current_table())


def _current_table() -> dict[str, tuple[float, float]]:
    # Every document's usage asks for a price: the files are read again only when the
    # variable or the user's file (its size or modification time) has changed.
    override = os.environ.get(ENV_PRICES) or None
    return _read_table(override, _version(override))


def _version(override: str | None) -> tuple[int, int] | None:
    if override is None:
        return None
    try:
        stat = Path(override).stat()
    except OSError:
        return None  # _read_table reports it
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _read_table(
    override: str | None, version: tuple[int, int] | None
) -> dict[str, tuple[float, float]]:
    shipped = files("extractor.data").joinpath("prices.json").read_text(encoding="utf-8")
    table = _parse(json.loads(shipped), "extractor/data/prices.json")
    if override:
        try:
            data = json.loads(Path(override).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise LLMConfigError(f"{ENV_PRICES}={override}: cannot read ({error})") from error
        table.update(_parse(data, override))
    return table


def _parse(data: Any, name: str) -> dict[str, tuple[float, float]]:
    if not isinstance(data, dict):
        raise LLMConfigError(f"{name}: a price table is a JSON object")
    table: dict[str, tuple[float, float]] = {}
    for model, price in data.items():
        if model.startswith("_"):
            continue
        try:
            table[model] = (float(price["input"]), float(price["output"]))
        except (TypeError, KeyError, ValueError) as error:
            raise LLMConfigError(
                f"{name}: {model!r} needs numeric 'input' and 'output' prices"
            ) from error
    return table


def estimate_cost(
    model: str, input_tokens: int, output_tokens: int, *, local: bool = False
) -> float | None:
    """The estimated USD cost, or None when the model is not in the table.

    Raises:
        LLMConfigError: as for price_table().
    """
    if local:
        return 0.0
    price = _current_table().get(model)
    if price is None:
        return None
    return round((input_tokens * price[0] + output_tokens * price[1]) / 1_000_000, 8)
