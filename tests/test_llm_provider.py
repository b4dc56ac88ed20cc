"""Provider strings: openai:<model>, gguf:<path>, a model at a base URL, or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import LLMConfigError
from extractor.llm.provider import OPENAI_ENDPOINT, OutputMode, ProviderKind, resolve_provider


def test_no_provider_means_no_llm() -> None:
    assert resolve_provider(None, env={}) is None
    assert resolve_provider("  ", env={"EXTRACTOR_LLM": "openai:x"}) is None  # explicit wins


def test_the_environment_chooses_when_the_option_is_unset() -> None:
    spec = resolve_provider(None, env={"EXTRACTOR_LLM": "llama3", "OPENAI_BASE_URL": "http://h/v1"})
    assert spec is not None
    assert (spec.kind, spec.model, spec.endpoint) == (
        ProviderKind.COMPATIBLE,
        "llama3",
        "http://h/v1",
    )


def test_openai_uses_tools_mode_and_the_key() -> None:
    spec = resolve_provider("openai:gpt-4o-mini", env={"OPENAI_API_KEY": "sk-test"})
    assert spec is not None
    assert (spec.kind, spec.mode, spec.endpoint) == (
        ProviderKind.OPENAI,
        OutputMode.TOOLS,
        OPENAI_ENDPOINT,
    )
    assert spec.api_key == "sk-test" and spec.source == "llm:gpt-4o-mini"


def test_openai_without_a_key_names_the_variable() -> None:
    with pytest.raises(LLMConfigError, match="OPENAI_API_KEY"):
        resolve_provider("openai:gpt-4o-mini", env={})


def test_a_base_url_makes_any_model_an_openai_compatible_endpoint() -> None:
    spec = resolve_provider("openai:qwen2.5", "http://127.0.0.1:11434/v1/", env={})
    assert spec is not None
    assert (spec.kind, spec.mode) == (ProviderKind.COMPATIBLE, OutputMode.JSON)
    assert spec.endpoint == "http://127.0.0.1:11434/v1" and spec.api_key == "none"
    ollama_tag = resolve_provider("llama3.1:8b", "http://localhost:11434/v1", env={})
    assert ollama_tag is not None and ollama_tag.model == "llama3.1:8b"


@pytest.mark.parametrize(
    ("llm", "base_url", "needle"),
    [
        ("llama3", None, "base URL"),
        ("openai:", None, "model name is empty"),
        ("llama3", "ftp://host", "http:// or https://"),
        ("gguf:", None, "path"),
        ("gguf:/nowhere/model.gguf", None, "/nowhere/model.gguf"),
    ],
)
def test_bad_specs_say_what_is_wrong(llm: str, base_url: str | None, needle: str) -> None:
    with pytest.raises(LLMConfigError, match=needle):
        resolve_provider(llm, base_url, env={})


def test_gguf_names_the_model_after_its_file(tmp_path: Path) -> None:
    model = tmp_path / "tiny-model.Q4.gguf"
    model.write_bytes(b"GGUF")
    spec = resolve_provider(f"gguf:{model}", env={})
    assert spec is not None
    assert (spec.kind, spec.model, spec.mode) == (
        ProviderKind.GGUF,
        "tiny-model.Q4",
        OutputMode.JSON_SCHEMA,
    )
    assert spec.endpoint == f"gguf:{model.resolve()}" and spec.model_path == model.resolve()
