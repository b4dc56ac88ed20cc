"""The only module that imports instructor, openai and llama_cpp.

``ModelClient.complete`` sends one structured request through instructor (which re-asks on
validation errors, a bounded number of times) and returns the answer with every token it
cost. Library errors are translated to ours in one place, ``translate_error``, driven by
explicit tables that a test checks against every exception class the libraries export.
"""

from __future__ import annotations

import atexit
import email.utils
import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import instructor
import openai
from instructor.core import exceptions as instructor_errors
from pydantic import BaseModel

from extractor.errors import LLMConfigError, LLMError
from extractor.llm.budget import TokenBudget, message_tokens
from extractor.llm.errors import (
    LLMBadAnswerError,
    LLMBudgetError,
    LLMConnectionError,
    LLMRateLimitError,
    LLMServerError,
    LLMTimeoutError,
    TokenCount,
    usage_of,
)
from extractor.llm.provider import OutputMode, ProviderKind, ProviderSpec
from extractor.llm.request_model import answer_values, salvage_values

# instructor logs every failed attempt at ERROR; our warnings and errors say it once.
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("instructor").propagate = False

_MODES = {
    OutputMode.TOOLS: instructor.Mode.TOOLS,
    OutputMode.JSON: instructor.Mode.JSON,
    OutputMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
}

# Every exception class openai exports, and what it becomes. Order matters only for
# subclasses met at run time: the most specific class is looked up first (by the MRO).
OPENAI_ERRORS: dict[type[BaseException], type[LLMError]] = {
    openai.APITimeoutError: LLMTimeoutError,
    openai.APIConnectionError: LLMConnectionError,
    openai.RateLimitError: LLMRateLimitError,
    openai.InternalServerError: LLMServerError,
    openai.AuthenticationError: LLMConfigError,
    openai.PermissionDeniedError: LLMConfigError,
    openai.NotFoundError: LLMConfigError,  # a model or endpoint the server does not have
    openai.BadRequestError: LLMBadAnswerError,
    openai.ConflictError: LLMServerError,
    openai.UnprocessableEntityError: LLMBadAnswerError,
    openai.APIStatusError: LLMBadAnswerError,  # other statuses; 5xx and 408 are retried below
    openai.APIResponseValidationError: LLMBadAnswerError,
    openai.LengthFinishReasonError: LLMBadAnswerError,
    openai.ContentFilterFinishReasonError: LLMBadAnswerError,
    openai.APIError: LLMBadAnswerError,
    openai.OAuthError: LLMConfigError,
    openai.InvalidWebhookSignatureError: LLMBadAnswerError,  # never raised by chat calls
    openai.WebSocketConnectionClosedError: LLMConnectionError,  # never raised by chat calls
    openai.WebSocketQueueFullError: LLMServerError,  # never raised by chat calls
    openai.OpenAIError: LLMBadAnswerError,
}

# Every exception class instructor exports (instructor.core.exceptions), and what it becomes
# when it carries no library error underneath (InstructorRetryException's cause is looked up
# first: a 429 inside instructor's loop is still a 429).
INSTRUCTOR_ERRORS: dict[type[BaseException], type[LLMError]] = {
    instructor_errors.TokenUsageUnavailableError: LLMBudgetError,
    instructor_errors.TokenBudgetExceeded: LLMBudgetError,
    instructor_errors.TokenBudgetError: LLMBudgetError,
    instructor_errors.InstructorRetryException: LLMBadAnswerError,
    instructor_errors.IncompleteOutputException: LLMBadAnswerError,
    instructor_errors.ValidationError: LLMBadAnswerError,
    instructor_errors.AsyncValidationError: LLMBadAnswerError,
    instructor_errors.ResponseParsingError: LLMBadAnswerError,
    instructor_errors.ProviderError: LLMBadAnswerError,
    instructor_errors.ConfigurationError: LLMConfigError,
    instructor_errors.ModeError: LLMConfigError,
    instructor_errors.ClientError: LLMConfigError,
    instructor_errors.MultimodalError: LLMBadAnswerError,
    instructor_errors.InstructorError: LLMBadAnswerError,
}


@dataclass(frozen=True)
class ClientSettings:
    """Per-request limits."""

    timeout: float = 60.0
    max_output_tokens: int = 1024
    reasks: int = 2  # instructor's re-asks on an invalid answer, after the first try
    gguf_context: int = 4096  # n_ctx for an in-process model
    gguf_threads: int | None = None


@dataclass
class Completion:
    """A validated answer as plain data, and what it cost (re-asks included)."""

    values: dict[str, Any]
    usage: TokenCount
    note: str | None = None  # set when the values were salvaged from an invalid answer


