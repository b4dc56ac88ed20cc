"""Which model to call and how: parsed from one provider string.

``openai:<model>``  OpenAI itself (OPENAI_API_KEY), or any OpenAI-compatible endpoint when a
                    base URL is given (``base_url`` option or OPENAI_BASE_URL).
``gguf:<path>``     a local GGUF file run in-process through llama-cpp-python.
``<model>``         a model served at an OpenAI-compatible base URL (Ollama, vLLM,
                    llama.cpp server, LM Studio); the base URL is required.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from extractor.errors import LLMConfigError

ENV_LLM = "EXTRACTOR_LLM"
OPENAI_ENDPOINT = "https://api.openai.com/v1"


class ProviderKind(StrEnum):
    OPENAI = "openai"  # api.openai.com
    COMPATIBLE = "compatible"  # another server speaking the OpenAI chat API
    GGUF = "gguf"  # llama-cpp-python in this process


class OutputMode(StrEnum):
    """How the model is made to answer in JSON (client.py maps these to instructor modes)."""

    TOOLS = "tools"  # function calling: OpenAI's own models
    JSON = "json"  # response_format json_object: what every compatible server accepts
    JSON_SCHEMA = "json_schema"  # grammar-constrained to the schema: llama-cpp in-process


@dataclass(frozen=True)
class ProviderSpec:
    """A resolved provider: enough to build a client and to key the cache."""

    kind: ProviderKind
    model: str
    endpoint: str  # the base URL, or "gguf:<absolute path>": part of the cache key
    mode: OutputMode
    api_key: str | None = None
    model_path: Path | None = None

    @property
    def source(self) -> str:
        """The provenance source for values this model gave: ``llm:<model>``."""
        return f"llm:{self.model}"


def resolve_provider(
    llm: str | None, base_url: str | None = None, env: Mapping[str, str] | None = None
) -> ProviderSpec | None:
    """The provider that ``llm`` (or EXTRACTOR_LLM) names, or None when no LLM is configured.

    Raises:
        LLMConfigError: an empty model name, a GGUF path that is not a file, or OpenAI
            without OPENAI_API_KEY, or a bare model name without a base URL.
    """
    env = os.environ if env is None else env
    spec = (llm if llm is not None else env.get(ENV_LLM, "")).strip()
    if not spec:
        return None
    endpoint = (base_url or env.get("OPENAI_BASE_URL") or "").strip().rstrip("/") or None
    key = env.get("OPENAI_API_KEY") or None
    prefix, _, rest = spec.partition(":")
    if prefix == "gguf":
        return _gguf(rest.strip(), spec)
    if prefix == "openai":
        model = _model_name(rest, spec)
        if endpoint is None:
            if key is None:
                raise LLMConfigError(
                    f"LLM {spec!r}: OPENAI_API_KEY is not set (or give --base-url for an "
                    "OpenAI-compatible server)"
                )
            return ProviderSpec(ProviderKind.OPENAI, model, OPENAI_ENDPOINT, OutputMode.TOOLS, key)
        return _compatible(model, endpoint, key)
    model = _model_name(spec, spec)
    if endpoint is None:
        raise LLMConfigError(
            f"LLM {spec!r}: a bare model name needs an OpenAI-compatible base URL "
            "(--base-url or OPENAI_BASE_URL); or use openai:<model> or gguf:<path>"
        )
    return _compatible(model, endpoint, key)


def _model_name(name: str, spec: str) -> str:
    name = name.strip()
    if not name:
        raise LLMConfigError(f"LLM {spec!r}: the model name is empty")
    return name


def _compatible(model: str, endpoint: str, key: str | None) -> ProviderSpec:
    if not endpoint.startswith(("http://", "https://")):
        raise LLMConfigError(f"base URL {endpoint!r}: must start with http:// or https://")
    # Local servers ignore the key, but the openai client refuses to start without one.
    return ProviderSpec(ProviderKind.COMPATIBLE, model, endpoint, OutputMode.JSON, key or "none")


def _gguf(raw_path: str, spec: str) -> ProviderSpec:
    if not raw_path:
        raise LLMConfigError(f"LLM {spec!r}: gguf: needs a path to a .gguf file")
    path = Path(raw_path).expanduser()
    if not path.is_file():
        raise LLMConfigError(f"LLM {spec!r}: model file {str(path)!r} does not exist")
    resolved = path.resolve()
    return ProviderSpec(
        ProviderKind.GGUF,
        resolved.stem,
        f"gguf:{resolved}",
        OutputMode.JSON_SCHEMA,
        model_path=resolved,
    )
