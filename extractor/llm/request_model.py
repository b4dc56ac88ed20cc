"""The response model sent to the LLM: only the fields still missing, described from SPEC."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from functools import cache
from typing import Any

import json_repair
from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from extractor.schema import POSTING_FIELDS, Posting

# Request models are few and kept for the process's life (_build is cached), so are their
# schemas: kept as JSON text, which json.loads copies at C speed (copy.deepcopy of the same
# dict took about 1 ms per request).
_SCHEMAS: dict[tuple[type[BaseModel], str, str], str] = {}


class _Answer(BaseModel):
    # A model may add keys nobody asked for: they are ignored, never an error to re-ask for.
    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema without generated titles and null defaults: the same constraints in
        about a third fewer tokens, which small local context windows need.

        Built once per class and arguments (generating it took a fifth of a request's CPU);
        each caller gets its own copy to change."""
        key = (cls, repr(args), repr(sorted(kwargs.items())))
        compact = _SCHEMAS.get(key)
        if compact is None:
            compact = json.dumps(_compact(super().model_json_schema(*args, **kwargs)))
            _SCHEMAS[key] = compact
        schema: dict[str, Any] = json.loads(compact)
        return schema


def _compact(node: Any) -> Any:
    if isinstance(node, list):
        return [_compact(item) for item in node]
    if not isinstance(node, dict):
        return node
    compact: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue  # a generated title; a property named "title" maps to a dict
        if key == "default" and value in (None, []):
            continue
        compact[key] = _compact(value)
    return compact


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


def salvage_values(raw: str, response_model: type[BaseModel]) -> dict[str, Any]:
    """The fields of an answer that failed validation that are valid on their own.

    The JSON is repaired first (a truncated answer still yields its complete fields); a list
    keeps its valid items. Salvaged values still go through grounding like any other.
    """
    try:
        data = json_repair.loads(raw)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    kept: dict[str, Any] = {}
    for name, value in data.items():
        if name not in response_model.model_fields:
            continue
        if isinstance(value, list):
            value = [item for item in value if _valid(response_model, name, [item])]
        if _valid(response_model, name, value):
            kept[name] = value
    if not kept:
        return {}
    return answer_values(response_model.model_validate(kept))


def _valid(response_model: type[BaseModel], name: str, value: Any) -> bool:
    try:
        response_model.model_validate({name: value})
    except ValidationError:
        return False
    return True