class ModelClient:
    """A model behind instructor, for one provider."""

    def __init__(self, spec: ProviderSpec, settings: ClientSettings) -> None:
        self.spec = spec
        self.settings = settings
        self._create = self._create_function()

    def _create_function(self) -> Callable[..., Any]:
        if self.spec.kind is ProviderKind.GGUF:
            assert self.spec.model_path is not None
            llama = _load_gguf(
                self.spec.model_path, self.settings.gguf_context, self.settings.gguf_threads
            )
            lock = _GGUF_LOCKS[self.spec.model_path]

            def create_locally(*args: Any, **kwargs: Any) -> Any:
                kwargs.pop("timeout", None)
                kwargs["response_format"] = _llama_response_format(kwargs.get("response_format"))
                with lock:  # one llama.cpp context cannot serve two threads at once
                    return llama.create_chat_completion_openai_v1(*args, **kwargs)

            return create_locally
        client = openai.OpenAI(
            api_key=self.spec.api_key,
            base_url=self.spec.endpoint,
            timeout=self.settings.timeout,
            max_retries=0,  # tenacity (retry.py) is the only retry layer
        )
        return client.chat.completions.create

    def complete(
        self, system: str, user: str, response_model: type[BaseModel], budget: TokenBudget
    ) -> Completion:
        """One request, with instructor's bounded re-asks.

        Raises:
            LLMTransientError: a 429, 5xx, timeout or lost connection (retry it).
            LLMBadAnswerError: the answers stayed invalid after the re-asks.
            LLMBudgetError: a call would pass the document's token budget.
            LLMConfigError: the endpoint refused the key, or does not have the model.
        """
        calls = 0
        max_tokens = self.settings.max_output_tokens

        def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            budget.charge(message_tokens(kwargs.get("messages", ())) + max_tokens)
            calls += 1
            return self._create(*args, **kwargs)

        create = instructor.patch(create=counted, mode=_MODES[self.spec.mode])
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            answer = create(
                response_model=_instructor_model(response_model),
                max_retries=self.settings.reasks,
                model=self.spec.model,
                messages=messages,
                timeout=self.settings.timeout,
                **sampling_params(self.spec, max_tokens),
            )
        except Exception as error:
            failure = translate_error(error, calls)
            salvaged = _salvage(failure, error, response_model)
            if salvaged is None:
                raise failure from error
            return salvaged
        usage = _usage(getattr(answer, "_total_usage", None)) or _usage(
            getattr(getattr(answer, "_raw_response", None), "usage", None)
        )
        count = usage or TokenCount()
        count.calls, count.reasks = calls, max(calls - 1, 0)
        return Completion(answer_values(answer), count)


@functools.cache
def _instructor_model(response_model: type[BaseModel]) -> type[BaseModel]:
    """``response_model`` wrapped as instructor's OpenAISchema once per class: instructor
    otherwise builds a new pydantic class (and its schema) on every call, which cost about
    as much CPU as the rest of the request and capped the batch's speed-up over threads."""
    wrapped: type[BaseModel] = instructor.openai_schema(response_model)
    return wrapped


_REASONING_MODELS = ("o1", "o3", "o4", "gpt-5")


def sampling_params(spec: ProviderSpec, max_tokens: int) -> dict[str, Any]:
    """The length limit and temperature each endpoint accepts.

    OpenAI's own API takes ``max_completion_tokens`` (its reasoning models refuse
    ``max_tokens`` and any temperature but the default); compatible servers and llama.cpp
    take the classic ``max_tokens``. Deterministic sampling wherever it is allowed.
    """
    if spec.kind is ProviderKind.OPENAI:
        params: dict[str, Any] = {"max_completion_tokens": max_tokens}
        if not spec.model.startswith(_REASONING_MODELS):
            params["temperature"] = 0.0
        return params
    return {"max_tokens": max_tokens, "temperature": 0.0}


def _salvage(
    failure: LLMError, error: BaseException, response_model: type[BaseModel]
) -> Completion | None:
    # After the re-asks, the last answer's valid fields are still worth grounding.
    if not isinstance(failure, LLMBadAnswerError):
        return None
    raw = _completion_text(getattr(error, "last_completion", None))
    values = salvage_values(raw, response_model) if raw else {}
    if not values:
        return None
    note = (
        f"the model's last answer failed validation ({failure}); kept its valid fields: "
        f"{', '.join(values)}"
    )
    return Completion(values, usage_of(failure), note)


def _completion_text(completion: Any) -> str | None:
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    for call in getattr(message, "tool_calls", None) or ():
        arguments = getattr(getattr(call, "function", None), "arguments", None)
        if isinstance(arguments, str):
            return arguments
    content = getattr(message, "content", None)
    return content if isinstance(content, str) else None


def _llama_response_format(requested: Any) -> Any:
    # llama-cpp-python constrains generation to a schema given as {"type": "json_object",
    # "schema": ...}; instructor's JSON_SCHEMA mode sends OpenAI's json_schema shape.
    if isinstance(requested, dict) and requested.get("type") == "json_schema":
        schema = _llama_schema(requested["json_schema"]["schema"])
        return {"type": "json_object", "schema": schema}
    return requested


