"""The one place library errors become ours, and the llama.cpp schema glue."""

from __future__ import annotations

import inspect
import json

import httpx2
import openai
import pytest
from instructor.core import exceptions as instructor_errors
from openai.types.chat import ChatCompletion
from openai.types.completion_usage import CompletionUsage
from pydantic import ValidationError

from extractor.errors import LLMConfigError, LLMError
from extractor.llm.client import (
    GGUF_MAX_ITEMS,
    INSTRUCTOR_ERRORS,
    OPENAI_ERRORS,
    _llama_response_format,
    sampling_params,
    translate_error,
)
from extractor.llm.errors import (
    LLMBadAnswerError,
    LLMBudgetError,
    LLMConnectionError,
    LLMRateLimitError,
    LLMServerError,
    LLMTimeoutError,
    usage_of,
)
from extractor.llm.provider import resolve_provider
from extractor.llm.request_model import build_request_model

REQUEST = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")


def _status(kind: type[openai.APIStatusError], code: int, **headers: str) -> Exception:
    response = httpx2.Response(code, headers=headers, request=REQUEST)
    return kind(f"HTTP {code}", response=response, body=None)


def _exported_errors(module: object) -> set[type[BaseException]]:
    return {
        value
        for name, value in list(vars(module).items())
        if inspect.isclass(value) and issubclass(value, BaseException) and not name.startswith("_")
    }


def test_every_openai_error_is_mapped() -> None:
    exported = _exported_errors(openai)
    assert openai.RateLimitError in exported and openai.APITimeoutError in exported
    unmapped = exported - set(OPENAI_ERRORS)
    assert not unmapped, f"map these in extractor/llm/client.py: {unmapped}"


def test_every_instructor_error_is_mapped() -> None:
    exported = {
        kind
        for kind in _exported_errors(instructor_errors)
        if kind.__module__.startswith("instructor")
    }
    assert instructor_errors.InstructorRetryException in exported
    unmapped = exported - set(INSTRUCTOR_ERRORS)
    assert not unmapped, f"map these in extractor/llm/client.py: {unmapped}"


def test_every_mapping_targets_our_error_tree() -> None:
    for target in (*OPENAI_ERRORS.values(), *INSTRUCTOR_ERRORS.values()):
        assert issubclass(target, LLMError)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_status(openai.RateLimitError, 429), LLMRateLimitError),
        (_status(openai.InternalServerError, 500), LLMServerError),
        (_status(openai.APIStatusError, 502), LLMServerError),
        (_status(openai.APIStatusError, 408), LLMTimeoutError),
        (_status(openai.AuthenticationError, 401), LLMConfigError),
        (_status(openai.NotFoundError, 404), LLMConfigError),
        (_status(openai.BadRequestError, 400), LLMBadAnswerError),
        (openai.APITimeoutError(REQUEST), LLMTimeoutError),
        (openai.APIConnectionError(request=REQUEST), LLMConnectionError),
        (RuntimeError("llama_decode returned -1"), LLMBadAnswerError),
    ],
)
def test_library_errors_become_ours(error: Exception, expected: type[LLMError]) -> None:
    assert type(translate_error(error)) is expected


def test_retry_after_is_read_in_seconds_or_milliseconds() -> None:
    seconds = translate_error(_status(openai.RateLimitError, 429, **{"retry-after": "7"}))
    millis = translate_error(_status(openai.RateLimitError, 429, **{"retry-after-ms": "1500"}))
    assert isinstance(seconds, LLMRateLimitError) and seconds.retry_after == 7
    assert isinstance(millis, LLMRateLimitError) and millis.retry_after == 1.5


def _retry_exception(cause: Exception) -> instructor_errors.InstructorRetryException:
    usage = CompletionUsage(prompt_tokens=300, completion_tokens=60, total_tokens=360)
    error = instructor_errors.InstructorRetryException(
        "failed", n_attempts=3, total_usage=usage, failed_attempts=[]
    )
    error.__cause__ = cause
    return error


def test_instructor_errors_are_read_through_to_their_cause_with_the_tokens_spent() -> None:
    limited = translate_error(_retry_exception(_status(openai.RateLimitError, 429)), calls=3)
    assert isinstance(limited, LLMRateLimitError)
    assert (usage_of(limited).input_tokens, usage_of(limited).output_tokens) == (300, 60)

    try:
        build_request_model(["seniority"]).model_validate({"seniority": "boss"})
    except ValidationError as invalid:
        bad = translate_error(_retry_exception(invalid), calls=3)
    assert isinstance(bad, LLMBadAnswerError) and "after 3 attempt(s)" in str(bad)
    assert (usage_of(bad).calls, usage_of(bad).reasks, usage_of(bad).input_tokens) == (3, 2, 300)

    budget = translate_error(_retry_exception(LLMBudgetError("token budget")), calls=1)
    assert isinstance(budget, LLMBudgetError) and usage_of(budget).input_tokens == 300


def test_a_truncated_answer_counts_its_tokens() -> None:
    completion = ChatCompletion.model_validate(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "length",
                    "message": {"role": "assistant", "content": '{"title": "Da'},
                }
            ],
            "usage": {"prompt_tokens": 50, "completion_tokens": 16, "total_tokens": 66},
        }
    )
    error = instructor_errors.IncompleteOutputException(last_completion=completion)
    translated = translate_error(error, calls=1)
    assert isinstance(translated, LLMBadAnswerError)
    assert (usage_of(translated).input_tokens, usage_of(translated).output_tokens) == (50, 16)


def test_llama_gets_a_schema_without_patterns_and_with_bounded_lists() -> None:
    schema = build_request_model(["date_posted", "skills", "locations"]).model_json_schema()
    requested = {"type": "json_schema", "json_schema": {"name": "M", "schema": schema}}
    converted = _llama_response_format(requested)
    assert converted["type"] == "json_object"
    text = json.dumps(converted["schema"])
    assert '"pattern"' not in text and '"pattern"' in json.dumps(schema)
    skills = converted["schema"]["properties"]["skills"]
    assert skills["maxItems"] == GGUF_MAX_ITEMS
    assert _llama_response_format({"type": "json_object"}) == {"type": "json_object"}


def test_each_endpoint_gets_the_length_limit_it_accepts() -> None:
    openai_spec = resolve_provider("openai:gpt-4o-mini", env={"OPENAI_API_KEY": "k"})
    reasoning = resolve_provider("openai:gpt-5-mini", env={"OPENAI_API_KEY": "k"})
    served = resolve_provider("llama3", "http://127.0.0.1:1/v1", env={})
    assert openai_spec and reasoning and served
    assert sampling_params(openai_spec, 100) == {"max_completion_tokens": 100, "temperature": 0}
    assert sampling_params(reasoning, 100) == {"max_completion_tokens": 100}
    assert sampling_params(served, 100) == {"max_tokens": 100, "temperature": 0}


def test_the_instructor_wrapping_is_built_once_per_request_model() -> None:
    import instructor

    from extractor.llm.client import _instructor_model

    model = build_request_model(["department"])
    wrapped = _instructor_model(model)

    assert _instructor_model(model) is wrapped  # no new class (and schema) per request
    assert issubclass(wrapped, instructor.OpenAISchema) and issubclass(wrapped, model)
    assert wrapped.model_json_schema() == model.model_json_schema()
