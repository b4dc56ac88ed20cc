"""The output of a batch: one record per input, as one JSON line."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.schema import Result

Status = Literal["ok", "degraded", "error"]


class BatchError(BaseModel):
    """Why an input failed: the error's class name and its message (which names the input)."""

    model_config = ConfigDict(extra="forbid")

    type: str
    message: str


class BatchRecord(BaseModel):
    """One input's outcome.

    ``ok``: extracted. ``degraded``: extracted, but the LLM step failed for at least one
    posting (the parsers' and rules' fields are kept; the result's warning says so).
    ``error``: the input failed; ``results`` is empty and ``error`` says why.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    status: Status
    source: str | None
    results: list[Result]
    error: BatchError | None