# Caps written into the grammar only: small local models repeat list items until max_tokens.
GGUF_MAX_ITEMS = 8
GGUF_MAX_STRING = 200


def _llama_schema(schema: Any) -> Any:
    """The schema as llama.cpp's grammar builder can take it: no regex patterns (escapes such
    as \\d crashed the process in 0.3.x; pydantic still checks them on validation), and
    bounded arrays and strings."""
    if isinstance(schema, list):
        return [_llama_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    cleaned = {k: _llama_schema(v) for k, v in schema.items() if k != "pattern"}
    if cleaned.get("type") == "array":
        cleaned.setdefault("maxItems", GGUF_MAX_ITEMS)
    if cleaned.get("type") == "string" and "enum" not in cleaned:
        cleaned.setdefault("maxLength", GGUF_MAX_STRING)
    return cleaned


def translate_error(error: BaseException, calls: int = 0) -> LLMError:
    """Our error for any exception a model call raised, carrying the tokens already spent."""
    spent = (
        _usage(getattr(error, "total_usage", None))
        or _usage(getattr(getattr(error, "last_completion", None), "usage", None))
        or TokenCount()
    )
    spent.calls = calls
    spent.reasks = max(calls - 1, 0)
    cause = error.__cause__ if isinstance(error, instructor_errors.InstructorError) else None
    if isinstance(cause, openai.OpenAIError | LLMError) and not isinstance(
        error, instructor_errors.TokenBudgetError
    ):
        inner = translate_error(cause, calls)
        usage_of(inner).add(_tokens_only(spent))
        return inner
    if isinstance(error, instructor_errors.InstructorRetryException):
        reason = _first_line(cause) if cause is not None else _first_line(error)
        return LLMBadAnswerError(f"no valid answer after {calls} attempt(s): {reason}", spent)
    if isinstance(error, LLMError):
        usage_of(error).add(spent)
        return error
    target = _lookup(type(error))
    message = f"{type(error).__name__}: {_first_line(error)}"
    if target is None:  # a failure inside llama.cpp (context overflow, bad grammar) or a bug
        return LLMBadAnswerError(f"the model call failed: {message}", spent)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        if status >= 500 or status == 408:
            target = LLMTimeoutError if status == 408 else LLMServerError
        message = f"HTTP {status} from the model endpoint: {_first_line(error)}"
    if target is LLMRateLimitError:
        return LLMRateLimitError(message, _retry_after(error), spent)
    if target is LLMConfigError:
        return LLMConfigError(message)
    return target(message, spent)


def _lookup(kind: type[BaseException]) -> type[LLMError] | None:
    for klass in kind.__mro__:
        if klass in OPENAI_ERRORS:
            return OPENAI_ERRORS[klass]
        if klass in INSTRUCTOR_ERRORS:
            return INSTRUCTOR_ERRORS[klass]
    return None


def _retry_after(error: BaseException) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return float(millis) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(parsed.timestamp() - time.time(), 0.0) if parsed else None


def _usage(usage: Any) -> TokenCount | None:
    if usage is None:
        return None
    prompt = getattr(usage, "prompt_tokens", None)
    completion = getattr(usage, "completion_tokens", None)
    if prompt is None and completion is None:
        return None
    return TokenCount(input_tokens=int(prompt or 0), output_tokens=int(completion or 0))


def _tokens_only(count: TokenCount) -> TokenCount:
    return TokenCount(input_tokens=count.input_tokens, output_tokens=count.output_tokens)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return (text.splitlines() or [""])[0][:200]


# In-process models are loaded once per path and shared; a lock per path serialises calls.
_GGUF_MODELS: dict[Path, Any] = {}
_GGUF_LOCKS: dict[Path, threading.Lock] = {}
_GGUF_LOAD_LOCK = threading.Lock()


@atexit.register
def _close_gguf_models() -> None:
    # Closed while the interpreter still works: llama.cpp's own finaliser fails noisily
    # when it runs during shutdown, after the modules it needs are gone.
    with _GGUF_LOAD_LOCK:
        for model in _GGUF_MODELS.values():
            model.close()
        _GGUF_MODELS.clear()


def _load_gguf(path: Path, n_ctx: int, n_threads: int | None) -> Any:
    with _GGUF_LOAD_LOCK:
        if path not in _GGUF_MODELS:
            try:
                from llama_cpp import Llama
            except ImportError as error:
                raise LLMConfigError(
                    "gguf: models need llama-cpp-python: pip install 'extractor[gguf]'"
                ) from error
            try:
                _GGUF_MODELS[path] = Llama(
                    model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, verbose=False
                )
            except (ValueError, RuntimeError, OSError) as error:
                raise LLMConfigError(f"gguf: cannot load {str(path)!r}: {error}") from error
            _GGUF_LOCKS[path] = threading.Lock()
        return _GGUF_MODELS[path]
