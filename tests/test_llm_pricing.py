"""Estimated cost from the shipped price table and the user's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import LLMConfigError
from extractor.llm.pricing import estimate_cost, price_table


def test_a_known_model_costs_its_tokens() -> None:
    input_price, output_price = price_table()["gpt-4o-mini"]
    expected = (1000 * input_price + 500 * output_price) / 1_000_000
    assert estimate_cost("gpt-4o-mini", 1000, 500) == pytest.approx(expected)


def test_unknown_models_have_no_cost_and_local_ones_cost_nothing() -> None:
    assert estimate_cost("my-finetune", 1000, 500) is None
    assert estimate_cost("my-finetune", 1000, 500, local=True) == 0.0


def test_the_users_table_overrides_and_extends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text(
        json.dumps({"gpt-4o-mini": {"input": 1, "output": 2}, "mine": {"input": 10, "output": 0}})
    )
    monkeypatch.setenv("EXTRACTOR_PRICES", str(prices))
    assert estimate_cost("gpt-4o-mini", 1_000_000, 1_000_000) == 3.0
    assert estimate_cost("mine", 100_000, 0) == 1.0
    assert "gpt-4o" in price_table()  # the shipped entries are still there


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "cannot read"), ("[1, 2]", "JSON object"), ('{"m": {"input": 1}}', "'m'")],
)
def test_a_broken_users_table_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, needle: str
) -> None:
    prices = tmp_path / "prices.json"
    if content is not None:
        prices.write_text(content)
    monkeypatch.setenv("EXTRACTOR_PRICES", str(prices))
    with pytest.raises(LLMConfigError, match=needle):
        estimate_cost("gpt-4o-mini", 1, 1)


def test_an_edited_users_table_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text('{"my-model": {"input": 1, "output": 1}}')
    monkeypatch.setenv("EXTRACTOR_PRICES", str(prices))
    assert estimate_cost("my-model", 1_000_000, 0) == 1.0
    assert estimate_cost("my-model", 1_000_000, 0) == 1.0  # served from the cache

    prices.write_text('{"my-model": {"input": 2.5, "output": 1}}')
    assert estimate_cost("my-model", 1_000_000, 0) == 2.5
    monkeypatch.delenv("EXTRACTOR_PRICES")
    assert estimate_cost("my-model", 1_000_000, 0) is None
