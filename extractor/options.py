"""One options model for extraction, instead of a long list of keyword arguments."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extractor.document import DEFAULT_MAX_BYTES


class Strategy(StrEnum):
    """How the LLM is used, when one is configured (without one, every strategy is offline)."""

    OFFLINE = "offline"  # parsers and rules only
    HYBRID = "hybrid"  # parsers and rules first; the model fills only what is missing
    LLM_ONLY = "llm-only"  # the naive baseline: the whole text to the model, every field asked


class ExtractOptions(BaseModel):
    """How to extract. The defaults are the offline pipeline: no key, no network."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_bytes: int = Field(DEFAULT_MAX_BYTES, gt=0, description="Refuse inputs larger than this.")
    rules: bool = Field(True, description="Run the rules over the text after the parsers.")
    rules_max_chars: int = Field(
        100_000,
        gt=0,
        description="The rules read at most this many characters of a posting's text (the "
        "longest real posting is about 26,000); a warning says when a text is cut.",
    )
    include_text: bool = Field(
        False, description="Keep each posting's cleaned text on the result (spans index it)."
    )
    strategy: Strategy = Field(Strategy.HYBRID, description="How to use the LLM, if any.")
    llm: str | None = Field(
        None,
        description='The model: "openai:<model>", "gguf:<path>", or a model name served at '
        "base_url. None reads EXTRACTOR_LLM; unset means no LLM.",
    )
    base_url: str | None = Field(None, description="An OpenAI-compatible endpoint.")
    cache: bool = Field(True, description="Reuse cached LLM answers.")
    cache_dir: Path | None = Field(None, description="Where the LLM cache lives.")
    max_concurrency: int = Field(8, ge=1, description="LLM requests in flight at once.")
    token_budget: int = Field(
        3000, ge=100, description="Most tokens of posting text sent to the model (chars / 4)."
    )
    max_output_tokens: int = Field(1024, ge=16, description="Most tokens one answer may use.")
    document_token_budget: int = Field(
        20000,
        ge=200,
        description="Most tokens one document may spend over all attempts (re-asks, retries).",
    )
    timeout: float = Field(60.0, gt=0, description="Seconds to wait for one model answer.")
    max_retries: int = Field(
        3, ge=0, le=10, description="Retries on 429, 5xx, timeouts and connection errors."
    )
    reasks: int = Field(2, ge=0, le=5, description="Re-asks when an answer fails validation.")
