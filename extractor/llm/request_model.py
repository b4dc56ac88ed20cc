"""The response model sent to the LLM: only the fields still missing, described from SPEC."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from extractor.schema import POSTING_FIELDS, Posting


class _Answer(BaseModel):
    # A model may add keys nobody asked for: they are ignored, never an error to re-ask for.
    model_config = ConfigDict(extra="ignore")


def build_request_model(fields: Sequence[str]) -> type[BaseModel]:
    """A pydantic model with exactly ``fields``, typed and described as in the Posting.

    Raises:
        ValueError: no fields, or a name that is not a posting field.
    """
    return _build(tuple(dict.fromkeys(fields)))


@cache
def _build(fields: tuple[str, ...]) -> type[BaseModel]:
    if not fields:
        raise ValueError("a request model needs at least one field")
    unknown = [name for name in fields if name not in POSTING_FIELDS]
    if unknown:
        raise ValueError(f"not posting fields: {', '.join(unknown)}")
    definitions: dict[str, Any] = {}
    for name in fields:
        info = copy.copy(Posting.model_fields[name])
        definitions[name] = (info.annotation, info)
    return create_model("MissingFields", __base__=_Answer, **definitions)


def answer_values(answer: BaseModel) -> dict[str, Any]:
    """The answer's fields as plain data (nested models as dicts), empties left out."""
    values = answer.model_dump(mode="json")
    return {k: v for k, v in values.items() if v not in (None, [], "", {})}
