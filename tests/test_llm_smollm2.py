"""Real generation with the small SmolLM2-135M model, offline, through openai and instructor.

The model is tiny and weak: these tests assert the plumbing (a schema-valid result, usage
counted, provenance with the prompt version, every model value grounded in the text), never
its accuracy. Small budgets keep each call to a few seconds on two shared cores.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import ExtractOptions, Result, extract
from extractor.cli import cli
from extractor.llm.grounding import ground_field
from tests.conftest import shared_path
from tests.support.llama_server import LlamaServer, smollm2_path

pytestmark = [pytest.mark.llm, pytest.mark.shared]

QUICK: dict[str, Any] = {"token_budget": 250, "max_output_tokens": 200, "reasks": 0}


@pytest.fixture(scope="session")
def llama_server() -> Iterator[LlamaServer]:
    # JSON mode puts the schema in the prompt: about 2,800 tokens for seed 001 at budget 250.
    server = LlamaServer(smollm2_path(), n_ctx=4096, lifetime=600)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def _seed_001() -> Path:
    (path,) = sorted(shared_path("seeds").glob("001_*.txt"))
    return path


def _assert_plumbing(result: Result, model: str) -> None:
    Result.model_validate(result.model_dump())  # the envelope stays schema-valid
    assert result.usage.llm_calls >= 1
    assert result.usage.input_tokens > 0 and result.usage.output_tokens > 0
    assert result.text is not None
    model_fields = {k: v for k, v in result.provenance.items() if v.source == f"llm:{model}"}
    # Either the model's values were kept, or what it said was reported (dropped or failed).
    reported = [w for w in result.warnings if "LLM" in w or "the model" in w]
    assert model_fields or reported
    for name, provenance in model_fields.items():
        assert provenance.prompt == "extract_fields.v1"
        value = result.posting.model_dump(mode="json")[name]
        grounded, _ = ground_field(name, value, result.text)
        assert grounded is not None, (name, value)  # nothing the text does not support
    # The deterministic fields survive whatever the model does.
    assert result.posting.title and result.provenance["title"].source.startswith("rule:")


def test_llama_cpp_server_end_to_end(llama_server: LlamaServer, tmp_path: Path) -> None:
    options = ExtractOptions(
        llm="smollm2",
        base_url=llama_server.base_url,
        include_text=True,
        cache_dir=tmp_path,
        **QUICK,
    )
    result = extract(_seed_001(), options=options)

    _assert_plumbing(result, "smollm2")
    assert result.usage.cost_usd is None  # a served model the price table does not know


def test_gguf_in_process(tmp_path: Path) -> None:
    path = smollm2_path()
    options = ExtractOptions(llm=f"gguf:{path}", include_text=True, cache_dir=tmp_path, **QUICK)
    result = extract(_seed_001(), options=options)

    _assert_plumbing(result, path.stem)
    assert result.usage.cost_usd == 0.0  # a local model costs nothing


def test_cli_extract_with_a_gguf_model_runs_offline(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(
        cli,
        [
            "extract",
            "--llm",
            f"gguf:{smollm2_path()}",
            "--token-budget",
            "250",
            "--cache-dir",
            str(tmp_path),
            str(_seed_001()),
        ],
    )

    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["usage"]["llm_calls"] >= 1
    assert data["posting"]["title"]
