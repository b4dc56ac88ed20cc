"""One options model for extraction, instead of a long list of keyword arguments."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from extractor.document import DEFAULT_MAX_BYTES


class ExtractOptions(BaseModel):
    """How to extract. The defaults are the offline pipeline: no key, no network."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_bytes: int = Field(DEFAULT_MAX_BYTES, gt=0, description="Refuse inputs larger than this.")
    rules: bool = Field(True, description="Run the rules over the text after the parsers.")
    include_text: bool = Field(
        False, description="Keep each posting's cleaned text on the result (spans index it)."
    )
