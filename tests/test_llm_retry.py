"""Retries on transient errors: bounded, with backoff, honouring Retry-After."""

from __future__ import annotations

import time

import pytest

from extractor.llm.errors import (
    LLMBadAnswerError,
    LLMRateLimitError,
    LLMServerError,
    LLMTransientError,
)
from extractor.llm.retry import RetryPolicy, call_with_retries

FAST = RetryPolicy(max_attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01)


class Flaky:
    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def test_transient_errors_are_retried_until_success() -> None:
    seen: list[LLMTransientError] = []
    call = Flaky(LLMServerError("502"), LLMServerError("503"))
    assert call_with_retries(call, FAST, seen.append) == "ok"
    assert call.calls == 3 and len(seen) == 2


def test_attempts_are_bounded_and_the_last_error_raised() -> None:
    call = Flaky(*(LLMServerError(str(i)) for i in range(5)))
    with pytest.raises(LLMServerError, match="2"):
        call_with_retries(call, FAST)
    assert call.calls == 3


def test_other_errors_are_not_retried() -> None:
    call = Flaky(LLMBadAnswerError("bad json"))
    with pytest.raises(LLMBadAnswerError):
        call_with_retries(call, FAST)
    assert call.calls == 1


def test_retry_after_sets_the_wait() -> None:
    call = Flaky(LLMRateLimitError("429", retry_after=0.4))
    policy = RetryPolicy(max_attempts=2, initial_wait=0.01, max_wait=1.0, jitter=0.01)
    started = time.monotonic()
    call_with_retries(call, policy)  # the backoff alone would wait about 0.01 s
    assert 0.35 <= time.monotonic() - started < 2


def test_retry_after_is_capped_by_the_longest_wait() -> None:
    call = Flaky(LLMRateLimitError("429", retry_after=3600))
    started = time.monotonic()
    call_with_retries(call, FAST)
    assert time.monotonic() - started < 1
